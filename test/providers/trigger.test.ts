// Trigger provider against the emulator: direct calls and after a serialization round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { TriggerInputs, TriggerProvider } from "../../providers/trigger";
import { WorkflowInputs, WorkflowProvider } from "../../providers/workflow";
import { withClient, emulator, expectIdempotentDelete, handoverBase, MARKER, stackConfig, workflowYaml } from "./harness";

let emu: Emulator;
let workflowId: string;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  emu.reset();
  await handoverBase(emu);
  const workflows = new WorkflowProvider();
  withClient(workflows, stackConfig(emu));
  const name = "Workflow conversation.id.acw";
  const checked = await workflows.check({}, { name, yaml: workflowYaml(name), managedBy: MARKER });
  workflowId = (await workflows.create(checked.inputs as WorkflowInputs)).id;
});

const MEDIA = { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" };
const OPEN = { jsonPath: "messageType", operator: "Equal", value: "OPEN" };
const TOPIC = "v2.detail.events.conversation.{id}.acw";

async function configured(provider: TriggerProvider, managedBy = MARKER): Promise<TriggerInputs> {
  withClient(provider, stackConfig(emu));
  const checked = await provider.check({}, {
    name: "Trigger conversation.id.acw", topicName: TOPIC, workflowId, matchCriteria: [MEDIA, OPEN], eventTTLSeconds: 60,
    managedBy,
  });
  expect(checked.failures).toEqual([]);
  return checked.inputs as TriggerInputs;
}

async function lifecycle(provider: TriggerProvider): Promise<void> {
  const inputs = await configured(provider);
  const created = await provider.create(inputs);
  let [trigger] = emu.state().triggers;
  expect(emu.state().triggers).toHaveLength(1);
  expect(trigger).toMatchObject({
    id: created.id,
    name: "Trigger conversation.id.acw",
    topicName: TOPIC,
    enabled: true,
    target: { type: "Workflow", id: workflowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [MEDIA, OPEN],
    eventTTLSeconds: 60,
    description: MARKER,
    version: 1,
  });
  expect(created.outs).toMatchObject({ version: 1, adopted: false });

  const read = await provider.read(created.id, created.outs);
  expect(read.props).toEqual(created.outs);
  expect(await provider.diff(created.id, read.props, { ...inputs, matchCriteria: [OPEN, MEDIA] })).toMatchObject({ changes: false });

  const news = { ...inputs, enabled: false, description: "Stops on ACW", matchCriteria: [MEDIA] };
  expect(await provider.diff(created.id, created.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  expect(await provider.diff(created.id, created.outs, { ...news, topicName: "v2.detail.events.conversation.{id}.user.end" })).toEqual({
    changes: true,
    replaces: ["topicName"],
    deleteBeforeReplace: true,
  });
  const updated = await provider.update(created.id, created.outs, news);
  [trigger] = emu.state().triggers;
  expect(trigger).toMatchObject({ enabled: false, matchCriteria: [MEDIA], description: `Stops on ACW\n\n${MARKER}`, version: 2 });
  expect(updated.outs).toMatchObject({ version: 2, description: "Stops on ACW" });
  expect((await provider.read(created.id, updated.outs)).props).toEqual(updated.outs);

  await expectIdempotentDelete(provider, created.id, updated.outs, () => emu.state().triggers);
}

describe("Trigger provider", () => {
  it("create → read → update → diff → delete, field by field in the emulator", async () => {
    await lifecycle(new TriggerProvider());
  });


  it("refuses an existing trigger it did not make; adopts it when asked", async () => {
    const other = new TriggerProvider();
    const foreign = await other.create({ ...(await configured(other, "someone else")), description: "Their own text" });
    const provider = new TriggerProvider();
    const inputs = await configured(provider);
    await expect(provider.create(inputs)).rejects.toThrow(new RegExp(`Trigger .* already exists .*id ${foreign.id}.*cognigy:adoptExisting=true`));
    const checked = await provider.check({}, { ...inputs, adopt: true });
    expect(checked.inputs).toMatchObject({ adoption: `take over ${foreign.id} in place` });
    const adopted = await provider.create(checked.inputs as TriggerInputs);
    expect(adopted).toMatchObject({ id: foreign.id, outs: { adopted: true, version: 2 } });
    expect(emu.state().triggers).toHaveLength(1);
    // No description of the stack's own: the text there stays (here with the other maker's marker, now plain text), ours beside it.
    expect(emu.state().triggers[0].description).toBe(`Their own text\n\nsomeone else\n\n${MARKER}`);
  });

  it("reports a genuine 400 at once, with Genesys's message (no retries for criteria Genesys refuses)", async () => {
    const provider = new TriggerProvider();
    const inputs = await configured(provider);
    emu.clearLog();
    const bad = { ...inputs, matchCriteria: [{ jsonPath: "noSuchField", operator: "Equal", value: "x" }] };
    await expect(provider.create(bad)).rejects.toThrow(/Create trigger failed: HTTP 400 bad.request .*noSuchField/);
    expect(emu.log().counts["POST /api/v2/processautomation/triggers"]).toBe(1);
    expect(emu.state().triggers).toEqual([]);
  });

  it("fails at once on a missing permission, naming it and the OAuth client, with no retry", async () => {
    emu.addClient("no-trigger-add", "s", ["processautomation:trigger:view", "processautomation:trigger:edit"]);
    const provider = new TriggerProvider();
    const inputs = await configured(provider);
    withClient(provider, stackConfig(emu, { "genesyscloud:oauthClientId": "no-trigger-add", "genesyscloud:oauthClientSecret": "s" }));
    emu.clearLog();
    const error = await provider.create(inputs).then(() => undefined, (err: Error) => err);
    expect(error?.message).toMatch(/Create trigger failed: HTTP 403 missing.permissions .*\[processautomation:trigger:add\]/);
    expect(error?.message).toContain('Add the permission to the role of OAuth client "no-trigger-add"');
    expect(emu.log().counts["POST /api/v2/processautomation/triggers"]).toBe(1);
    expect(emu.state().triggers).toEqual([]);
  });
});
