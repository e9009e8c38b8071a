// A data action contract change, as a new release of this project brings it (templates/
// input-contract.json), through the real Pulumi CLI against the emulator. Genesys cannot patch a
// contract, so the action is replaced; the published workflows call their action by id until
// they are republished. At every Platform API call of that `up` (after the call changed the
// org, before the CLI gets its answer) both events are published: each one must reach an action
// that exists, and Cognigy.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import inputContract from "../../templates/input-contract.json";
import { type Recorder, startRecorder } from "../emulator/cognigy-receiver";
import { DATA_ACTION_NAME } from "../support/guide";
import { type Release, releaseWith } from "../support/release";
import { genesysSteps } from "../support/state";
import { emulatorConfig, TestStack } from "../support/stack";

const STACK = "contract";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];

let emu: Emulator;
let cognigy: Recorder;
let release: Release;
let earlier: TestStack;
let current: TestStack;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  cognigy = await startRecorder();
  // The earlier release's contract: userId required (the current one requires nothing).
  release = releaseWith({ "input-contract.json": { ...inputContract, required: ["userId"] } });
  const config = emulatorConfig(emu, { "cognigy:endpointUrl": cognigy.url });
  earlier = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, projectDir: release.dir });
  current = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, backendDir: earlier.backendDir });
});
afterAll(async () => {
  emu?.onBeforeAnswer(undefined);
  await current?.dispose();
  await earlier?.dispose();
  await emu?.close();
  await cognigy?.close();
  release?.dispose();
});

it("during a contract change every event reaches an action that exists, and the new action has the configured name", async () => {
  await earlier.up();
  const before = emu.state().actions;
  expect(before.map((a) => [a.name, a.contract.input.inputSchema.required])).toEqual([[DATA_ACTION_NAME, ["userId"]]]);

  const routes: string[] = [];
  emu.onBeforeAnswer(async (route) => {
    routes.push(route);
    await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
  });
  const eventsBefore = emu.events().length;
  const received = cognigy.received.length;
  const up = await current.up();
  emu.onBeforeAnswer(undefined);

  expect(genesysSteps(up.steps).filter((s) => !s.startsWith("same"))).toEqual([
    "create-replacement DataAction handover-data-action",
    "delete-replaced DataAction handover-data-action",
    "replace DataAction handover-data-action",
    "update Workflow handover-workflow-acw",
    "update Workflow handover-workflow-user-end",
  ]);
  // The events of the change window: two per call, from before the new action was made until after the old one was deleted.
  expect(routes).toContain("POST /api/v2/integrations/actions");
  expect(routes).toContain("DELETE /api/v2/integrations/actions/{actionId}");
  const window = emu.events().slice(eventsBefore);
  expect(window).toHaveLength(2 * routes.length);
  const calls = window.flatMap((event) => event.triggers.map((t) => t.execution?.steps.find((step) => step.type === "callData")));
  expect(calls).toHaveLength(window.length);
  const failed = calls.filter((step) => step?.output !== "success").map((step) => step?.error ?? step?.output ?? "no run");
  expect(failed).toEqual([]);
  expect(cognigy.received.length - received).toBe(window.length);

  const after = emu.state().actions;
  expect(after.map((a) => [a.name, a.contract.input.inputSchema.required])).toEqual([[DATA_ACTION_NAME, undefined]]);
  expect(after[0].id).not.toBe(before[0].id);
  // Both workflows now call the new action: an event after the `up` still reaches Cognigy.
  const last = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
  expect(last.triggers[0].execution?.steps[0]).toMatchObject({ type: "callData", output: "success" });
});
