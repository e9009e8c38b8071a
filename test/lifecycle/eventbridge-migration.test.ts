// The move from the webhook method to Amazon EventBridge in one org, each step a `pulumi up`
// on the real Pulumi CLI against the emulator: webhooks → both → eventbridge, then back:
// eventbridge → both → (released) webhooks, then destroy. Self-hosted stays off: the aws provider plugin
// cannot be installed here (the AWS side is tested under mocks).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import type { RunResult } from "../../dev/pulumi/stack";
import { GENESYS_TYPE, genesysChanges, managedResources, webhookSteps } from "../support/state";
import { emulatorConfig, TestStack } from "../support/stack";
import { Objects, orgWithUnrelated, writeCalls } from "./org";

const PROJECT = "cognigy"; // Pulumi.yaml `name`
const STACK = "migration";
const MANAGED_BY = `cognigy-genesys-handover ${PROJECT}/${STACK}`;
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const SUFFIX = "cognigy-org-42";
// Cognigy before 2025.12: the integration filters the two topics the triggers listen to.
const TOPICS = ["v2.detail.events.conversation.{id}.acw", "v2.detail.events.conversation.{id}.user.end"];
const NO_OBJECTS: Objects = { integrations: [], actions: [], flows: [], triggers: [] };

let emu: Emulator;
let engine: TestStack;
/** Our objects now; every call also proves the seeded objects unchanged. */
let ours: () => Objects;
let config: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  ({ ours } = await orgWithUnrelated(emu));
  config = emulatorConfig(emu, {
    "cognigy:endpointDomain": "trial.cognigy.ai",
    "cognigy:version": "4.98",
    "cognigy:eventBridgeAwsAccountId": "123456789012",
    "cognigy:eventBridgeAwsRegion": "eu-central-1",
    "cognigy:organisationId": SUFFIX,
  });
  engine = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS });
});
afterAll(async () => {
  await engine?.dispose();
  await emu?.close();
});

async function upIn(mode: string): Promise<{ result: RunResult; changed: string[]; writes: string[] }> {
  engine.setConfig({ ...config, "cognigy:mode": mode }, SECRET_KEYS);
  emu.clearLog();
  const result = await engine.up();
  const changed = genesysChanges(result.steps);
  return { result, changed, writes: writeCalls(emu.log().entries) };
}

const webhookCreates = webhookSteps("create");
const webhookDeletes = webhookSteps("delete");

/** The six webhook objects: one Web Services integration, its action, two workflows, two triggers. */
function webhookObjects(mine: Objects): Objects {
  const integrations = mine.integrations.filter((i) => i.typeId === "custom-rest-actions");
  expect(integrations).toHaveLength(1);
  expect(mine.actions).toHaveLength(1);
  expect(mine.flows).toHaveLength(2);
  expect(mine.triggers).toHaveLength(2);
  return { ...mine, integrations };
}

/** `identity`: the stack's one identity (its `stackIdentity` output), which the webhook objects' marker carries too. */
function eventBridgeIntegration(mine: Objects, identity: string) {
  const found = mine.integrations.filter((i) => i.typeId === "amazon-eventbridge-source");
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    name: "Amazon EventBridge Source - Cognigy",
    intendedState: "ENABLED",
    notes: `${MANAGED_BY} ${identity}`,
    // The property names Genesys's own EventBridge module and the premium-app wizard write.
    properties: { awsAccountId: "123456789012", awsAccountRegion: "eu-central-1", eventSourceSuffix: SUFFIX, eventFilter: TOPICS },
  });
  return found[0];
}

describe("migrating one org from webhooks to Amazon EventBridge and back", () => {
  let webhooksOnly: Objects;
  let withEventBridge: Objects;

  it("webhooks: up creates the six webhook objects and no EventBridge integration", async () => {
    const { result, changed } = await upIn("webhooks");
    expect(changed).toEqual(webhookCreates);
    webhooksOnly = webhookObjects(ours());
    expect(ours().integrations).toHaveLength(1);
    expect(result.outputs.eventBridgeIntegration).toBeUndefined();
  });

  it("both: up adds only the EventBridge integration and leaves the webhook objects as they were", async () => {
    const { result, changed, writes } = await upIn("both");
    expect(changed).toEqual(["create EventBridgeIntegration eventbridge-integration"]);
    // Created, configured and enabled; nothing else written.
    expect(writes).toEqual([
      "POST /api/v2/integrations → 200",
      "PUT /api/v2/integrations/{integrationId}/config/current → 200",
      "PATCH /api/v2/integrations/{integrationId} → 200",
    ]);
    const mine = ours();
    const identity = (result.outputs as { stackIdentity: string }).stackIdentity;
    const integration = eventBridgeIntegration(mine, identity);
    expect(webhooksOnly.integrations[0].notes).toBe(`${MANAGED_BY} ${identity}`);
    expect({ ...mine, integrations: mine.integrations.filter((i) => i.id !== integration.id) }).toEqual(webhooksOnly);
    expect(result.outputs.eventBridgeIntegration).toEqual({
      id: integration.id,
      name: integration.name,
      adopted: false,
      enabled: true,
      topicFilters: TOPICS,
    });
    expect(result.outputs.eventSourceName).toBe(`aws.partner/genesys.com/cloud/${emu.state().org.id}/${SUFFIX}`);
    expect(result.outputs.requestUrl).toBe("https://endpoint-trial.cognigy.ai/handover/genesysCloudOM");
    withEventBridge = mine;
  });

  it("both again: nothing changes and nothing is written", async () => {
    const { changed, writes } = await upIn("both");
    expect(changed).toEqual([]);
    expect(writes).toEqual([]);
    expect(ours()).toEqual(withEventBridge);
  });

  it("eventbridge: up deletes the six webhook objects and leaves exactly the EventBridge integration", async () => {
    const { result, changed, writes } = await upIn("eventbridge");
    expect(changed).toEqual(webhookDeletes);
    expect(writes.sort()).toEqual(
      [
        "DELETE /api/v2/flows/{flowId} → 204",
        "DELETE /api/v2/flows/{flowId} → 204",
        "DELETE /api/v2/integrations/actions/{actionId} → 204",
        "DELETE /api/v2/integrations/{integrationId} → 200",
        "DELETE /api/v2/processautomation/triggers/{triggerId} → 204",
        "DELETE /api/v2/processautomation/triggers/{triggerId} → 204",
      ].sort(),
    );
    const integration = withEventBridge.integrations.find((i) => i.typeId === "amazon-eventbridge-source");
    expect(ours()).toEqual({ ...NO_OBJECTS, integrations: [integration] });
    expect(result.outputs.requestUrl).toBeUndefined();
    expect(result.outputs.eventBridgeIntegration).toMatchObject({ id: integration?.id });
    expect(managedResources(await engine.exportState()).map((r) => r.type)).toEqual([`${GENESYS_TYPE}EventBridgeIntegration`]);
  });

  it("back to both: up recreates the six webhook objects; the EventBridge integration stays as it is", async () => {
    const before = ours();
    const { changed } = await upIn("both");
    expect(changed).toEqual(webhookCreates);
    const mine = ours();
    webhookObjects({ ...mine, integrations: mine.integrations.filter((i) => i.typeId === "custom-rest-actions") });
    expect(mine.integrations.filter((i) => i.typeId === "amazon-eventbridge-source")).toEqual(before.integrations);
  });

  it("the release of the EventBridge side (cognigy:releaseEventBridge true): up changes and writes nothing", async () => {
    config = { ...config, "cognigy:releaseEventBridge": "true" };
    const released = await upIn("both");
    expect([released.changed, released.writes]).toEqual([[], []]);
  });

  it("back to webhooks, after the release: up deletes only the EventBridge integration", async () => {
    const before = ours();
    const { changed, writes } = await upIn("webhooks");
    expect(changed).toEqual(["delete EventBridgeIntegration eventbridge-integration"]);
    expect(writes).toEqual(["DELETE /api/v2/integrations/{integrationId} → 200"]);
    const mine = ours();
    expect(mine.integrations.map((i) => i.typeId)).toEqual(["custom-rest-actions"]);
    expect(mine).toEqual({ ...before, integrations: before.integrations.filter((i) => i.typeId === "custom-rest-actions") });
  });

  it("destroy removes the rest; the seeded objects stay", async () => {
    await engine.destroy();
    expect(ours()).toEqual(NO_OBJECTS);
    expect(managedResources(await engine.exportState())).toEqual([]);
  });
});
