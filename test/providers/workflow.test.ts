// Workflow provider against the emulator's flow jobs: direct calls and after a serialization round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DATA_ACTION_NAME, DEFAULT_INTEGRATION_NAME } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import { HOME_DIVISION, WorkflowInputs, WorkflowProvider } from "../../providers/workflow";
import { login } from "../emulator/sdk";
import { withClient, emulator, expectIdempotentDelete, handoverBase, MARKER, stackConfig, workflowYaml } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  emu.reset();
  await handoverBase(emu);
});

const NAME = "Workflow conversation.id.acw";

async function configured(provider: WorkflowProvider, managedBy = MARKER): Promise<WorkflowInputs> {
  withClient(provider, stackConfig(emu));
  const checked = await provider.check({}, { name: NAME, yaml: workflowYaml(NAME), managedBy });
  expect(checked.failures).toEqual([]);
  return checked.inputs as WorkflowInputs;
}

async function lifecycle(provider: WorkflowProvider): Promise<void> {
  const inputs = await configured(provider);
  const created = await provider.create(inputs);
  let [flow] = emu.state().flows;
  expect(emu.state().flows).toHaveLength(1);
  expect(flow).toMatchObject({ id: created.id, name: NAME, type: "WORKFLOW", division: "Home", description: MARKER });
  expect(flow.versions).toHaveLength(1);
  expect(flow.yaml).toContain("v2.detail.events.conversation.id.acw");
  // The YAML went up as bytes with the job's headers only: no Content-Type the URL did not sign.
  const [job] = emu.state().jobs;
  expect(job.uploadContentType).toBeUndefined();
  expect(job.yaml).toContain('name: "Workflow conversation.id.acw"');
  expect(created.outs).toMatchObject({ ...inputs, flowType: "WORKFLOW", published: true, locked: false, adopted: false });

  const read = await provider.read(created.id, created.outs);
  expect(read).toEqual({ id: created.id, props: created.outs, inputs });

  const news = { ...inputs, yaml: workflowYaml(NAME, "v2.detail.events.conversation.id.acw.changed") };
  expect(await provider.diff(created.id, created.outs, { ...inputs })).toMatchObject({ changes: false });
  expect(await provider.diff(created.id, created.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  expect(await provider.diff(created.id, created.outs, { ...news, name: "Renamed" })).toEqual({
    changes: true,
    replaces: ["name"],
    deleteBeforeReplace: false,
  });
  const updated = await provider.update(created.id, created.outs, news);
  [flow] = emu.state().flows;
  expect(flow.id).toBe(created.id);
  expect(flow.versions).toHaveLength(2);
  expect(flow.yaml).toContain("v2.detail.events.conversation.id.acw.changed");
  expect(updated.outs).toMatchObject({ published: true, publishedVersion: expect.any(String) });
  expect(updated.outs.jobId).not.toBe(created.outs.jobId);

  // Locked by a person: delete leaves the flow and the lock and names who holds it.
  const person = { user: { id: "u-17", name: "Ann Lee" } };
  emu.lockFlow(created.id, person);
  await expect(provider.delete(created.id, updated.outs)).rejects.toThrow(/locked in Architect by user "Ann Lee" \(id u-17\)/);
  expect(emu.state().flows).toMatchObject([{ id: created.id, lockedBy: person }]);
  // Locked by this client itself (its own lock, e.g. a run that stopped midway): delete unlocks, then deletes.
  emu.lockFlow(created.id, { clientId: DEFAULT_CLIENT.id });
  await expectIdempotentDelete(provider, created.id, updated.outs, () => emu.state().flows);
}

describe("Workflow provider", () => {
  it("create → read → update → diff → delete, field by field in the emulator", async () => {
    await lifecycle(new WorkflowProvider());
  });


  it("keeps a workflow another team's trigger targets, naming the trigger, and deletes it once the trigger is gone", async () => {
    const provider = new WorkflowProvider();
    const created = await provider.create(await configured(provider));
    const api = await login(emu.url);
    const trigger = await api.triggers.postProcessautomationTriggers({
      name: "CRM wrap-up trigger",
      topicName: "v2.detail.events.conversation.{id}.acw",
      enabled: true,
      target: { type: "Workflow", id: created.id, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
      matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "EMAIL" as unknown as object }],
    });
    await expect(provider.delete(created.id, created.outs)).rejects.toThrow(
      `this trigger is not this stack's:\n  - "CRM wrap-up trigger" (topic v2.detail.events.conversation.{id}.acw, id ${trigger.id})`,
    );
    expect(emu.state().flows.map((f) => f.id)).toEqual([created.id]);
    await api.triggers.deleteProcessautomationTrigger(trigger.id!);
    await expectIdempotentDelete(provider, created.id, created.outs, () => emu.state().flows);
  });

  it("reports a job that failed without any message, with its id", async () => {
    const provider = new WorkflowProvider();
    const inputs = await configured(provider);
    emu.failNextJob();
    const error = await provider.create(inputs).then(() => undefined, (err: Error) => err);
    const job = emu.state().jobs.find((j) => j.status === "Failure");
    expect(error?.message).toContain(`Archy job ${job?.id} failed with these messages:\n  (the job reported no messages)`);
  });

  it("surfaces every Archy message of a failing job", async () => {
    const provider = new WorkflowProvider();
    const inputs = await configured(provider);
    const broken = { ...inputs, yaml: workflowYaml(NAME, "t", "No Such Action") };
    const error = await provider.create(broken).then(
      () => undefined,
      (err: Error & { id?: string }) => err,
    );
    expect(error?.message).toMatch(/Archy job .* failed with these messages:\n {2}- .*No Such Action/);
    const job = emu.state().jobs.find((j) => j.status === "Failure");
    for (const message of job?.messages ?? []) expect(error?.message).toContain(message.text);
    expect(job?.messages.length).toBeGreaterThan(0);
    expect(emu.state().flows).toEqual([]);
    expect(error?.id).toBeUndefined();
  });

  it("refuses to overwrite a workflow it did not make; adopts it when asked", async () => {
    const other = new WorkflowProvider();
    const foreign = await other.create(await configured(other, "someone else"));
    const provider = new WorkflowProvider();
    const inputs = await configured(provider);
    await expect(provider.create(inputs)).rejects.toThrow(
      new RegExp(`Workflow "${NAME}" already exists .*id ${foreign.id}.*cognigy:adoptExisting=true`),
    );
    expect(emu.state().flows[0].versions).toHaveLength(1);
    const checked = await provider.check({}, { ...inputs, adopt: true });
    expect(checked.inputs).toMatchObject({ adoption: `take over ${foreign.id} in place` });
    const adopted = await provider.create(checked.inputs as typeof inputs);
    expect(adopted).toMatchObject({ id: foreign.id, outs: { adopted: true, adminDescription: "someone else" } });
    expect(emu.state().flows).toHaveLength(1);
    // The description there stays (here the other maker's marker, now plain text), ours beside it; and on each republish.
    expect(emu.state().flows[0].description).toBe(`someone else\n\n${MARKER}`);
    await provider.update(foreign.id, adopted.outs as never, checked.inputs as typeof inputs);
    expect(emu.state().flows[0].description).toBe(`someone else\n\n${MARKER}`);
  });
});

describe("Workflow provider on an org whose home division is not called Home", () => {
  let renamed: Emulator;
  beforeAll(async () => {
    renamed = await startEmulator({ jobMs: 20, homeDivision: "New Home" });
    await handoverBase(renamed);
  });
  afterAll(async () => renamed.close());

  it("publishes into the org's home division by its role, and reads back no drift until the flow moves", async () => {
    const provider = new WorkflowProvider();
    withClient(provider, stackConfig(renamed));
    // The YAML as the component renders it when cognigy:division is not set: no division at all.
    const yaml = renderWorkflowYaml({ workflowName: NAME, integrationName: DEFAULT_INTEGRATION_NAME, dataActionName: DEFAULT_DATA_ACTION_NAME, topic: "t" });
    const checked = await provider.check({}, { name: NAME, yaml, managedBy: MARKER });
    expect(checked.failures).toEqual([]);
    const inputs = checked.inputs as WorkflowInputs;
    expect(inputs.division).toBe(HOME_DIVISION);
    const created = await provider.create(inputs);
    const [flow] = renamed.state().flows;
    expect(flow).toMatchObject({ id: created.id, division: "New Home" });
    expect(created.outs).toMatchObject({ division: HOME_DIVISION, divisionName: "New Home" });
    const read = await provider.read(created.id, created.outs);
    expect(read.props).toEqual(created.outs);
    expect(await provider.diff(created.id, read.props as Record<string, unknown>, inputs)).toMatchObject({ changes: false });
    // Named explicitly, a division the org does not have fails the job with Archy's message.
    await expect(provider.update(created.id, created.outs, { ...inputs, division: "Home" })).rejects.toThrow(/Unable to find division 'Home'/);
  });

  it("reads the home division once for all the workflows of a run, and again for another org", async () => {
    const homeReads = (e: Emulator) => e.log().entries.filter((entry) => entry.route === "GET /api/v2/authorization/divisions/home").length;
    const yaml = (name: string) => renderWorkflowYaml({ workflowName: name, integrationName: DEFAULT_INTEGRATION_NAME, dataActionName: DEFAULT_DATA_ACTION_NAME, topic: "t" });
    const provider = new WorkflowProvider();
    withClient(provider, stackConfig(renamed));
    const before = homeReads(renamed);
    const names = ["Workflow one", "Workflow two"];
    const inputs = await Promise.all(names.map(async (name) => (await provider.check({}, { name, yaml: yaml(name), managedBy: MARKER })).inputs as WorkflowInputs));
    const created = await Promise.all(inputs.map((i) => provider.create(i)));
    expect(created.map((c) => c.outs.divisionName)).toEqual(["New Home", "New Home"]);
    expect(homeReads(renamed) - before).toBe(1);

    // Configured for another org (another emulator), the provider reads that org's home division.
    withClient(provider, stackConfig(emu));
    const other = (await provider.check({}, { name: "Workflow three", yaml: yaml("Workflow three"), managedBy: MARKER })).inputs as WorkflowInputs;
    expect((await provider.create(other)).outs.divisionName).toBe("Home");
    expect(homeReads(emu)).toBe(1);
  });
});
