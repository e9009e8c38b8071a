// Stack config as the real CLI takes it from `pulumi config set`: a list key set item by item
// (Pulumi types `cognigy:events` as array<string>), changed, then unset back to its default.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { genesysChanges } from "../support/state";
import { emulatorConfig, TestStack } from "../support/stack";

let emu: Emulator;
let stack: TestStack;
const base = (emuUrl: string) => emulatorConfig({ url: emuUrl }, { "cognigy:endpointDomain": "app.cognigy.ai" });

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  stack = await TestStack.create({ stack: "events", config: { ...base(emu.url), "cognigy:events": ["acw"] }, secretKeys: ["genesyscloud:oauthClientSecret"] });
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

it("cognigy:events [acw] previews only the acw pair; [user.end] only the other; unset, both", async () => {
  const only = (result: Awaited<ReturnType<TestStack["preview"]>>) => genesysChanges(result.steps).filter((s) => /Workflow|Trigger/.test(s));
  expect(only(await stack.preview())).toEqual(["create Trigger handover-trigger-acw", "create Workflow handover-workflow-acw"]);
  stack.setConfig({ ...base(emu.url), "cognigy:events": ["user.end"] }, ["genesyscloud:oauthClientSecret"]);
  expect(only(await stack.preview())).toEqual(["create Trigger handover-trigger-user-end", "create Workflow handover-workflow-user-end"]);
  stack.setConfig(base(emu.url), ["genesyscloud:oauthClientSecret"]);
  expect(only(await stack.preview())).toHaveLength(4);
  expect(emu.log().entries).toEqual([]);
});
