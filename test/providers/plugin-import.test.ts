// Import through the provider plugin's provider (provider-plugin/plugin.ts), against the emulator,
// called as the engine calls it for the `import` resource option: Read with the id alone, then
// Check (the read inputs as olds) and Diff with the program's inputs, which must show no change.
// Per kind: an object whose record was lost (it, or for a data action its integration, carries
// the stack's marker) imports with no diff; a hand-made one (no marker of the URN's project and
// stack) is refused by Read, before the engine records it (Pulumi 3.248 records an import before
// its diff and follows a difference with an update); one marked by a same-named stack of another
// identity is refused by Diff, before the update would write this stack's marker on it. A workflow's YAML cannot be read back: it imports only with
// ignoreChanges on `yaml` and `dataActionId`, and the next update publishes the program's YAML.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../dev/emulator/index";
import { DEFAULT_CLIENT } from "../../dev/emulator/index";
import { typeToken } from "../../provider-plugin/package-schema";
import { GenesysPlugin } from "../../provider-plugin/plugin";
import { login } from "../emulator/sdk";
import { publish } from "../emulator/world";
import { MARKER, withClient, emulator, handoverBase, stackConfig, workflowYaml } from "./harness";
import { WorkflowProvider, type WorkflowInputs } from "../../providers/workflow";

// The stack the harness's MARKER names: cognigy-genesys-handover/test.
const urn = (kind: string) => `urn:pulumi:test::cognigy-genesys-handover::${typeToken(kind)}::imported`;
const TOPIC = "v2.detail.events.conversation.{id}.acw";
const CRITERIA = [{ jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" }];

let emu: Emulator;
let plugin: GenesysPlugin;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  emu.reset();
  plugin = new GenesysPlugin();
  await plugin.configure({ clientId: DEFAULT_CLIENT.id, clientSecret: DEFAULT_CLIENT.secret, apiUrl: emu.url, retryMaxTotalMs: "15000", visibilityTimeoutMs: "8000" });
});

/** Pure: `value` as the plugin's gRPC server sends it (a protobuf Struct, which refuses undefined members) and the engine receives it. */
const served = <T extends object>(value: T): T => structproto.Struct.fromJavaScript(value as Record<string, never>).toJavaScript() as T;

/**
 * What the engine does with the `import` option: Read by id, Check, Diff; the changed fields, the
 * imported outputs and the inputs it records. `ignoreChanges`: the program's inputs of these names
 * are reset to the read ones, removed where the read gave none (processIgnoreChanges,
 * pkg/resource/deploy/step_generator.go, PropertyPath.Reset).
 */
async function importOf(
  kind: string,
  id: string,
  program: Record<string, unknown>,
  ignoreChanges: string[] = [],
): Promise<{ changes: boolean | undefined; diffs: string[]; props: Record<string, unknown>; inputs: Record<string, unknown> }> {
  const read = served(await plugin.read(id, urn(kind)));
  expect(read.id).toBe(id);
  const news = { ...program };
  for (const key of ignoreChanges) {
    if (read.inputs?.[key] === undefined) delete news[key];
    else news[key] = read.inputs[key];
  }
  const checked = await plugin.check(urn(kind), read.inputs, news);
  expect(checked.failures ?? []).toEqual([]);
  const diff = await plugin.diff(id, urn(kind), read.props, checked.inputs);
  const fields = Object.keys(checked.inputs ?? {}).filter((key) => JSON.stringify(read.props?.[key]) !== JSON.stringify(checked.inputs?.[key]));
  return { changes: diff.changes, diffs: fields.sort(), props: read.props ?? {}, inputs: checked.inputs ?? {} };
}

describe("import through the provider plugin", () => {
  it("an integration carrying the stack's marker imports with no change; a hand-made one, or a same-named stack's, is refused", async () => {
    const program = { name: "Cognigy Handover", notes: "Kept for the CRM team", managedBy: MARKER };
    const made = await plugin.create(urn("Integration"), (await plugin.check(urn("Integration"), {}, program)).inputs);
    const imported = await importOf("Integration", made.id, program);
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ ...program, enabled: true, adopted: true, genesysOrgId: emu.state().org.id });

    const api = await login(emu.url);
    const handMade = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const current = await api.integrations.getIntegrationConfigCurrent(handMade.id!);
    await api.integrations.putIntegrationConfigCurrent(handMade.id!, { body: { ...current, name: "Cognigy Handover 2", notes: "Kept for the CRM team" } });
    await api.integrations.patchIntegration(handMade.id!, { body: { intendedState: "ENABLED" } });
    await expect(importOf("Integration", handMade.id!, { ...program, name: "Cognigy Handover 2" })).rejects.toThrow(
      /Integration "Cognigy Handover 2" \(.+\) carries no marker of stack cognigy-genesys-handover\/test .*Nothing was recorded.*cognigy:adoptExisting true/,
    );

    // A same-named stack's integration (its marker has an identity this stack's has not): imported, but never updated to this stack's marker.
    const namesake = await plugin.create(urn("Integration"), (await plugin.check(urn("Integration"), {}, { ...program, name: "Cognigy Handover 3", managedBy: `${MARKER} 0b6f3a52-9c1d-4e8a-b7f2-5d4c3b2a1f00` })).inputs);
    await expect(importOf("Integration", namesake.id, { ...program, name: "Cognigy Handover 3" })).rejects.toThrow(
      /Integration "Cognigy Handover 3" \(.+\) was imported, but it carries the marker ".+ 0b6f3a52-.+", not this stack's.*Nothing was changed/,
    );
  });

  it("a data action under the stack's integration imports with no change (its integration's notes carry the marker)", async () => {
    const integration = { name: "Web Services Cognigy", managedBy: MARKER };
    const integrationId = (await plugin.create(urn("Integration"), (await plugin.check(urn("Integration"), {}, integration)).inputs)).id;
    const program = {
      name: "Send Event to Cognigy",
      category: "Web Services Cognigy",
      integrationId,
      inputSchema: { type: "object", properties: { userId: { type: "string" } }, additionalProperties: true },
      outputSchema: { type: "object", properties: {}, additionalProperties: true },
      requestUrlTemplate: "https://endpoint.example/handover",
      managedBy: MARKER,
    };
    const made = await plugin.create(urn("DataAction"), (await plugin.check(urn("DataAction"), {}, program)).inputs);
    const imported = await importOf("DataAction", made.id, program);
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ ...program, requestType: "POST", secure: false, adopted: true, version: 1 });
  });

  it("a trigger carrying the stack's marker imports with no change", async () => {
    await handoverBase(emu);
    const workflows = new WorkflowProvider();
    withClient(workflows, stackConfig(emu));
    const name = "Workflow conversation.id.acw";
    const flow = await workflows.create((await workflows.check({}, { name, yaml: workflowYaml(name), managedBy: MARKER })).inputs as WorkflowInputs);

    const program = { name: "Trigger conversation.id.acw", topicName: TOPIC, workflowId: flow.id, matchCriteria: CRITERIA, eventTTLSeconds: 60, managedBy: MARKER };
    const made = await plugin.create(urn("Trigger"), (await plugin.check(urn("Trigger"), {}, program)).inputs);
    const imported = await importOf("Trigger", made.id, program);
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ ...program, enabled: true, dataFormat: "TopLevelPrimitives", adopted: true, version: 1 });
  });

  it("a workflow carrying the stack's marker imports with ignoreChanges on yaml and dataActionId; the next update publishes the program's YAML", async () => {
    const { actionId } = await handoverBase(emu);
    const name = "Workflow conversation.id.acw";
    const program = { name, yaml: workflowYaml(name), managedBy: MARKER, dataActionId: actionId };
    const made = await plugin.create(urn("Workflow"), (await plugin.check(urn("Workflow"), {}, program)).inputs);
    const version = made.outs.publishedVersion;

    // Genesys gives back neither the YAML nor the action id the published version resolved: a plain import is refused.
    const plain = await importOf("Workflow", made.id, program);
    expect(plain.changes).toBe(true);
    expect(plain.diffs).toEqual(["dataActionId", "yaml"]);

    const imported = await importOf("Workflow", made.id, program, ["yaml", "dataActionId"]);
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ name, division: "", divisionName: "Home", managedBy: MARKER, adopt: false, adopted: true, publishedVersion: version });
    expect(imported.props.yaml).toContain(`imported at its published version ${version}`);
    expect(imported.props).not.toHaveProperty("adminDescription");
    expect(emu.state().flows.find((flow) => flow.id === made.id)?.versions).toHaveLength(1);

    // Still ignoring yaml, a change of another input would publish the stand-in: refused before any write.
    const calls = emu.log().entries.length;
    await expect(plugin.update(made.id, urn("Workflow"), imported.props, { ...imported.inputs, adopt: true })).rejects.toThrow(/Remove "yaml"/);
    expect(emu.log().entries.slice(calls).filter((entry) => entry.method !== "GET")).toEqual([]);

    // The next up without ignoreChanges: an update (no replace) that publishes the program's YAML; a refresh after keeps it.
    const checked = await plugin.check(urn("Workflow"), imported.inputs, program);
    expect(checked.failures ?? []).toEqual([]);
    expect(await plugin.diff(made.id, urn("Workflow"), imported.props, checked.inputs)).toMatchObject({ changes: true, replaces: [] });
    const updated = served(await plugin.update(made.id, urn("Workflow"), imported.props, checked.inputs));
    expect(updated.outs).toMatchObject({ yaml: program.yaml, dataActionId: actionId, adopted: true });
    expect(updated.outs.publishedVersion).not.toBe(version);
    const refreshed = served(await plugin.read(made.id, urn("Workflow"), updated.outs));
    expect(refreshed.props).toMatchObject({ yaml: program.yaml, division: "", publishedVersion: updated.outs.publishedVersion });
  });

  it("a hand-made workflow (no marker in its description) is refused even with ignoreChanges", async () => {
    await handoverBase(emu);
    const name = "Workflow by hand";
    const published = await publish(await login(emu.url), workflowYaml(name));
    expect(published.status).toBe("Success");
    await expect(importOf("Workflow", published.flowId!, { name, yaml: workflowYaml(name), managedBy: MARKER }, ["yaml", "dataActionId"])).rejects.toThrow(
      /Workflow "Workflow by hand" \(.+\) carries no marker of stack/,
    );
  });

  it("an EventBridge integration carrying the stack's marker imports with no change (released is the stack's); a hand-made one is refused", async () => {
    const program = {
      awsAccountId: "123456789012",
      awsRegion: "eu-central-1",
      eventSourceSuffix: "cognigy-org-42",
      topicFilters: ["v2.detail.events.conversation.{id}.user.end", TOPIC],
      managedBy: MARKER,
    };
    const made = served(await plugin.create(urn("EventBridgeIntegration"), (await plugin.check(urn("EventBridgeIntegration"), {}, program)).inputs));
    // No notes of the user's (check's default ""), topics in another order, the release set: still no change.
    const imported = await importOf("EventBridgeIntegration", made.id, { ...program, topicFilters: [...program.topicFilters].reverse(), released: true });
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ ...program, name: "Amazon EventBridge Source - Cognigy", notes: "", enabled: true, adopted: true, genesysOrgId: emu.state().org.id });
    expect(imported.inputs).not.toHaveProperty("released");

    const api = await login(emu.url);
    const handMade = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "amazon-eventbridge-source" } } });
    const current = await api.integrations.getIntegrationConfigCurrent(handMade.id!);
    const properties = { awsAccountId: program.awsAccountId, awsAccountRegion: program.awsRegion, eventSourceSuffix: "cognigy-org-43", eventFilter: program.topicFilters };
    await api.integrations.putIntegrationConfigCurrent(handMade.id!, { body: { ...current, name: "Events by hand", notes: "Made in the UI", properties } });
    await api.integrations.patchIntegration(handMade.id!, { body: { intendedState: "ENABLED" } });
    await expect(importOf("EventBridgeIntegration", handMade.id!, { ...program, name: "Events by hand", notes: "Made in the UI", eventSourceSuffix: "cognigy-org-43" })).rejects.toThrow(
      /EventBridgeIntegration "Events by hand" \(.+\) carries no marker of stack/,
    );
  });
});
