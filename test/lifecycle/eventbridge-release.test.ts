// The live EventBridge path on the real Pulumi CLI against the emulator: in `cognigy:mode
// eventbridge` the Amazon EventBridge Source integration is protected, so `pulumi destroy` leaves
// it and a change of account, region or organisation id is refused with the steps; after the
// documented release (`cognigy:releaseEventBridge true`, `pulumi up`) the change replaces it and
// `pulumi destroy` removes it (docs/teardown.md, docs/eventbridge-migration.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../tools/pulumi/stack";
import { genesysChanges, managedResources } from "../support/state";
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
    "cognigy:mode": "eventbridge",
    "cognigy:version": "2025.12",
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

/** The stack's records of the EventBridge path: the component and the integration, with their protect flag. */
async function protection(): Promise<[type: string, protect: boolean][]> {
  const resources = (await stack.exportState()).deployment.resources ?? [];
  return resources
    .filter((r: { type: string }) => r.type === COMPONENT || r.type.endsWith("EventBridgeIntegration"))
    .map((r: { type: string; protect?: boolean }) => [r.type, r.protect === true]);
}

describe("the live EventBridge path", () => {
  let live: Objects;

  it("up: the EventBridge integration is created, the component and the integration protected", async () => {
    withConfig({});
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual(["create EventBridgeIntegration eventbridge-integration"]);
    live = ours();
    expect(live.integrations.map((i) => [i.typeId, i.intendedState])).toEqual([["amazon-eventbridge-source", "ENABLED"]]);
    expect(await protection()).toEqual([
      [COMPONENT, true],
      ["pulumi-nodejs:dynamic/genesyscloud:EventBridgeIntegration", true],
    ]);
  });

  it("destroy is refused before any call: the source and the stack's state stay", async () => {
    const before = managedResources(await stack.exportState());
    emu.clearLog();
    const output = await refused(stack.destroy());
    expect(output).toMatch(/protect/);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(live);
    expect(managedResources(await stack.exportState())).toEqual(before);
  });

  it("a change of the AWS account is refused in preview and up, naming the outage and the steps; nothing is written", async () => {
    withConfig({ "cognigy:eventBridgeAwsAccountId": OTHER_ACCOUNT });
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
    withConfig({ "cognigy:releaseEventBridge": "true" });
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual([]);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(live);
    expect((await protection()).map(([, protect]) => protect)).toEqual([false, false]);
  });

  it("released, the account change replaces the integration (the old one first) with one for the new account", async () => {
    withConfig({ "cognigy:releaseEventBridge": "true", "cognigy:eventBridgeAwsAccountId": OTHER_ACCOUNT });
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
