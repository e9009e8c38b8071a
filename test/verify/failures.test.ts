// Past failed calls to Cognigy in verify: the workflows' data action runs as Genesys's action
// analytics count them. Events are published through the emulator's control API while a loopback
// receiver standing in for Cognigy answers 200, answers 500, or is gone; then verify reports what
// failed, when, and the fix. The org holds the product's objects, made through the SDK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOVER_EVENTS } from "../../domain/events";
import type { Emulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic, type SampleKind } from "../../dev/emulator/sample-events";
import { bucketText, callHistory, failuresRow, isFailure, rowName } from "../../tools/verify/failures";
import { type Recorder, startRecorder } from "../emulator/cognigy-receiver";
import { handoverOrg } from "../emulator/handover-org";
import { login } from "../emulator/sdk";
import { startOrg, verifyRows } from "./org";

const ROW = rowName("Send Event to Cognigy");
const EVENTS = HANDOVER_EVENTS.map((event) => event.genesysEvent);

let emu: Emulator;
let cognigy: Recorder;
let config: Record<string, string>;

beforeAll(async () => {
  emu = await startOrg();
  cognigy = await startRecorder();
  const org = await handoverOrg(await login(emu.url), cognigy.url);
  config = { "cognigy:endpointUrl": cognigy.url, "cognigy:integrationName": org.integration.name };
});
afterAll(async () => {
  await emu.close();
  await cognigy.close();
});

/** One event of each kind, published as Genesys would (the emulator's control API). */
async function publishBoth(): Promise<void> {
  for (const kind of ["acw", "user.end"] as SampleKind[]) {
    const answer = await fetch(`${emu.url}/__emulator/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ topic: sampleTopic(kind), event: sampleEvent(kind, "open-messaging") }),
    });
    expect(answer.status).toBe(200);
  }
}

async function failuresRowNow() {
  const rows = await verifyRows(emu, "failures", config);
  return rows.find((row) => row.name === ROW);
}

describe("verify: failed calls to Cognigy in the last 24 hours", () => {
  it("calls Cognigy accepted pass", async () => {
    await publishBoth();
    expect(cognigy.received).toHaveLength(2);
    expect(await failuresRowNow()).toEqual({ name: ROW, ok: true });
  });

  it("Cognigy answering 500: fails, naming how many, when, the status, both events and the fix", async () => {
    cognigy.reply = { status: 500, body: '{"error":"down"}' };
    await publishBoth();
    const row = await failuresRowNow();
    expect(row?.ok).toBe(false);
    expect(row?.expected).toBe("no failed call (of 4)");
    expect(row?.actual).toMatch(/^2 of 4 calls failed: \d{4}-\d\d-\d\d \d\d:\d\d–(\d{4}-\d\d-\d\d )?\d\d:\d\d UTC: 2 × HTTP 500/);
    for (const event of EVENTS) expect(row?.hint).toContain(event);
    expect(row?.hint).toContain("cognigy:endpointUrl");
    expect(row?.hint).toContain("Data Actions Performance Summary");
  });

  it("Cognigy gone: the calls without an HTTP answer are named too", async () => {
    await cognigy.close();
    await publishBoth();
    const row = await failuresRowNow();
    expect(row?.ok).toBe(false);
    expect(row?.actual).toMatch(/^4 of 6 calls failed: /);
    expect(row?.actual).toContain("2 × no HTTP answer (error type CONNECTION)");
    expect(row?.actual).toContain("2 × HTTP 500");
  });
});

describe("reading the analytics' answer (pure)", () => {
  const bucket = (interval: string, count: number) => ({ interval, metrics: [{ metric: "tTotalExecution", stats: { count } }] });
  const HOUR = "2026-12-07T21:00:00Z/2026-12-07T22:00:00Z";

  it("a failure is an error type or a status outside 2xx, whichever Genesys sets", () => {
    expect(isFailure({ responseStatus: "200" })).toBe(false);
    expect(isFailure({})).toBe(false);
    expect(isFailure(undefined)).toBe(false);
    expect(isFailure({ responseStatus: "503" })).toBe(true);
    expect(isFailure({ errorType: "TIMEOUT" })).toBe(true);
    // A 2xx whose answer did not fit the contract still failed.
    expect(isFailure({ responseStatus: "200", errorType: "RESPONSE" })).toBe(true);
  });

  it("counts every call and lists the failed ones by bucket, oldest first", () => {
    const history = callHistory([
      { group: { responseStatus: "200" }, data: [bucket(HOUR, 5)] },
      { group: { responseStatus: "400" }, data: [bucket("2026-12-07T23:00:00Z/2026-12-08T00:00:00Z", 1)] },
      { group: { errorType: "TIMEOUT" }, data: [bucket(HOUR, 2)] },
    ]);
    expect(history).toEqual({
      total: 8,
      failed: [
        { interval: HOUR, count: 2, errorType: "TIMEOUT" },
        { interval: "2026-12-07T23:00:00Z/2026-12-08T00:00:00Z", count: 1, status: "400" },
      ],
    });
    expect(callHistory([])).toEqual({ total: 0, failed: [] });
  });

  it("the row: when, what, and a hint for each kind of failure", () => {
    expect(failuresRow("A", EVENTS, { total: 3, failed: [] })).toEqual({ name: rowName("A"), ok: true });
    const row = failuresRow("A", EVENTS, {
      total: 9,
      failed: [
        { interval: HOUR, count: 2, errorType: "TIMEOUT" },
        { interval: HOUR, count: 1, status: "404" },
      ],
    });
    expect(row.actual).toBe("3 of 9 calls failed: 2026-12-07 21:00–22:00 UTC: 2 × no HTTP answer (error type TIMEOUT), 1 × HTTP 404");
    expect(row.hint).toContain("No HTTP answer or 5xx");
    expect(row.hint).toContain("HTTP 4xx: Cognigy refused");
    expect(row.hint).not.toContain("HTTP 2xx");
    expect(failuresRow("A", EVENTS, { total: 1, failed: [{ interval: HOUR, count: 1, status: "200", errorType: "RESPONSE" }] }).hint).toContain(
      "HTTP 2xx with an error type",
    );
    expect(bucketText("2026-12-07T23:00:00Z/2026-12-08T00:00:00Z")).toBe("2026-12-07 23:00–2026-12-08 00:00 UTC");
  });
});
