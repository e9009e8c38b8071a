// verify in the EventBridge modes, against orgs the real stack made through the local engine:
// during `both` it reports the webhook objects and the EventBridge integration; in `eventbridge`
// only the integration; each typical deviation fails exactly its row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { eventBridgeRows } from "../../tools/verify/eventbridge";
import { login } from "../emulator/sdk";
import { failedNames, deployed, orgStack, startOrg, verifyRows } from "./org";

const STACK = "eb";
const LABEL = 'EventBridge integration "Amazon EventBridge Source - Cognigy"';
const EVENTBRIDGE = {
  "cognigy:endpointDomain": "app.cognigy.ai",
  "cognigy:version": "4.98",
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};
const PERMISSIONS_ROW = 'OAuth client "emulator-client": permissions';
const EVENTBRIDGE_ROWS = [
  `${LABEL}: exists`,
  `${LABEL}: managed by stack ${STACK}`,
  `${LABEL}: active`,
  `${LABEL}: AWS account`,
  `${LABEL}: AWS region`,
  `${LABEL}: event source suffix`,
  `${LABEL}: topic filters`,
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startOrg();
});
afterAll(async () => emu.close());

const verify = (cognigy: Record<string, string>, secureKeys: string[] = []) => verifyRows(emu, STACK, cognigy, false, secureKeys);

async function eventBridgeId(): Promise<string> {
  const [integration] = emu.state().integrations.filter((i) => i.typeId === "amazon-eventbridge-source");
  return integration.id;
}

describe("verify during and after the move to EventBridge", () => {
  const both = { ...EVENTBRIDGE, "cognigy:mode": "both" };
  const eventbridge = { ...EVENTBRIDGE, "cognigy:mode": "eventbridge" };

  it("both, before the EventBridge integration exists: the webhook rows pass, the integration is missing", async () => {
    emu.reset();
    await deployed(emu, STACK, { ...EVENTBRIDGE, "cognigy:mode": "webhooks" });
    const rows = await verify(both);
    expect(failedNames(rows)).toEqual([`${LABEL}: exists`]);
    expect(rows.find((row) => row.name === `${LABEL}: exists`)?.hint).toMatch(/pulumi up --stack eb/);
  });

  it("both, after up: every webhook row and every EventBridge row passes", async () => {
    emu.reset();
    await deployed(emu, STACK, both);
    const rows = await verify(both);
    expect(failedNames(rows)).toEqual([]);
    expect(rows.some((row) => row.name === 'Integration "Web Services Data Actions Integration": exists')).toBe(true);
    expect(rows.some((row) => row.name === 'Trigger "Trigger conversation.id.acw": enabled')).toBe(true);
    expect(rows.filter((row) => row.name.startsWith("EventBridge")).map((row) => row.name)).toEqual(EVENTBRIDGE_ROWS);
  });

  it("eventbridge, after up: only the EventBridge rows, all passing; the deleted webhook objects are not expected", async () => {
    emu.reset();
    await deployed(emu, STACK, eventbridge);
    expect(emu.state().integrations.map((i) => i.typeId)).toEqual(["amazon-eventbridge-source"]);
    const rows = await verify({ ...eventbridge, "cognigy:endpointDomain": "" });
    expect(rows.map((row) => row.name)).toEqual([PERMISSIONS_ROW, ...EVENTBRIDGE_ROWS]);
    expect(failedNames(rows)).toEqual([]);
  });

  it("fails exactly the row of each deviation made in Genesys", async () => {
    const api = await login(emu.url);
    const id = await eventBridgeId();
    await api.integrations.patchIntegration(id, { body: { intendedState: "DISABLED" } });
    const config = await api.integrations.getIntegrationConfigCurrent(id);
    await api.integrations.putIntegrationConfigCurrent(id, {
      body: { ...config, properties: { ...config.properties, awsAccountRegion: "us-east-1", eventFilter: ["v2.detail.events.conversation.{id}.acw"] } },
    });
    const rows = await verify(eventbridge);
    expect(failedNames(rows)).toEqual([`${LABEL}: active`, `${LABEL}: AWS region`, `${LABEL}: topic filters`]);
    expect(rows.find((row) => row.name === `${LABEL}: topic filters`)).toMatchObject({
      expected: "v2.detail.events.conversation.{id}.acw, v2.detail.events.conversation.{id}.user.end",
      actual: "v2.detail.events.conversation.{id}.acw",
    });
  });

  it("fails the active row with Genesys's detail when the activation ended in ERROR", async () => {
    emu.reset();
    await deployed(emu, STACK, eventbridge);
    // Genesys re-activates it (off, on) and cannot make the partner event source this time.
    emu.failActivations("123456789012", "No partner event source can be created in account 123456789012");
    emu.configure({ activationMs: 0 });
    try {
      const api = await login(emu.url);
      const id = await eventBridgeId();
      await api.integrations.patchIntegration(id, { body: { intendedState: "DISABLED" } });
      await api.integrations.patchIntegration(id, { body: { intendedState: "ENABLED" } });
      const rows = await verify(eventbridge);
      expect(failedNames(rows)).toEqual([`${LABEL}: active`]);
      expect(rows.find((row) => !row.ok)).toMatchObject({
        expected: "ENABLED, reported ACTIVE",
        actual: "ENABLED, reported ERROR: No partner event source can be created in account 123456789012",
        hint: expect.stringContaining("check the AWS account and region"),
      });
    } finally {
      emu.configure({ activationMs: 200 });
    }
  });

  it("checks the topic filters against the configured Cognigy release", async () => {
    emu.reset();
    await deployed(emu, STACK, eventbridge);
    const rows = await verify({ ...eventbridge, "cognigy:version": "2025.12" });
    expect(failedNames(rows)).toEqual([`${LABEL}: topic filters`]);
    expect(rows.find((row) => !row.ok)?.expected).toBe("v2.detail.events.conversation.{id}.customer.end");
  });

  it("reports a hand-made EventBridge integration as not managed, with the adoption hint", async () => {
    emu.reset();
    const api = await login(emu.url);
    const made = await api.integrations.postIntegrations({ body: { integrationType: { id: "amazon-eventbridge-source" } } as never });
    const config = await api.integrations.getIntegrationConfigCurrent(made.id!);
    await api.integrations.putIntegrationConfigCurrent(made.id!, {
      body: {
        ...config,
        name: "Amazon EventBridge Source - Cognigy",
        properties: {
          awsAccountId: "123456789012",
          awsAccountRegion: "eu-central-1",
          eventSourceSuffix: "cognigy-org-42",
          eventFilter: ["v2.detail.events.conversation.{id}.user.end", "v2.detail.events.conversation.{id}.acw"],
        },
      },
    });
    // Activated by hand long ago: Genesys has finished activating it.
    emu.configure({ activationMs: 0 });
    await api.integrations.patchIntegration(made.id!, { body: { intendedState: "ENABLED" } });
    emu.configure({ activationMs: 200 });
    const rows = await verify(eventbridge);
    expect(failedNames(rows)).toEqual([`${LABEL}: managed by stack ${STACK}`]);
    expect(rows.find((row) => !row.ok)?.hint).toContain(`pulumi config set --stack ${STACK} cognigy:adoptExisting true`);
  });

  it("reads a self-hosted stack file whose API key is encrypted (verify never needs the key)", async () => {
    const rows = await verify(
      { ...eventbridge, "cognigy:selfHosted": "true", "cognigy:endpointDomain": "", "cognigy:endpointUrl": "https://cognigy.example.com" },
      ["cognigy:eventBridgeApiKey"],
    );
    expect(rows.map((row) => row.name)).toEqual([PERMISSIONS_ROW, ...EVENTBRIDGE_ROWS]);
  });

  it("says the version is missing instead of skipping the EventBridge check", async () => {
    const rows = await verify({ ...eventbridge, "cognigy:version": "" });
    expect(rows).toEqual([
      expect.objectContaining({ name: PERMISSIONS_ROW, ok: true }),
      expect.objectContaining({ name: "EventBridge integration: cognigy:version", ok: false, actual: "not set" }),
    ]);
  });
});

describe("eventBridgeRows (pure)", () => {
  const expected = {
    name: "EB",
    awsAccountId: "123456789012",
    awsRegion: "eu-central-1",
    eventSourceSuffix: "org",
    topicFilters: ["t1", "t2"],
    adoptExisting: false,
  };
  const ctx = { stack: "s", marker: "cognigy-genesys-handover cognigy/s" };
  const live = { id: "a", intendedState: "ENABLED", notes: ctx.marker, properties: { awsAccountId: "123456789012", awsAccountRegion: "eu-central-1", eventSourceSuffix: "org", eventFilter: ["t2", "t1"] } };

  it("passes topic filters in any order and fails a duplicate name once, naming both ids", () => {
    expect(failedNames(eventBridgeRows(expected, [live], ctx))).toEqual([]);
    const rows = eventBridgeRows(expected, [live, { ...live, id: "b" }], ctx);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'EventBridge integration "EB": exists', ok: false, actual: "2 integrations with this name (ids a, b)" });
  });
});

describe("verify where two stacks of one name share the org (two repos or backends)", () => {
  // One in webhooks mode, the other in eventbridge mode: both deploy, as they share no object name.
  const both = { ...EVENTBRIDGE, "cognigy:mode": "both" };
  const IDENTITY_ROW = `Stack ${STACK}: identity`;
  let webhooksIdentity: string;
  let eventBridgeIdentity: string;

  beforeAll(async () => {
    emu.reset();
    const identityOf = async (cognigy: Record<string, string>) =>
      ((await (await orgStack(emu, STACK, cognigy)).up()).outputs as { stackIdentity: string }).stackIdentity;
    webhooksIdentity = await identityOf({ ...EVENTBRIDGE, "cognigy:mode": "webhooks" });
    eventBridgeIdentity = await identityOf({ ...EVENTBRIDGE, "cognigy:mode": "eventbridge" });
    expect(eventBridgeIdentity).not.toBe(webhooksIdentity);
  });

  it("without --identity: the identity row fails, naming both identities, their objects and the fix", async () => {
    const rows = await verify(both);
    expect(failedNames(rows)).toEqual([IDENTITY_ROW]);
    const row = rows.find((r) => r.name === IDENTITY_ROW)!;
    expect(row.actual).toContain(`identity ${webhooksIdentity} on integration "Web Services Data Actions Integration", workflow "Workflow conversation.id.acw"`);
    expect(row.actual).toContain(`identity ${eventBridgeIdentity} on ${LABEL}`);
    expect(row.hint).toContain(`npm run verify -- --stack ${STACK} --identity <uuid>`);
    expect(row.hint).toContain(`pulumi stack output stackIdentity --stack ${STACK}`);
  });

  it("with the webhooks stack's identity: its objects pass; the other stack's EventBridge integration is not this stack's", async () => {
    const rows = await verifyRows(emu, STACK, both, false, [], webhooksIdentity);
    expect(failedNames(rows)).toEqual([`${LABEL}: managed by stack ${STACK}`, IDENTITY_ROW]);
    expect(rows.find((r) => r.name === IDENTITY_ROW)).toMatchObject({
      expected: `the objects found carry identity ${webhooksIdentity} (or the marker from before identities)`,
      actual: `identity ${eventBridgeIdentity} on ${LABEL}`,
    });
  });

  it("with the other stack's identity, in its eventbridge mode: every row passes", async () => {
    const rows = await verifyRows(emu, STACK, { ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:endpointDomain": "" }, false, [], eventBridgeIdentity);
    expect(rows.map((row) => row.name)).toEqual([PERMISSIONS_ROW, ...EVENTBRIDGE_ROWS, IDENTITY_ROW]);
    expect(failedNames(rows)).toEqual([]);
  });
});
