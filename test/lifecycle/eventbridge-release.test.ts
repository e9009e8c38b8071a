// The live EventBridge path on the real Pulumi CLI against the emulator: in `cognigy:mode both`
// and `eventbridge` the Amazon EventBridge Source integration is protected, so `pulumi destroy`
// leaves it and a change of account, region or organisation id is refused with the steps; after
// the documented release (`cognigy:releaseEventBridge true`, `pulumi up`) the change replaces it
// and `pulumi destroy` removes it (docs/teardown.md, docs/eventbridge-migration.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { GENESYS_TYPE, genesysChanges, managedResources } from "../support/state";
import { emulatorConfig, TestStack } from "../support/stack";
import { Objects, orgWithUnrelated, writeCalls } from "./org";

const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "210987654321";
const COMPONENT = "cognigy:genesyscloud:HandoverEventBridge";

let emu: Emulator;
let stack: TestStack;
let ours: () => Objects;
let config: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  ({ ours } = await orgWithUnrelated(emu));
  config = emulatorConfig(emu, {
    "cognigy:endpointDomain": "trial.cognigy.ai",
    "cognigy:version": "4.98",
    "cognigy:eventBridgeAwsAccountId": ACCOUNT,
    "cognigy:eventBridgeAwsRegion": "eu-central-1",
    "cognigy:organisationId": "cognigy-org-42",
  });
  stack = await TestStack.create({ stack: "eventbridge-release", config, secretKeys: SECRET_KEYS });
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

function withConfig(overrides: Record<string, string>): void {
  stack.setConfig({ ...config, ...overrides }, SECRET_KEYS);
  emu.clearLog();
}

async function refused(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StackRunError);
  const { message, stdout, stderr } = error as StackRunError;
  return `${message}\n${stdout}\n${stderr}`;
}

/** The stack's records (not the stack itself) as [name, protected]. */
async function protection(): Promise<[name: string, protect: boolean][]> {
  const resources = (await stack.exportState()).deployment.resources ?? [];
  return resources
    .filter((r: { type: string }) => r.type === COMPONENT || r.type.startsWith(GENESYS_TYPE) || r.type === "cognigy:genesyscloud:HandoverWebhooks")
    .map((r: { urn: string; protect?: boolean }) => [r.urn.split("::").pop(), r.protect === true])
    .sort();
}

/** Our EventBridge integration alone: what is left once the webhook objects are gone. */
const eventBridgeOnly = (objects: Objects): Objects => ({
  integrations: objects.integrations.filter((i) => i.typeId === "amazon-eventbridge-source"),
  actions: [],
  flows: [],
  triggers: [],
});

describe("the live EventBridge path", () => {
  let live: Objects;

  it("both: up creates the webhook objects and the EventBridge integration; only the EventBridge side is protected", async () => {
    withConfig({ "cognigy:mode": "both" });
    await stack.up();
    live = eventBridgeOnly(ours());
    expect(live.integrations.map((i) => i.intendedState)).toEqual(["ENABLED"]);
    expect((await protection()).filter(([, protect]) => protect)).toEqual([
      ["eventbridge", true],
      ["eventbridge-integration", true],
    ]);
    expect(await protection()).toHaveLength(9);
  });

  it("destroy of a both stack removes the webhook objects and keeps the EventBridge integration, failing on its protection", async () => {
    emu.clearLog();
    expect(await refused(stack.destroy())).toMatch(/eventbridge-integration.* cannot be deleted\s+because it is protected/);
    expect(writeCalls(emu.log().entries).sort()).toEqual(
      [
        "DELETE /api/v2/flows/{flowId} → 204",
        "DELETE /api/v2/flows/{flowId} → 204",
        "DELETE /api/v2/integrations/actions/{actionId} → 204",
        "DELETE /api/v2/integrations/{integrationId} → 200",
        "DELETE /api/v2/processautomation/triggers/{triggerId} → 204",
        "DELETE /api/v2/processautomation/triggers/{triggerId} → 204",
      ].sort(),
    );
    expect(ours()).toEqual(live);
    const state = await stack.exportState();
    expect(managedResources(state).map((r) => r.type)).toEqual([`${GENESYS_TYPE}EventBridgeIntegration`]);
    // The identity its marker carries stays with it (the engine keeps what a protected record depends on).
    expect((state.deployment.resources ?? []).map((r: { urn: string }) => r.urn.split("::").pop())).toContain("handover-identity");
  });

  it("eventbridge: up writes nothing; destroy is refused before any call, the source and the stack's state stay", async () => {
    withConfig({ "cognigy:mode": "eventbridge" });
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual([]);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    const before = managedResources(await stack.exportState());
    emu.clearLog();
    const output = await refused(stack.destroy());
    expect(output).toMatch(/protect/);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(live);
    expect(managedResources(await stack.exportState())).toEqual(before);
  });

  it("a change of the AWS account is refused in preview and up, naming the outage and the steps; nothing is written", async () => {
    withConfig({ "cognigy:mode": "eventbridge", "cognigy:eventBridgeAwsAccountId": OTHER_ACCOUNT });
    const steps = [
      `changing cognigy:eventBridgeAwsAccountId from "${ACCOUNT}" to "${OTHER_ACCOUNT}" would replace it`,
      "handover-end detection for this org would stop",
      `pulumi config set cognigy:eventBridgeAwsAccountId ${ACCOUNT}`,
      "`pulumi config set cognigy:releaseEventBridge true` and `pulumi up`",
      "`pulumi config set cognigy:releaseEventBridge false` and `pulumi up` to protect it again",
    ];
    const preview = await refused(stack.preview());
    const up = await refused(stack.up());
    for (const text of steps) {
      expect(preview).toContain(text);
      expect(up).toContain(text);
    }
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(live);
  });

  it("the release: up with cognigy:releaseEventBridge true lifts the protection and writes nothing to Genesys", async () => {
    withConfig({ "cognigy:mode": "eventbridge", "cognigy:releaseEventBridge": "true" });
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual([]);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(live);
    expect(await protection()).toEqual([
      ["eventbridge", false],
      ["eventbridge-integration", false],
    ]);
  });

  it("released, the account change replaces the integration (the old one first) with one for the new account", async () => {
    withConfig({ "cognigy:mode": "eventbridge", "cognigy:releaseEventBridge": "true", "cognigy:eventBridgeAwsAccountId": OTHER_ACCOUNT });
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toContain("replace EventBridgeIntegration eventbridge-integration");
    expect(writeCalls(emu.log().entries)).toEqual([
      "DELETE /api/v2/integrations/{integrationId} → 200",
      "POST /api/v2/integrations → 200",
      "PUT /api/v2/integrations/{integrationId}/config/current → 200",
      "PATCH /api/v2/integrations/{integrationId} → 200",
    ]);
    const [old] = live.integrations;
    const now = ours().integrations;
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(old.id);
    expect(now[0].properties).toMatchObject({ awsAccountId: OTHER_ACCOUNT });
  });

  it("released, destroy removes the EventBridge integration and empties the state", async () => {
    emu.clearLog();
    await stack.destroy();
    expect(writeCalls(emu.log().entries)).toEqual(["DELETE /api/v2/integrations/{integrationId} → 200"]);
    expect(ours().integrations).toEqual([]);
    expect(managedResources(await stack.exportState())).toEqual([]);
  });
});
