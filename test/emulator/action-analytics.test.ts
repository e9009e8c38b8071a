// Data action analytics in the emulator (POST /api/v2/analytics/actions/aggregates/query): the
// query's groups, filter and buckets over recorded runs. What events record through the SDK is in
// events.test.ts.
import { describe, expect, it } from "vitest";
import { aggregate, isoDurationMs, parseQuery } from "../../dev/emulator/action-analytics";
import type { ActionExecution } from "../../dev/emulator/action-executions";

interface Group {
  group: Record<string, string>;
  data: { interval: string; metrics: { metric: string; stats: { count: number } }[] }[];
}
const count = (group: Group) => group.data.reduce((sum, bucket) => sum + bucket.metrics[0].stats.count, 0);

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
