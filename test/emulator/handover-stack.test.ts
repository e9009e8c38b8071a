// Issue 14's loop through the whole stack: the real `pulumi up` (test/support/stack.ts) against
// the emulator, then events published on it: trigger → workflow → data action → a loopback
// Cognigy endpoint. The steps share one stack and run in order.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, type EventRecord, startEmulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { rehearse } from "../../dev/local/rehearse";
import { emulatorConfig, TestStack } from "../support/stack";
import { genesysChanges } from "../support/state";
import { releaseWith } from "../support/release";
import inputContract from "../../templates/input-contract.json";
import { deadUrl, type Recorder, startRecorder } from "./cognigy-receiver";

const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const ACW_TOPIC = "v2.detail.events.conversation.id.acw";
const USER_END_TOPIC = "v2.detail.events.conversation.id.user.end";

let emu: Emulator;
let cognigy: Recorder;
let stack: TestStack;
let config: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  cognigy = await startRecorder();
  config = emulatorConfig(emu, { "cognigy:endpointUrl": cognigy.url });
  stack = await TestStack.create({ stack: "rehearsal", config, secretKeys: SECRET_KEYS });
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
  await cognigy?.close();
});

/** Publishes an Open Messaging (or voice) event of each kind; returns what Cognigy received. */
async function both(channel: "open-messaging" | "voice" = "open-messaging") {
  cognigy.received.length = 0;
  const acw = sampleEvent("acw", channel);
  const userEnd = sampleEvent("user.end", channel);
  const logs: EventRecord[] = [await emu.publishEvent(sampleTopic("acw"), acw), await emu.publishEvent(sampleTopic("user.end"), userEnd)];
  return { acw, userEnd, logs, bodies: cognigy.received.map((r) => [r.method, r.url, JSON.parse(r.body)]) };
}

const expected = (acw: Record<string, unknown>, userEnd: Record<string, unknown>) => [
  ["POST", "/handover/genesysCloudOM", { userId: acw.addressTo, topic: ACW_TOPIC }],
  ["POST", "/handover/genesysCloudOM", { userId: userEnd.addressTo, topic: USER_END_TOPIC, disconnectType: userEnd.disconnectType }],
];

it("after `pulumi up`, each Open Messaging event reaches Cognigy once with the guide's body; voice events do not", async () => {
  await stack.up();
  const { acw, userEnd, bodies } = await both();
  expect(bodies).toEqual(expected(acw, userEnd));
  expect((await both("voice")).bodies).toEqual([]);

  // What `npm run local` prints after deploying (dev/local/rehearse.ts).
  cognigy.received.length = 0;
  const report = await rehearse(emu.url);
  expect(report.ok).toBe(true);
  expect(cognigy.received).toHaveLength(2);
});

it("Cognigy answering 500 shows as the workflow's failure path in the execution log", async () => {
  cognigy.reply = { status: 500, body: '{"error":"unavailable"}' };
  try {
    const { logs } = await both();
    for (const log of logs) {
      const steps = log.triggers.find((t) => t.fired)!.execution!.steps;
      expect(steps.find((s) => s.type === "callData")).toMatchObject({ output: "failure", error: { status: 500 }, http: { response: { status: 500 } } });
    }
  } finally {
    cognigy.reply = { status: 200, body: '{"received":true}' };
  }
});

it("a data action contract change followed by `pulumi up` replaces the action, republishes both workflows and still delivers", async () => {
  // The stack as an earlier release with another contract (userId required) left it.
  const release = releaseWith({ "input-contract.json": { ...inputContract, required: ["userId"] } });
  const earlier = await TestStack.create({ stack: "rehearsal", config, secretKeys: SECRET_KEYS, backendDir: stack.backendDir, projectDir: release.dir });
  try {
    await earlier.up();
  } finally {
    await earlier.dispose();
    release.dispose();
  }
  const oldId = emu.state().actions[0].id;

  const up = await stack.up();
  expect(genesysChanges(up.steps)).toEqual([
    "create-replacement DataAction handover-data-action",
    "delete-replaced DataAction handover-data-action",
    "replace DataAction handover-data-action",
    "update Workflow handover-workflow-acw",
    "update Workflow handover-workflow-user-end",
  ]);
  const live = emu.state();
  expect(live.actions.map((a) => a.id)).not.toContain(oldId);
  expect(live.flows.map((f) => f.versions.at(-1)!.dataActions!.map((b) => b.actionId))).toEqual([[live.actions[0].id], [live.actions[0].id]]);
  const { acw, userEnd, bodies } = await both();
  expect(bodies).toEqual(expected(acw, userEnd));
});

it("disabled triggers deliver nothing", async () => {
  stack.setConfig({ ...config, "cognigy:triggersEnabled": "false" }, SECRET_KEYS);
  await stack.up();
  const disabled = await both();
  expect(disabled.bodies).toEqual([]);
  expect(disabled.logs.map((l) => l.triggers.map((t) => t.reason))).toEqual([["the trigger is disabled"], ["the trigger is disabled"]]);
});

it("an endpoint where nothing listens shows as the failure path, naming the refused connection", async () => {
  stack.setConfig({ ...config, "cognigy:endpointUrl": await deadUrl() }, SECRET_KEYS);
  await stack.up();
  const { logs, bodies } = await both();
  expect(bodies).toEqual([]);
  for (const log of logs) {
    const call = log.triggers.find((t) => t.fired)!.execution!.steps.find((s) => s.type === "callData");
    expect(call).toMatchObject({ output: "failure", error: { message: expect.stringContaining("ECONNREFUSED") } });
  }
});

it("cognigy:events without user.end: up removes that pair, and only the AfterCallWorkEvent reaches Cognigy", async () => {
  stack.setConfig({ ...config, "cognigy:events": ["acw"] }, SECRET_KEYS);
  const up = await stack.up();
  // The endpoint goes back to the listening receiver too (the step before pointed it nowhere).
  expect(genesysChanges(up.steps)).toEqual([
    "delete Trigger handover-trigger-user-end",
    "delete Workflow handover-workflow-user-end",
    "update DataAction handover-data-action",
  ]);
  const { acw, userEnd, bodies, logs } = await both();
  expect(bodies).toEqual([expected(acw, userEnd)[0]]);
  expect(logs[1].triggers).toEqual([]);
});

it("after `pulumi destroy` nothing is delivered", async () => {
  await stack.destroy();
  const { bodies, logs } = await both();
  expect(bodies).toEqual([]);
  expect(logs.map((l) => l.triggers)).toEqual([[], []]);
});
