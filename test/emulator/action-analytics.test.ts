// Data action analytics in the emulator (POST /api/v2/analytics/actions/aggregates/query): the
// runs of the workflows' Call Data Actions, counted by the query's groups, filter and buckets. The
// org is the product's (handover-org.ts), the events the emulator's samples.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aggregate, isoDurationMs, parseQuery } from "../../dev/emulator/action-analytics";
import type { ActionExecution } from "../../dev/emulator/action-executions";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { ACTION_ERROR_TYPES } from "../../dev/emulator/unverified";
import { deadUrl, type Recorder, startRecorder } from "./cognigy-receiver";
import { handoverOrg } from "./handover-org";
import { type Apis, failure, login } from "./sdk";

let emu: Emulator;
let api: Apis;
let cognigy: Recorder;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  cognigy = await startRecorder();
});
afterAll(async () => {
  await emu.close();
  await cognigy.close();
});
beforeEach(async () => {
  emu.reset();
  api = await login(emu.url);
  cognigy.reply = { status: 200, body: '{"received":true}' };
});

const DAY = { interval: `${new Date(Date.now() - 86_400_000).toISOString()}/${new Date(Date.now() + 60_000).toISOString()}` };
const query = (body: Record<string, unknown>) => api.analytics.postAnalyticsActionsAggregatesQuery(body as never) as Promise<{ results?: Group[] }>;
interface Group {
  group: Record<string, string>;
  data: { interval: string; metrics: { metric: string; stats: { count: number } }[] }[];
}
const count = (group: Group) => group.data.reduce((sum, bucket) => sum + bucket.metrics[0].stats.count, 0);
const publishBoth = async () => {
  await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
  await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
};

describe("the runs of the workflows' data action, counted", () => {
  it("groups by error type and response status: successes carry none, a remote 500 does", async () => {
    const org = await handoverOrg(api, cognigy.url);
    await publishBoth();
    cognigy.reply = { status: 500, body: '{"error":"down"}' };
    await publishBoth();

    const body = { ...DAY, groupBy: ["actionId", "errorType", "responseStatus"], metrics: ["tTotalExecution"] };
    const { results = [] } = await query(body);
    expect(results.map((g) => [g.group, count(g)])).toEqual([
      [{ actionId: org.actionId, responseStatus: "200" }, 2],
      [{ actionId: org.actionId, responseStatus: "500", errorType: ACTION_ERROR_TYPES.remoteStatus }, 2],
    ]);
    // One bucket (the default granularity is the interval), its interval the query's.
    expect(results[0].data.map((bucket) => bucket.interval)).toHaveLength(1);
    expect(results[0].data[0].metrics[0].metric).toBe("tTotalExecution");
  });

  it("a receiver that is gone: no response status, error type CONNECTION", async () => {
    await handoverOrg(api, await deadUrl());
    await publishBoth();
    const { results = [] } = await query({ ...DAY, groupBy: ["errorType", "responseStatus"], metrics: ["tTotalExecution"] });
    expect(results.map((g) => [g.group, count(g)])).toEqual([[{ errorType: ACTION_ERROR_TYPES.connection }, 2]]);
  });

  it("the filter keeps the named action only; nothing matching answers {}", async () => {
    await handoverOrg(api, cognigy.url);
    await publishBoth();
    const named = (name: string) => ({
      ...DAY,
      metrics: ["tTotalExecution"],
      filter: { type: "and", predicates: [{ dimension: "actionName", value: name }, { dimension: "actionCategory", value: "Web Services Data Actions" }] },
    });
    expect(((await query(named("Send Event to Cognigy"))).results ?? []).map(count)).toEqual([2]);
    expect(await query(named("Another action"))).toEqual({});
  });

  it("test runs of the action (verify's probe) are not counted: the guess in unverified.ts", async () => {
    const org = await handoverOrg(api, cognigy.url);
    cognigy.reply = { status: 404, body: '{"error":"unknown user"}' };
    const test = await api.integrations.postIntegrationsActionTest(org.actionId, { userId: "x", topic: "y", disconnectType: "z" });
    expect(test.success).toBe(false);
    expect(cognigy.received.length).toBeGreaterThan(0);
    expect(await query({ ...DAY, metrics: ["tTotalExecution"] })).toEqual({});
  });

  it("refuses a query without metrics, with an unknown dimension or a bad interval, naming the field", async () => {
    expect(await failure(query({ ...DAY }))).toMatchObject({ status: 400, message: expect.stringContaining("'metrics'") });
    expect(await failure(query({ ...DAY, metrics: ["tTotalExecution"], groupBy: ["flowId"] }))).toMatchObject({
      status: 400,
      message: expect.stringContaining("'groupBy[0]'"),
    });
    expect(await failure(query({ interval: "yesterday", metrics: ["tTotalExecution"] }))).toMatchObject({ status: 400, message: expect.stringContaining("'interval'") });
  });
});

describe("the query (pure)", () => {
  const at = Date.parse("2026-12-07T21:30:00Z");
  const execution = (minutes: number, dimensions: ActionExecution["dimensions"]): ActionExecution => ({ at: at + minutes * 60_000, durationMs: 10, dimensions });

  it("ISO-8601 durations", () => {
    expect(isoDurationMs("PT1H")).toBe(3_600_000);
    expect(isoDurationMs("P1DT12H")).toBe(36 * 3_600_000);
    expect(isoDurationMs("PT30M")).toBe(1_800_000);
    expect([isoDurationMs("P"), isoDurationMs("PT"), isoDurationMs("1H"), isoDurationMs("PT0S")]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("buckets by granularity from the interval's start, leaves out executions outside it and empty buckets", () => {
    const q = parseQuery({ interval: "2026-12-07T20:00:00Z/2026-12-07T23:00:00Z", granularity: "PT1H", groupBy: ["errorType"], metrics: ["tTotalExecution"] });
    const answer = aggregate(q, [
      execution(0, {}),
      execution(40, { errorType: "TIMEOUT" }),
      execution(45, { errorType: "TIMEOUT" }),
      execution(200, { errorType: "TIMEOUT" }),
    ]) as { results: Group[] };
    expect(answer.results.map((g) => [g.group, g.data.map((b) => [b.interval, b.metrics[0].stats.count])])).toEqual([
      [{}, [["2026-12-07T21:00:00Z/2026-12-07T22:00:00Z", 1]]],
      [{ errorType: "TIMEOUT" }, [["2026-12-07T22:00:00Z/2026-12-07T23:00:00Z", 2]]],
    ]);
  });

  it("filters: and/or, clauses, exists and notExists", () => {
    const all = [execution(0, { actionName: "a", errorType: "X" }), execution(1, { actionName: "b" }), execution(2, { actionName: "c" })];
    const counted = (filter: Record<string, unknown>) =>
      ((aggregate(parseQuery({ interval: "2026-12-07T00:00:00Z/2026-12-08T00:00:00Z", metrics: ["tTotalExecution"], filter }), all) as { results?: Group[] }).results ?? []).map(count);
    expect(counted({ type: "or", predicates: [{ dimension: "actionName", value: "a" }, { dimension: "actionName", value: "b" }] })).toEqual([2]);
    expect(counted({ type: "and", predicates: [{ dimension: "errorType", operator: "exists" }] })).toEqual([1]);
    expect(counted({ type: "and", predicates: [{ dimension: "errorType", operator: "notExists" }], clauses: [{ type: "or", predicates: [{ dimension: "actionName", value: "c" }] }] })).toEqual([1]);
  });
});
