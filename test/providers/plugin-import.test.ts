// Import through the provider plugin's provider (provider-plugin/plugin.ts), against the emulator,
// called as the engine calls it for the `import` resource option: Read with the id alone, then
// Check (the read inputs as olds) and Diff with the program's inputs, which must show no change.
// Per kind: an object whose record was lost (it, or for a data action its integration, carries
// the stack's marker) imports with no diff; a hand-made one (no marker) shows `managedBy` changed,
// so the engine refuses the import.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../dev/emulator/index";
import { DEFAULT_CLIENT } from "../../dev/emulator/index";
import { typeToken } from "../../provider-plugin/package-schema";
import { GenesysPlugin } from "../../provider-plugin/plugin";
import { login } from "../emulator/sdk";
import { MARKER, configureRequest, emulator, handoverBase, stackConfig, workflowYaml } from "./harness";
import { WorkflowProvider, type WorkflowInputs } from "../../providers/workflow";

const urn = (kind: string) => `urn:pulumi:dev::cognigy::${typeToken(kind)}::imported`;
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

/** What the engine does with the `import` option: Read by id, Check, Diff; the changed fields and the imported outputs. */
async function importOf(kind: string, id: string, program: Record<string, unknown>): Promise<{ changes: boolean | undefined; diffs: string[]; props: Record<string, unknown> }> {
  const read = await plugin.read(id, urn(kind));
  expect(read.id).toBe(id);
  const checked = await plugin.check(urn(kind), read.inputs, program);
  expect(checked.failures ?? []).toEqual([]);
  const diff = await plugin.diff(id, urn(kind), read.props, checked.inputs);
  const fields = Object.keys(checked.inputs ?? {}).filter((key) => JSON.stringify(read.props?.[key]) !== JSON.stringify(checked.inputs?.[key]));
  return { changes: diff.changes, diffs: fields, props: read.props ?? {} };
}

describe("import through the provider plugin", () => {
  it("an integration carrying the stack's marker imports with no change; a hand-made one is a managedBy change", async () => {
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
    const refused = await importOf("Integration", handMade.id!, { ...program, name: "Cognigy Handover 2" });
    expect(refused.changes).toBe(true);
    expect(refused.diffs).toEqual(["managedBy"]);
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
    await workflows.configure(configureRequest(stackConfig(emu)));
    const name = "Workflow conversation.id.acw";
    const flow = await workflows.create((await workflows.check({}, { name, yaml: workflowYaml(name), managedBy: MARKER })).inputs as WorkflowInputs);

    const program = { name: "Trigger conversation.id.acw", topicName: TOPIC, workflowId: flow.id, matchCriteria: CRITERIA, eventTTLSeconds: 60, managedBy: MARKER };
    const made = await plugin.create(urn("Trigger"), (await plugin.check(urn("Trigger"), {}, program)).inputs);
    const imported = await importOf("Trigger", made.id, program);
    expect(imported.changes).toBe(false);
    expect(imported.props).toMatchObject({ ...program, enabled: true, dataFormat: "TopLevelPrimitives", adopted: true, version: 1 });
  });
});
