// "Gone" only when confirmed, through the real CLI: Genesys's single-object calls are eventually
// consistent, so a 404 for an object that exists (the emulator's targeted `invisibility`) must
// neither drop it from state on `refresh` nor leave it behind on `destroy`.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Deployment, managedResources } from "../support/state";
import { emulatorConfig, TestStack } from "../support/stack";

const ROUTES = {
  integration: "/api/v2/integrations/{integrationId}",
  action: "/api/v2/integrations/actions/{actionId}",
  workflow: "/api/v2/flows/{flowId}",
  trigger: "/api/v2/processautomation/triggers/{triggerId}",
};

let emu: Emulator;
let stack: TestStack;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  stack = await TestStack.create({
    stack: "gone-confirmed",
    config: emulatorConfig(emu, { "cognigy:endpointDomain": "app.cognigy.ai", "genesyscloud:retryMinWaitMs": "100", "genesyscloud:retryMaxWaitMs": "200" }),
    secretKeys: ["genesyscloud:oauthClientSecret"],
  });
  await stack.up();
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

const invisibleOnce = (method: "GET" | "DELETE") =>
  emu.injectFaults(Object.values(ROUTES).map((route) => ({ route: `${method} ${route}`, kind: "invisibility" as const })));

it("refresh keeps every object whose read answers 404 while its listing still shows it", async () => {
  const before = managedResources((await stack.exportState()) as Deployment).map((r) => r.urn);
  invisibleOnce("GET");
  await stack.refresh({ expectNoChanges: true });
  expect(emu.faults().injected.invisibility).toBe(4);
  expect(managedResources((await stack.exportState()) as Deployment).map((r) => r.urn)).toEqual(before);
});

it("destroy deletes every object whose DELETE answers 404 while its listing still shows it", async () => {
  emu.clearFaults();
  invisibleOnce("DELETE");
  await stack.destroy();
  expect(emu.faults().injected.invisibility).toBe(4);
  const { integrations, actions, flows, triggers } = emu.state();
  expect({ integrations, actions, flows, triggers }).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
});
