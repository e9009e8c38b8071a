// EventBridgeIntegration provider against the emulator: direct calls and after a serialization
// round trip; adoption; check and diff without the API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { UNKNOWN } from "../../providers/diff";
import {
  DEFAULT_EVENTBRIDGE_INTEGRATION_NAME,
  EventBridgeIntegrationInputs,
  EventBridgeIntegrationOutputs,
  EventBridgeIntegrationProvider,
  checkEventBridgeIntegration,
  liveReplaceRefusal,
  sameTopics,
  withoutIdleRelease,
} from "../../providers/eventbridge-integration";
import { IntegrationProvider } from "../../providers/integration";
import { login } from "../emulator/sdk";
import { withClient, emulator, expectIdempotentDelete, MARKER, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const ACW = "v2.detail.events.conversation.{id}.acw";
const USER_END = "v2.detail.events.conversation.{id}.user.end";

const inputs: EventBridgeIntegrationInputs = {
  name: DEFAULT_EVENTBRIDGE_INTEGRATION_NAME,
  notes: "",
  enabled: true,
  awsAccountId: "123456789012",
  awsRegion: "eu-central-1",
  eventSourceSuffix: "cognigy-org-42",
  topicFilters: [USER_END, ACW],
  adopt: false,
  managedBy: MARKER,
};

// The config as Genesys holds it, under the names Genesys's own EventBridge module writes.
const properties = (i: EventBridgeIntegrationInputs) => ({
  awsAccountId: i.awsAccountId,
  awsAccountRegion: i.awsRegion,
  eventSourceSuffix: i.eventSourceSuffix,
  eventFilter: i.topicFilters,
});

async function configured(provider = new EventBridgeIntegrationProvider()): Promise<EventBridgeIntegrationProvider> {
  return withClient(provider, stackConfig(emu));
}

const configPuts = () => emu.log().counts["PUT /api/v2/integrations/{integrationId}/config/current"] ?? 0;

async function lifecycle(provider: EventBridgeIntegrationProvider): Promise<void> {
  withClient(provider, stackConfig(emu));
  const { name, notes, enabled, adopt, ...rest } = inputs;
  const checked = await provider.check({}, rest);
  expect(checked.failures).toEqual([]);
  expect(checked.inputs).toEqual(inputs);

  const created = await provider.create(inputs);
  expect(emu.state().integrations).toHaveLength(1);
  let [record] = emu.state().integrations;
  expect(record).toMatchObject({
    id: created.id,
    typeId: "amazon-eventbridge-source",
    name: "Amazon EventBridge Source - Cognigy",
    notes: MARKER,
    intendedState: "ENABLED",
    properties: properties(inputs),
    credentials: {},
  });
  const outs = created.outs; // `any`: both read (outputs) and diff (records) take it
  expect(outs).toEqual({ ...inputs, integrationType: "amazon-eventbridge-source", genesysOrgId: emu.state().org.id, adopted: false });

  expect(await provider.read(created.id, outs)).toEqual({ id: created.id, props: outs, inputs });

  // A no-op: same inputs, and the topics in another order, change nothing.
  const same = { changes: false, replaces: [], deleteBeforeReplace: false };
  expect(await provider.diff(created.id, outs, inputs)).toEqual(same);
  expect(await provider.diff(created.id, outs, { ...inputs, topicFilters: [ACW, USER_END] })).toEqual(same);
  // Name, notes, state and topics change in place; account, region and suffix replace, old one first.
  for (const change of [{ name: "EB" }, { notes: "n" }, { enabled: false }, { topicFilters: [ACW] }, { adopt: true }]) {
    expect(await provider.diff(created.id, outs, { ...inputs, ...change }), JSON.stringify(change)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  }
  // The live source goes first on a replace: refused unless released.
  for (const [field, value] of [["awsAccountId", "210987654321"], ["awsRegion", "us-east-1"], ["eventSourceSuffix", "other"]]) {
    await expect(provider.diff(created.id, outs, { ...inputs, [field]: value }), field).rejects.toThrow(/would replace it, deleting the live integration/);
    expect(await provider.diff(created.id, outs, { ...inputs, [field]: value, released: true }), field).toEqual({
      changes: true,
      replaces: [field],
      deleteBeforeReplace: true,
    });
  }

  const news: EventBridgeIntegrationInputs = { ...inputs, name: "Cognigy EventBridge", notes: "Handover ends", enabled: false, topicFilters: [ACW] };
  const updated = await provider.update(created.id, outs, news);
  [record] = emu.state().integrations;
  expect(record).toMatchObject({
    id: created.id,
    name: "Cognigy EventBridge",
    notes: `Handover ends\n\n${MARKER}`,
    intendedState: "DISABLED",
    properties: properties(news),
  });
  expect(updated.outs).toEqual({ ...news, integrationType: "amazon-eventbridge-source", genesysOrgId: emu.state().org.id, adopted: false });
  expect((await provider.read(created.id, updated.outs as EventBridgeIntegrationOutputs)).props).toEqual(updated.outs);
  expect(await provider.diff(created.id, updated.outs, news)).toMatchObject({ changes: false });

  // Nothing differs: no config write at all.
  emu.clearLog();
  await provider.update(created.id, updated.outs as EventBridgeIntegrationOutputs, { ...news, topicFilters: [ACW] });
  expect(configPuts()).toBe(0);

  await expectIdempotentDelete(provider, created.id, updated.outs as EventBridgeIntegrationOutputs, () => emu.state().integrations);
}

describe("EventBridgeIntegration provider", () => {
  it("create → read → diff → update → delete, field by field in the emulator", async () => {
    await lifecycle(new EventBridgeIntegrationProvider());
  });


  it("moves to the single customer.end filter of Cognigy 2025.12+ in place", async () => {
    const provider = await configured();
    const created = await provider.create(inputs);
    const customerEnd = ["v2.detail.events.conversation.{id}.customer.end"];
    expect(await provider.diff(created.id, created.outs, { ...inputs, topicFilters: customerEnd })).toMatchObject({ changes: true, replaces: [] });
    await provider.update(created.id, created.outs as EventBridgeIntegrationOutputs, { ...inputs, topicFilters: customerEnd });
    const live = emu.state().integrations.find((integration) => integration.id === created.id);
    expect(live?.properties).toMatchObject({ eventFilter: customerEnd });
  });

  it("takes Cognigy 2025.22's filters: customer.end with the optional user.start", async () => {
    const provider = await configured();
    const current = ["v2.detail.events.conversation.{id}.customer.end", "v2.detail.events.conversation.{id}.user.start"];
    const created = await provider.create({ ...inputs, topicFilters: current });
    expect(emu.state().integrations.find((integration) => integration.id === created.id)?.properties).toMatchObject({ eventFilter: current });
  });

  it("refresh shows drift made in Genesys: topics, account and state as they are live", async () => {
    const provider = await configured();
    const created = await provider.create(inputs);
    const other = await configured(new EventBridgeIntegrationProvider());
    // Someone edits it in the admin UI (through the same API).
    await other.update(created.id, created.outs as EventBridgeIntegrationOutputs, { ...inputs, topicFilters: [ACW], enabled: false });
    const read = await provider.read(created.id, created.outs as EventBridgeIntegrationOutputs);
    expect(read.props).toMatchObject({ topicFilters: [ACW], enabled: false, awsAccountId: "123456789012" });
    expect(await provider.diff(created.id, read.props as Record<string, unknown>, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("refuses an existing EventBridge integration it did not make, naming id and config key; adopts it when asked", async () => {
    const other = await configured();
    const foreign = await other.create({ ...inputs, managedBy: "someone else", topicFilters: [ACW] });

    const ours = await configured(new EventBridgeIntegrationProvider());
    await expect(ours.create(inputs)).rejects.toThrow(
      new RegExp(`EventBridge integration "Amazon EventBridge Source - Cognigy" already exists .*id ${foreign.id}.*cognigy:adoptExisting=true`),
    );
    expect(emu.state().integrations).toHaveLength(1);

    const adopted = await ours.create({ ...inputs, adopt: true });
    expect(adopted.id).toBe(foreign.id);
    expect(adopted.outs).toMatchObject({ adopted: true });
    expect(emu.state().integrations).toHaveLength(1);
    expect(emu.state().integrations[0]).toMatchObject({ notes: MARKER, properties: properties(inputs) });

    const again = await ours.create(inputs);
    expect(again).toMatchObject({ id: foreign.id, outs: { adopted: false } });
  });

  it("does not take a Web Services integration of the same name for its own", async () => {
    const webServices = new IntegrationProvider();
    withClient(webServices, stackConfig(emu));
    const rest = await webServices.create({ name: inputs.name, notes: "", enabled: true, adopt: false, managedBy: "someone else" });
    const provider = await configured();
    const created = await provider.create(inputs);
    expect(created.id).not.toBe(rest.id);
    expect(emu.state().integrations.map((i) => i.typeId).sort()).toEqual(["amazon-eventbridge-source", "custom-rest-actions"]);
  });

  it("records a created integration whose configuration Genesys refused, with the reason", async () => {
    const provider = await configured();
    // The emulator answers 400 to a config PUT it cannot take; here a topic it does not know.
    const error = await provider.create({ ...inputs, topicFilters: ["v2.detail.events.conversation.{id}.no.such.topic"] }).then(
      () => undefined,
      (err: Error & { id?: string }) => err,
    );
    const [made] = emu.state().integrations;
    expect(error?.id).toBe(made.id);
    expect(error?.message).toMatch(new RegExp(`was created \\(id ${made.id}\\) but naming/enabling it failed.*eventFilter`));
  });

  it("waits for the activation Genesys reports after the PATCH", async () => {
    emu.configure({ activationMs: 400 });
    try {
      const provider = await configured();
      emu.clearLog();
      const created = await provider.create(inputs);
      // Returned only once Genesys reported ACTIVE (read right away: still ACTIVATING had it not waited).
      const api = await login(emu.url);
      expect((await api.integrations.getIntegration(created.id)).reportedState?.code).toBe("ACTIVE");
      const routes = emu.log().entries.map((entry) => entry.route);
      expect(routes.lastIndexOf("GET /api/v2/integrations/{integrationId}")).toBeGreaterThan(routes.indexOf("PATCH /api/v2/integrations/{integrationId}"));
    } finally {
      emu.configure({ activationMs: 200 });
    }
  });

  it("fails with Genesys's detail when the activation ends in ERROR, keeping the made integration in state", async () => {
    emu.failActivations(inputs.awsAccountId, "The AWS account 123456789012 does not accept partner event sources in eu-central-1");
    const provider = await configured();
    const error = await provider.create(inputs).then(
      () => undefined,
      (err: Error & { id?: string }) => err,
    );
    const [made] = emu.state().integrations;
    expect(made.intendedState).toBe("ENABLED");
    expect(error?.id).toBe(made.id);
    expect(error?.message).toContain(`could not activate it: The AWS account 123456789012 does not accept partner event sources in eu-central-1`);
    // Once Genesys can activate it (account fixed on the AWS side), the next run's update
    // activates it again and finishes.
    emu.clearActivationFailures();
    const recorded = { ...inputs, integrationType: "amazon-eventbridge-source", genesysOrgId: "", adopted: false };
    await provider.update(made.id, recorded, inputs);
    const api = await login(emu.url);
    expect((await api.integrations.getIntegration(made.id)).reportedState?.code).toBe("ACTIVE");
    expect(emu.state().integrations.map((i) => i.id)).toEqual([made.id]);
  });
});

describe("EventBridgeIntegration check and diff (no API)", () => {
  it("accepts the preview sentinel anywhere and makes no call", async () => {
    emu.clearLog();
    const provider = await configured();
    const news = { awsAccountId: UNKNOWN, awsRegion: UNKNOWN, eventSourceSuffix: UNKNOWN, topicFilters: [UNKNOWN], managedBy: MARKER };
    const checked = await provider.check({}, news);
    expect(checked.failures).toEqual([]);
    const diff = await provider.diff("id-1", { ...inputs, adopted: false }, checked.inputs as Record<string, unknown>);
    expect(diff).toMatchObject({ changes: true, replaces: ["awsAccountId", "awsRegion", "eventSourceSuffix"] });
    expect(emu.log().entries).toEqual([]);
  });

  it.each([
    ["awsAccountId", { awsAccountId: "12345" }, /awsAccountId "12345" has 5 digits/],
    ["awsRegion", { awsRegion: "mypurecloud.de" }, /awsRegion "mypurecloud.de" is a Genesys Cloud region/],
    ["eventSourceSuffix", { eventSourceSuffix: "org/1" }, /eventSourceSuffix "org\/1" contains "\/"/],
    ["topicFilters", { topicFilters: [] }, /non-empty list/],
    ["topicFilters", { topicFilters: [ACW, ACW] }, /lists a topic twice/],
    ["name", { name: "" }, /name must be a non-empty string/],
  ])("names a bad %s and the fix", (property, change, reason) => {
    const { failures } = checkEventBridgeIntegration({ ...inputs, ...change });
    expect(failures).toHaveLength(1);
    expect(failures?.[0].property).toBe(property);
    expect(failures?.[0].reason).toMatch(reason);
  });

  it("refuses a replace of the live integration without the release, naming each change, the outage, the undo and the steps", () => {
    const news = { ...inputs, awsAccountId: "210987654321", eventSourceSuffix: "other" };
    const refusal = liveReplaceRefusal(inputs, news, ["awsAccountId", "eventSourceSuffix"]);
    expect(refusal).toMatch(
      /^EventBridge integration "Amazon EventBridge Source - Cognigy": changing cognigy:eventBridgeAwsAccountId from "123456789012" to "210987654321" and cognigy:organisationId from "cognigy-org-42" to "other" would replace it/,
    );
    expect(refusal).toContain("handover-end detection for this org would stop until Cognigy receives events from the new source");
    expect(refusal).toContain("`pulumi config set cognigy:eventBridgeAwsAccountId 123456789012`, `pulumi config set cognigy:organisationId cognigy-org-42`");
    expect(refusal).toMatch(/`pulumi config set cognigy:releaseEventBridge true` and `pulumi up`.*`eventSourceName`.*`pulumi config set cognigy:releaseEventBridge false`/);
    expect(liveReplaceRefusal(inputs, { ...news, released: true }, ["awsAccountId", "eventSourceSuffix"])).toBeUndefined();
    expect(liveReplaceRefusal(inputs, inputs, [])).toBeUndefined();
    // Preview's unknown values are checked again by `up`, once known.
    expect(liveReplaceRefusal(inputs, { ...inputs, awsAccountId: UNKNOWN }, ["awsAccountId"])).toBeUndefined();
  });

  it("keeps `released` in the stored inputs only for a change that replaces", () => {
    const released = { ...inputs, released: true };
    expect(withoutIdleRelease(inputs, released)).toEqual(inputs);
    expect(withoutIdleRelease(inputs, { ...released, topicFilters: [ACW] })).toEqual({ ...inputs, topicFilters: [ACW] });
    expect(withoutIdleRelease({}, released)).toEqual(inputs);
    expect(withoutIdleRelease(inputs, { ...released, awsRegion: "us-east-1" })).toEqual({ ...released, awsRegion: "us-east-1" });
    expect(withoutIdleRelease(inputs, { ...inputs, released: false, awsRegion: "us-east-1" })).toEqual({ ...inputs, awsRegion: "us-east-1" });
  });

  it("compares topic filters as sets", () => {
    expect(sameTopics([ACW, USER_END], [USER_END, ACW])).toBe(true);
    expect(sameTopics([ACW], [ACW, USER_END])).toBe(false);
    expect(sameTopics([ACW, USER_END], [ACW, ACW])).toBe(false);
    expect(sameTopics(undefined, [ACW])).toBe(false);
  });
});
