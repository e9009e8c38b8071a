// Two stacks of the same project and stack name (two repos, or two backends) on one org: each
// carries its own identity in the marker (providers/stack-identity.ts), so the second neither takes
// the first one's objects for its own nor deletes them, the webhook objects as the EventBridge
// integration (one identity per stack, both sides). The real Pulumi CLI against one emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { TestStack, emulatorConfig } from "../support/stack";
import { Objects, writeCalls } from "./org";

const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const EVENTBRIDGE = {
  "cognigy:version": "4.98",
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};
const EVENTBRIDGE_TYPE = "amazon-eventbridge-source";

let emu: Emulator;
let first: TestStack;
let second: TestStack;
let config: Record<string, string>;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  config = emulatorConfig(emu, { "cognigy:endpointDomain": "app.cognigy.ai" });
  // Same stack name, each with its own file backend (TestStack makes one per stack unless shared).
  first = await TestStack.create({ stack: "prod", config, secretKeys: SECRET_KEYS });
  second = await TestStack.create({ stack: "prod", config, secretKeys: SECRET_KEYS });
});
afterAll(async () => {
  await second?.dispose();
  await first?.dispose();
  await emu?.close();
});

function objects(): Objects {
  const { integrations, actions, flows, triggers } = emu.state();
  return { integrations, actions, flows, triggers };
}

/** The second's up fails with `message`, with no write, and `deployed` is what the org holds. */
async function secondUpRefused(message: string, deployed: Objects): Promise<void> {
  emu.clearLog();
  const refused = await second.up().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(StackRunError);
  expect((refused as StackRunError).message).toContain(message);
  expect(writeCalls(emu.log().entries)).toEqual([]);
  expect(objects()).toEqual(deployed);
}

/** The second's destroy writes nothing, and the first's next up changes nothing of `deployed`. */
async function secondDestroyLeaves(deployed: Objects): Promise<void> {
  emu.clearLog();
  await second.destroy();
  expect(writeCalls(emu.log().entries)).toEqual([]);
  expect(objects()).toEqual(deployed);
  const again = await first.up();
  expect(again.changes).not.toHaveProperty("create");
  expect(again.changes).not.toHaveProperty("update");
  expect(objects()).toEqual(deployed);
}

describe("two stacks named prod, in two backends, on one org", () => {
  let deployed: Objects;

  it("the first deploys its six objects", async () => {
    await first.up();
    deployed = objects();
    expect([deployed.integrations, deployed.actions, deployed.flows, deployed.triggers].map((list) => list.length)).toEqual([1, 1, 2, 2]);
  });

  it("the second's up refuses the first one's integration as not its own, naming adoption, and writes nothing", async () => {
    await secondUpRefused(
      `Integration "Web Services Data Actions Integration" already exists in Genesys Cloud (id ${deployed.integrations[0].id}) and was not created by this stack`,
      deployed,
    );
  });

  it("the second's destroy leaves the first one's six objects, and the first still holds them unchanged", async () => {
    await secondDestroyLeaves(deployed);
  });
});

describe("the same two stacks on the EventBridge path", () => {
  let deployed: Objects;
  let eventBridgeId: string;

  it("the first, switched to both, adds the EventBridge integration marked with the identity its webhook objects carry", async () => {
    first.setConfig({ ...config, ...EVENTBRIDGE, "cognigy:mode": "both" }, SECRET_KEYS);
    const result = await first.up();
    deployed = objects();
    const [eventBridge, ...others] = deployed.integrations.filter((integration) => integration.typeId === EVENTBRIDGE_TYPE);
    expect(others).toEqual([]);
    eventBridgeId = eventBridge.id;
    const identity = (result.outputs as { stackIdentity: string }).stackIdentity;
    expect(identity).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const integration of deployed.integrations) expect(integration.notes, integration.name).toBe(`cognigy-genesys-handover cognigy/prod ${identity}`);
  });

  it("the second, in eventbridge mode and released, refuses the first one's EventBridge integration as not its own and writes nothing", async () => {
    // Released: were the integration taken for the second's own, its destroy would delete it.
    second.setConfig({ ...config, ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:releaseEventBridge": "true" }, SECRET_KEYS);
    await secondUpRefused(
      `EventBridge integration "Amazon EventBridge Source - Cognigy" already exists in Genesys Cloud (id ${eventBridgeId}) and was not created by this stack`,
      deployed,
    );
  });

  it("the second's destroy leaves the first one's EventBridge integration, and the first still holds it unchanged", async () => {
    await secondDestroyLeaves(deployed);
  });
});
