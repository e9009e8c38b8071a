// A data action contract change replaces the action (new id); each workflow depends on that id,
// so the update republishes it and the handover still reaches Cognigy. Driven through the real
// providers the way the engine drives them (check → diff → create → update → delete of the
// replaced one), against the emulator, which binds each published workflow version to the
// action id it resolved.
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, expect, it } from "vitest";
import { handoverRequestUrl } from "../../domain/endpoint";
import { DEFAULT_DATA_ACTION_NAME, DEFAULT_INTEGRATION_NAME, HANDOVER_EVENTS, OPEN_MESSAGING_CRITERIA } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import type { Emulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { DataActionInputs, DataActionProvider, setAsideName } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WorkflowInputs, WorkflowOutputs, WorkflowProvider } from "../../providers/workflow";
import inputContract from "../../templates/input-contract.json";
import { type Recorder, startRecorder } from "../emulator/cognigy-receiver";
import { login } from "../emulator/sdk";
import { withClient, emulator, MARKER, stackConfig } from "./harness";

let emu: Emulator;
let cognigy: Recorder;
beforeAll(async () => {
  emu = await emulator();
  cognigy = await startRecorder();
});
afterAll(async () => {
  await emu.close();
  await cognigy.close();
});

async function configured<P extends Parameters<typeof withClient>[0]>(provider: P): Promise<P> {
  return withClient(provider, stackConfig(emu));
}

async function checked<T>(provider: { check(olds: object, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> }, news: Record<string, unknown>): Promise<T> {
  const result = await provider.check({}, news);
  expect(result.failures).toEqual([]);
  return result.inputs as T;
}

it("a contract change replaces the data action and republishes both workflows, which then call the new action", async () => {
  const integrations = await configured(new IntegrationProvider());
  const actions = await configured(new DataActionProvider());
  const workflows = await configured(new WorkflowProvider());
  const triggers = await configured(new TriggerProvider());
  const integration = await integrations.create({ name: DEFAULT_INTEGRATION_NAME, notes: "", enabled: true, adopt: false, managedBy: MARKER } as never);
  const actionNews = {
    name: DEFAULT_DATA_ACTION_NAME,
    category: DEFAULT_INTEGRATION_NAME,
    integrationId: integration.id,
    // The stack made the integration: an action of this name under it is the stack's own.
    integrationAdopted: false,
    inputSchema: inputContract,
    outputSchema: { type: "object", properties: {}, additionalProperties: true },
    requestUrlTemplate: handoverRequestUrl({ endpointUrl: cognigy.url }),
    managedBy: MARKER,
  };
  const action = await actions.create(await checked<DataActionInputs>(actions, actionNews));

  const flows: { id: string; outs: WorkflowOutputs; inputs: WorkflowInputs }[] = [];
  for (const event of HANDOVER_EVENTS) {
    const yaml = renderWorkflowYaml({
      workflowName: event.defaultWorkflowName,
      division: "Home",
      integrationName: DEFAULT_INTEGRATION_NAME,
      dataActionName: DEFAULT_DATA_ACTION_NAME,
      topic: event.workflowTopic,
    });
    const inputs = await checked<WorkflowInputs>(workflows, { name: event.defaultWorkflowName, yaml, managedBy: MARKER, dataActionId: action.id });
    const created = await workflows.create(inputs);
    flows.push({ id: created.id, outs: created.outs as WorkflowOutputs, inputs });
    await triggers.create(
      await checked(triggers, {
        name: event.defaultTriggerName,
        topicName: event.triggerTopic,
        workflowId: created.id,
        matchCriteria: OPEN_MESSAGING_CRITERIA.map((c) => ({ ...c })),
        managedBy: MARKER,
      }),
    );
  }

  // The contract changes (userId becomes required): the engine creates the new action first.
  const changedNews = { ...actionNews, inputSchema: { ...inputContract, required: ["userId"] } };
  const changed = await checked<DataActionInputs>(actions, changedNews);
  expect(await actions.diff(action.id, action.outs, changed)).toMatchObject({ changes: true, replaces: ["inputSchema"], deleteBeforeReplace: false });
  const replaced = await actions.create(changed);
  expect(replaced.id).not.toBe(action.id);
  // The new action has the configured name; the old one, still called by both workflows, another.
  expect(emu.state().actions.map((a) => [a.id, a.name])).toEqual([
    [action.id, setAsideName(DEFAULT_DATA_ACTION_NAME, action.id)],
    [replaced.id, DEFAULT_DATA_ACTION_NAME],
  ]);

  for (const flow of flows) {
    const news = await checked<WorkflowInputs>(workflows, { ...flow.inputs, dataActionId: replaced.id });
    expect(await workflows.diff(flow.id, { ...flow.outs }, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updated = await workflows.update(flow.id, flow.outs, news);
    expect(updated.outs).toMatchObject({ publishedVersion: "2.0", dataActionId: replaced.id });
  }
  await actions.delete(action.id, action.outs);
  const api = await login(emu.url);
  const fresh = await api.architect.getArchitectDependencytrackingDeletedresourceconsumers({ objectType: ["WORKFLOWFLOW"] });
  expect(fresh.entities).toEqual([]);

  const acw = sampleEvent("acw", "open-messaging");
  const userEnd = sampleEvent("user.end", "open-messaging");
  await emu.publishEvent(sampleTopic("acw"), acw);
  await emu.publishEvent(sampleTopic("user.end"), userEnd);
  expect(cognigy.received.map((r) => JSON.parse(r.body))).toEqual([
    { userId: acw.addressTo, topic: "v2.detail.events.conversation.id.acw" },
    { userId: userEnd.addressTo, topic: "v2.detail.events.conversation.id.user.end", disconnectType: "client" },
  ]);
});

it("the same id is no change, and an unknown id in preview shows an update, never a replace", async () => {
  const provider = new WorkflowProvider();
  const olds = { name: "W", division: "Home", yaml: "y", adopt: false, managedBy: MARKER, dataActionId: "custom_-_a" };
  expect(await provider.diff("id", olds, { ...olds })).toMatchObject({ changes: false });
  expect(await provider.diff("id", olds, { ...olds, dataActionId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  expect((await provider.check({}, { ...olds, dataActionId: "" })).failures).toEqual([
    { property: "dataActionId", reason: 'dataActionId must be a non-empty string (got "")' },
  ]);
});
