// --probe against a loopback receiver standing in for Cognigy: the data action's test endpoint
// really calls it, and verify classifies what came back.
import { createServer, Server } from "http";
import type { AddressInfo } from "net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { rowName } from "../../tools/verify/failures";
import { classifyProbe } from "../../tools/verify/probe";
import { deployed, startOrg, verifyRows } from "./org";

const PROBE = 'Data action "Send Event to Cognigy": probe (test call to Cognigy)';

let emu: Emulator;
let receiver: Server;
let answer = 200;
const received: unknown[] = [];
let cognigy: Record<string, string>;

beforeAll(async () => {
  emu = await startOrg();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(answer, { "Content-Type": "application/json" });
      res.end(answer === 200 ? "{}" : JSON.stringify({ error: `answer ${answer}` }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  cognigy = { "cognigy:endpointUrl": `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` };
  await deployed(emu, "probe", cognigy);
});
afterAll(async () => {
  await emu.close();
  receiver.close();
});

async function probeRow() {
  const rows = await verifyRows(emu, "probe", cognigy, true);
  const others = rows.filter((row) => row.name !== PROBE && !row.ok);
  expect(others).toEqual([]);
  return rows.find((row) => row.name === PROBE);
}

describe("verify --probe", () => {
  it("200: reachable and accepted; the request went to the handover path with dummy inputs", async () => {
    answer = 200;
    received.length = 0;
    expect(await probeRow()).toMatchObject({ ok: true, actual: "reachable and accepted" });
    expect(received).toEqual([
      {
        method: "POST",
        url: "/handover/genesysCloudOM",
        body: { userId: "cognigy-verify-probe", topic: "cognigy-verify-probe", disconnectType: "cognigy-verify-probe" },
      },
    ]);
  });

  it("404: reachable, rejected the dummy data, which still passes", async () => {
    answer = 404;
    const row = await probeRow();
    expect(row?.ok).toBe(true);
    expect(row?.actual).toMatch(/^reachable, rejected the dummy data with HTTP 404/);
  });

  it("503: unreachable/5xx fails with a hint about the URL or Cognigy being down", async () => {
    answer = 503;
    const row = await probeRow();
    expect(row?.ok).toBe(false);
    expect(row?.actual).toMatch(/^unreachable, 5xx or timeout \(503\)/);
    expect(row?.hint).toContain("cognigy:endpointUrl");
  });

  it("nothing listening: unreachable fails", async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    const row = await probeRow();
    expect(row?.ok).toBe(false);
    expect(row?.actual).toMatch(/^unreachable, 5xx or timeout/);
  });
});

describe("verify after the stack's own workflows failed to reach Cognigy", () => {
  it("events published while nothing listens show in the failed-calls row; the probe's test calls do not", async () => {
    if (receiver.listening) await new Promise<void>((resolve) => receiver.close(() => resolve()));
    for (const kind of ["acw", "user.end"] as const) await emu.publishEvent(sampleTopic(kind), sampleEvent(kind, "open-messaging"));
    const row = (await verifyRows(emu, "probe", cognigy)).find((r) => r.name === rowName("Send Event to Cognigy"));
    expect(row?.ok).toBe(false);
    expect(row?.actual).toMatch(/^2 of 2 calls failed: .* UTC: 2 × no HTTP answer/);
  });
});

describe("classifyProbe (pure)", () => {
  const op = (name: string, success: boolean, status?: number) => ({ name, success, ...(success ? {} : { error: { status, message: `${name} failed` } }) });

  it("tells the outcomes apart by the failed step and its status", () => {
    expect(classifyProbe({ success: true, operations: [op("Execute HTTP request", true)] })).toEqual({ kind: "accepted" });
    expect(classifyProbe({ success: false, operations: [op("Execute HTTP request", false, 400)] })).toMatchObject({ kind: "rejected", status: 400 });
    expect(classifyProbe({ success: false, operations: [op("Execute HTTP request", false, 500)] })).toMatchObject({ kind: "unreachable", status: 500 });
    expect(classifyProbe({ success: false, operations: [op("Validate input against schema", false, 400), op("Execute HTTP request", true)] })).toMatchObject({
      kind: "not-sent",
      step: "Validate input against schema",
    });
    expect(classifyProbe({ success: false, operations: [op("Execute HTTP request", true), op("Parse response", false, 400)] })).toMatchObject({ kind: "accepted" });
    // Without step names, the overall error's status decides.
    expect(classifyProbe({ success: false, error: { status: 404, message: "x" } })).toMatchObject({ kind: "rejected", status: 404 });
    expect(classifyProbe({ success: false, error: { message: "timed out" } })).toMatchObject({ kind: "unreachable" });
  });
});
