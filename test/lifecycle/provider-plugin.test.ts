// The provider plugin (provider-plugin/) through the real CLI: a program with two explicit
// providers for two emulated orgs (each with its own OAuth client) deploys an integration in each
// and adopts an existing integration of org A by its Genesys id (the `import` resource option),
// with an empty preview and refresh after, and a data action, a trigger and an EventBridge
// integration of the stack's whose records were lost; a workflow is imported the same way with ignoreChanges
// on what Genesys cannot give back (its YAML), and without that option the next plan updates it
// for its YAML and up republishes it; the state stays small and keeps no secret in plain text;
// destroy removes everything the stack holds from both orgs. The plugin is found through
// Pulumi.yaml's plugins.providers.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, type Emulator, startEmulator } from "../../dev/emulator/index";
import { DEFAULT_DATA_ACTION_NAME, DEFAULT_INTEGRATION_NAME } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import { WorkflowProvider, type WorkflowInputs } from "../../providers/workflow";
import { DataActionProvider } from "../../providers/data-action";
import { TriggerProvider } from "../../providers/trigger";
import { EventBridgeIntegrationProvider } from "../../providers/eventbridge-integration";
import { VERSION } from "../../provider-plugin/package-schema";
import { login } from "../emulator/sdk";
import { withClient, handoverBase, stackConfig } from "../providers/harness";
import { TestStack } from "../support/stack";
import { writeCalls } from "./org";

const ROOT = path.join(__dirname, "..", "..");
const PROJECT = "cognigy-plugin";
const MARKER = "cognigy-genesys-handover cognigy-plugin/plugin 7f3c2a9e-0d4b-4c55-9a51-0c1e2b3d4f5a";
const CLIENT_B = { id: "org-b-client", secret: "org-b-secret" };
const WORKFLOW = "Workflow restored";

/** A project folder for the fixture program: Pulumi.yaml naming the plugin's folder, the program, this checkout's node_modules and tsconfigs. */
function pluginProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-plugin-"));
  const pluginDir = path.join(ROOT, "provider-plugin");
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    [
      `name: ${PROJECT}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      "    tsconfig: tsconfig.pulumi.json",
      "main: program/",
      "plugins:",
      "  providers:",
      "    - name: cognigy-genesys",
      `      path: ${pluginDir}`,
      "",
    ].join("\n"),
  );
  fs.symlinkSync(path.join(ROOT, "test", "fixtures", "plugin-program"), path.join(dir, "program"));
  for (const entry of ["node_modules", "tsconfig.json", "tsconfig.pulumi.json"]) fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  return dir;
}

const names = (emu: Emulator) => emu.state().integrations.map((integration) => integration.name).sort();

describe("the provider plugin through the real CLI", () => {
  let orgA: Emulator;
  let orgB: Emulator;
  let project: string;
  let stack: TestStack;

  beforeAll(async () => {
    orgA = await startEmulator();
    orgB = await startEmulator({ clients: [CLIENT_B] });
    project = pluginProject();
  });

  afterAll(async () => {
    await stack?.dispose();
    await orgA?.close();
    await orgB?.close();
    fs.rmSync(project, { recursive: true, force: true });
  });

  it("two providers for two orgs, an import by id of each Genesys kind, an empty preview and refresh after, a small state, destroy, and a hand-made object's import refused", async () => {
    // An integration of this stack's whose record was lost (its notes end with the stack's marker), made as in the UI.
    const api = await login(orgA.url);
    const existing = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const current = await api.integrations.getIntegrationConfigCurrent(existing.id!);
    await api.integrations.putIntegrationConfigCurrent(existing.id!, { body: { ...current, name: "Restored handover", notes: `Kept for the CRM team\n\n${MARKER}` } });
    await api.integrations.patchIntegration(existing.id!, { body: { intendedState: "ENABLED" } });
    // A workflow of this stack's whose record was lost, calling a data action (both outside the stack).
    const { actionId } = await handoverBase(orgA);
    const workflows = new WorkflowProvider();
    withClient(workflows, stackConfig(orgA));
    const yaml = renderWorkflowYaml({ workflowName: WORKFLOW, integrationName: DEFAULT_INTEGRATION_NAME, dataActionName: DEFAULT_DATA_ACTION_NAME, topic: "v2.detail.events.conversation.id.acw" });
    const lost = await workflows.create((await workflows.check({}, { name: WORKFLOW, yaml, managedBy: MARKER })).inputs as WorkflowInputs);
    const versions = () => orgA.state().flows.find((flow) => flow.id === lost.id)?.versions.length;
    // A data action under the restored integration, a trigger of the lost workflow and an
    // EventBridge integration, each carrying the stack's marker (the action through its integration's notes).
    const made = async (provider: { check(olds: object, news: object): Promise<{ inputs?: object }>; create(inputs: never): Promise<{ id: string }> }, inputs: object) => {
      withClient(provider as never, stackConfig(orgA));
      return (await provider.create((await provider.check({}, inputs)).inputs as never)).id;
    };
    const actionInputs = {
      name: "Send Event to Cognigy (restored)",
      category: "Restored handover",
      inputSchema: { type: "object", properties: { userId: { type: "string" } }, additionalProperties: true },
      outputSchema: { type: "object", properties: {}, additionalProperties: true },
      requestUrlTemplate: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
      managedBy: MARKER,
    };
    const triggerInputs = {
      name: "Trigger restored",
      topicName: "v2.detail.events.conversation.{id}.acw",
      matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" }],
      eventTTLSeconds: 60,
      managedBy: MARKER,
    };
    const eventBridgeInputs = {
      awsAccountId: "123456789012",
      awsRegion: "eu-central-1",
      eventSourceSuffix: "cognigy-org-42",
      topicFilters: ["v2.detail.events.conversation.{id}.user.end"],
      managedBy: MARKER,
    };
    const lostIds = {
      action: await made(new DataActionProvider(), { ...actionInputs, integrationId: existing.id }),
      trigger: await made(new TriggerProvider(), { ...triggerInputs, workflowId: lost.id }),
      eventBridge: await made(new EventBridgeIntegrationProvider(), eventBridgeInputs),
    };
    const writesBefore = orgA.log().entries.length;

    const config = {
        [`${PROJECT}:managedBy`]: MARKER,
        [`${PROJECT}:urlA`]: orgA.url,
        [`${PROJECT}:clientIdA`]: DEFAULT_CLIENT.id,
        [`${PROJECT}:clientSecretA`]: DEFAULT_CLIENT.secret,
        [`${PROJECT}:urlB`]: orgB.url,
        [`${PROJECT}:clientIdB`]: CLIENT_B.id,
        [`${PROJECT}:clientSecretB`]: CLIENT_B.secret,
        [`${PROJECT}:importId`]: existing.id!,
        [`${PROJECT}:importName`]: "Restored handover",
        [`${PROJECT}:importNotes`]: "Kept for the CRM team",
        [`${PROJECT}:workflowId`]: lost.id,
        [`${PROJECT}:workflowName`]: WORKFLOW,
        [`${PROJECT}:integrationName`]: DEFAULT_INTEGRATION_NAME,
        [`${PROJECT}:dataActionName`]: DEFAULT_DATA_ACTION_NAME,
        [`${PROJECT}:dataActionId`]: actionId,
        [`${PROJECT}:actionImportId`]: lostIds.action,
        [`${PROJECT}:actionInputs`]: JSON.stringify(actionInputs),
        [`${PROJECT}:triggerImportId`]: lostIds.trigger,
        [`${PROJECT}:triggerInputs`]: JSON.stringify(triggerInputs),
        [`${PROJECT}:eventBridgeImportId`]: lostIds.eventBridge,
        // Released: the stack may delete it at destroy (an EventBridge integration is kept otherwise).
        [`${PROJECT}:eventBridgeInputs`]: JSON.stringify({ ...eventBridgeInputs, released: true }),
    };
    const secretKeys = [`${PROJECT}:clientSecretA`, `${PROJECT}:clientSecretB`];
    stack = await TestStack.create({ stack: "plugin", projectDir: project, config, secretKeys });

    const up = await stack.up();
    expect(names(orgA)).toEqual(["Amazon EventBridge Source - Cognigy", "Cognigy handover a", "Restored handover", DEFAULT_INTEGRATION_NAME].sort());
    expect(names(orgB)).toEqual(["Cognigy handover b"]);
    expect(up.outputs.orgIds).toEqual({ a: orgA.state().org.id, b: orgB.state().org.id, imported: orgA.state().org.id });
    expect(up.outputs.ids).toMatchObject({ imported: existing.id });
    expect(up.outputs.importedAdopted).toBe(true);
    expect(up.steps.filter((step) => step.op === "import").map((step) => step.urn.split("::").pop()).sort()).toEqual(
      ["imported", "imported-action", "imported-eventbridge", "imported-trigger", "workflow"],
    );
    expect(up.outputs.importedIds).toEqual(lostIds);
    // Every import as it is: not one write to an imported object (the up creates integration-a beside them).
    const importedIds = [existing.id!, lost.id, ...Object.values(lostIds)];
    expect(writeCalls(orgA.log().entries.slice(writesBefore).filter((entry) => importedIds.some((id) => entry.path.includes(id))))).toEqual([]);
    // The workflow imported with no publish: its version is the one found.
    expect(up.outputs.workflowVersion).toBe(lost.outs.publishedVersion);
    expect(versions()).toBe(1);
    // Imported as it is: no write to the imported integration.
    expect(orgA.state().integrations.find((integration) => integration.id === existing.id)).toMatchObject({ notes: `Kept for the CRM team\n\n${MARKER}`, intendedState: "ENABLED" });

    const preview = await stack.preview({ diff: true });
    expect(Object.keys(preview.changes)).toEqual(["same"]);
    // Read with the recorded properties (no import): Genesys says what the state says.
    const refresh = await stack.refresh();
    expect(Object.keys(refresh.changes)).toEqual(["same"]);

    // The import done, the option dropped: the plan (preview's and up's alike) updates the workflow for its YAML; up publishes it.
    stack.setConfig({ ...config, [`${PROJECT}:workflowImported`]: "true" }, secretKeys);
    const republished = await stack.up({ diff: true });
    expect(Object.keys(republished.changes).sort()).toEqual(["same", "update"]);
    expect(republished.steps.filter((step) => step.op === "update").map((step) => step.urn)).toEqual([expect.stringContaining("::workflow")]);
    expect(republished.stdout).toMatch(/~ yaml/);
    expect(republished.stdout).toMatch(/\+ dataActionId/);
    expect(versions()).toBe(2);

    const exported = await stack.exportState();
    // The plugin's version (package.json's) is recorded with each provider: refresh and destroy run that version.
    const providers = exported.deployment.resources.filter((resource: { type: string }) => resource.type === "pulumi:providers:cognigy-genesys");
    expect(providers.map((provider: { inputs: { version?: string } }) => provider.inputs.version)).toEqual([VERSION, VERSION]);
    const state = JSON.stringify(exported);
    console.info(`provider plugin: state of 2 providers, 3 integrations and a workflow: ${Buffer.byteLength(state)} bytes`);
    expect(Buffer.byteLength(state)).toBeLessThan(50_000);
    expect(state).not.toContain(DEFAULT_CLIENT.secret);
    expect(state).not.toContain(CLIENT_B.secret);

    await stack.destroy();
    expect(names(orgA)).toEqual([DEFAULT_INTEGRATION_NAME]);
    expect(orgA.state().flows).toEqual([]);
    expect(orgA.state().triggers).toEqual([]);
    expect(orgA.state().actions.map((action) => action.id)).toEqual([actionId]);
    expect(names(orgB)).toEqual([]);

    // A hand-made integration imported by id: Pulumi records an import before it diffs, and follows
    // a difference with an update that would write the stack's marker on it; the plugin's Read
    // refuses it first, in preview and up alike, so nothing is recorded and destroy leaves it.
    const handMade = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const handMadeConfig = await api.integrations.getIntegrationConfigCurrent(handMade.id!);
    await api.integrations.putIntegrationConfigCurrent(handMade.id!, { body: { ...handMadeConfig, name: "CRM actions", notes: "Made in the UI" } });
    const orgsOnly = Object.fromEntries(Object.entries(config).filter(([key]) => /:(managedBy|url[AB]|clientId[AB]|clientSecret[AB])$/.test(key)));
    stack.setConfig({ ...orgsOnly, [`${PROJECT}:importId`]: handMade.id!, [`${PROJECT}:importName`]: "CRM actions", [`${PROJECT}:importNotes`]: "Made in the UI" }, secretKeys);
    const before = orgA.log().entries.length;
    for (const run of [() => stack.preview(), () => stack.up()]) {
      const refused = (await run().then(
        () => undefined,
        (err: unknown) => err,
      )) as { stdout?: string; stderr?: string } | undefined;
      expect(`${refused?.stdout}${refused?.stderr}`).toMatch(/Integration "CRM actions" \(.+\) carries no marker of stack cognigy-plugin\/plugin .*Nothing was recorded/);
    }
    expect(writeCalls(orgA.log().entries.slice(before).filter((entry) => entry.path.includes(handMade.id!)))).toEqual([]);
    expect(orgA.state().integrations.find((integration) => integration.id === handMade.id)).toMatchObject({ name: "CRM actions", notes: "Made in the UI" });
    await stack.destroy();
    expect(names(orgA)).toEqual(["CRM actions", DEFAULT_INTEGRATION_NAME].sort());
    expect(names(orgB)).toEqual([]);
  });
});
