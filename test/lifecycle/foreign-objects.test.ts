// Objects that stand in the way of a delete and are not the stack's, through the real Pulumi CLI
// against the emulator: another team's data action under the stack's integration (destroy, and the
// switch to eventbridge mode, which deletes the webhook side), a person's lock on a workflow, and
// another team's trigger targeting it. Each ends in a failed step naming the object and the way
// forward, the object untouched; after the way forward is taken, the run completes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { fileBackend, pulumiEnvironment } from "../../dev/pulumi/stack";
import { login } from "../emulator/sdk";
import { refusal } from "../support/refusal";
import { TEST_PASSPHRASE, TestStack, emulatorConfig, testEnv } from "../support/stack";
import { StateResource, genesysChanges, managedResources, webhookSteps } from "../support/state";
import { Objects, orgWithUnrelated, writeCalls } from "./org";

const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const NO_OBJECTS: Objects = { integrations: [], actions: [], flows: [], triggers: [] };
/** Each test is a story of three or four CLI runs; on a loaded machine one run can take a minute. */
const STORY_MS = 600_000;

const emulators: Emulator[] = [];
const stacks: TestStack[] = [];
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  for (const emu of emulators) await emu.close();
});

/** An org (emulator) with another team's setup in it, and a stack of this project on it. */
async function orgAndStack(stack: string, extra: Record<string, string> = {}) {
  const emu = await startEmulator({ jobMs: 5, activationMs: 5 });
  emulators.push(emu);
  const { ours } = await orgWithUnrelated(emu);
  const config = emulatorConfig(emu, { "cognigy:endpointDomain": "app.cognigy.ai", "cognigy:version": "4.98", ...extra });
  const engine = await TestStack.create({ stack, config, secretKeys: SECRET_KEYS });
  stacks.push(engine);
  return { emu, ours, config, engine };
}

/** The stack's resource of this name (the last part of its URN) as the state holds it. */
async function resource(engine: TestStack, name: string): Promise<StateResource> {
  const found = managedResources(await engine.exportState()).find((r) => r.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no ${name} in the stack's state`);
  return found;
}

/** `pulumi state delete '<urn>'` with the real CLI, as the refusal tells the user to run it. */
async function stateDelete(engine: TestStack, urn: string): Promise<void> {
  const cli = `${inject("pulumiCli").root}/bin/pulumi`;
  const env = pulumiEnvironment(testEnv(), fileBackend(engine.backendDir), TEST_PASSPHRASE);
  await promisify(execFile)(cli, ["state", "delete", urn, "--stack", engine.stack, "--yes", "--non-interactive"], { cwd: engine.workDir, env });
}

/** Another team's action, added (as in Admin > Integrations > Actions) to the stack's integration. */
async function addForeignAction(emu: Emulator, integration: StateResource) {
  const api = await login(emu.url);
  const action = await api.integrations.postIntegrationsActions({
    name: "CRM contact lookup",
    category: integration.outputs!.name,
    integrationId: integration.id!,
    secure: false,
    contract: {
      input: { inputSchema: { type: "object", properties: { conversationId: { type: "string" } } } },
      output: { successSchema: { type: "object", properties: {} } },
    },
    config: { request: { requestUrlTemplate: "https://crm.example/contacts", requestType: "GET" }, response: { translationMap: {}, successTemplate: "${rawResult}" } },
  });
  return { api, action: { id: action.id!, name: action.name!, category: action.category! } };
}

describe("another team's data action under the stack's integration", () => {
  it("survives destroy: the integration is kept and the step fails naming the action and the ways forward", async () => {
    const { emu, ours, engine } = await orgAndStack("foreign-action");
    expect(genesysChanges((await engine.up()).steps)).toEqual(webhookSteps("create"));
    const integration = await resource(engine, "handover-integration");
    const { api, action } = await addForeignAction(emu, integration);
    emu.clearLog();

    const printed = await refusal(engine.destroy());
    expect(printed).toContain(`Integration "${integration.outputs!.name}" (id ${integration.id}) was kept`);
    expect(printed).toContain(`"CRM contact lookup" (category "${action.category}", id ${action.id})`);
    expect(printed).toContain("Admin > Integrations > Actions");
    expect(printed).toContain("`pulumi state delete '<URN>'` with the URN `pulumi stack --show-urns` gives for the resource this error is reported under");
    expect(printed).toContain("cognigy-genesys:index:Integration (handover-integration):");
    // Everything else of the stack is gone; the integration and the foreign action are as they were.
    expect(writeCalls(emu.log().entries)).not.toContain("DELETE /api/v2/integrations/{integrationId} → 200");
    const left = ours();
    expect(left).toMatchObject({ flows: [], triggers: [], integrations: [{ id: integration.id }], actions: [{ id: action.id, name: action.name }] });
    expect(managedResources(await engine.exportState()).map((r) => r.urn)).toEqual([integration.urn]);

    // The way forward: the team deletes its action (re-created under another integration if still needed); destroy completes.
    await api.integrations.deleteIntegrationsAction(action.id);
    await engine.destroy();
    expect(ours()).toEqual(NO_OBJECTS);
    expect(managedResources(await engine.exportState())).toEqual([]);
  }, STORY_MS);

  it("survives the switch to eventbridge mode; released with `pulumi state delete`, it stays in Genesys unmanaged", async () => {
    const { emu, ours, config, engine } = await orgAndStack("foreign-action-switch", {
      "cognigy:eventBridgeAwsAccountId": "123456789012",
      "cognigy:eventBridgeAwsRegion": "eu-central-1",
      "cognigy:organisationId": "cognigy-org-42",
    });
    engine.setConfig({ ...config, "cognigy:mode": "webhooks" }, SECRET_KEYS);
    expect(genesysChanges((await engine.up()).steps)).toEqual(webhookSteps("create"));
    const integration = await resource(engine, "handover-integration");
    const { action } = await addForeignAction(emu, integration);

    engine.setConfig({ ...config, "cognigy:mode": "eventbridge" }, SECRET_KEYS);
    const printed = await refusal(engine.up());
    expect(printed).toContain(`Integration "${integration.outputs!.name}" (id ${integration.id}) was kept`);
    expect(printed).toContain(`"CRM contact lookup" (category "${action.category}", id ${action.id})`);
    const kept = ours();
    expect(kept).toMatchObject({ flows: [], triggers: [], actions: [{ id: action.id }] });
    expect(kept.integrations.map((i) => i.typeId).sort()).toEqual(["amazon-eventbridge-source", "custom-rest-actions"]);

    // Released: the next up completes without touching the integration or its action.
    await stateDelete(engine, integration.urn);
    emu.clearLog();
    const up = await engine.up();
    expect(genesysChanges(up.steps)).toEqual([]);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(ours()).toEqual(kept);
    expect(managedResources(await engine.exportState()).map((r) => r.type.split(":").pop())).toEqual(["EventBridgeIntegration"]);
  }, STORY_MS);
});

describe("a workflow someone else holds", () => {
  it("a person's lock and another team's trigger each fail destroy naming them; the flow, its lock and the trigger are untouched", async () => {
    const { emu, ours, engine } = await orgAndStack("foreign-lock");
    await engine.up();
    const workflow = await resource(engine, "handover-workflow-acw");
    const person = { user: { id: "5e7a1c9e-0b1d-4c53-9d1a-2f4b6a8c0e11", name: "Ann Lee" } };
    emu.lockFlow(workflow.id!, person);
    emu.clearLog();

    const locked = await refusal(engine.destroy());
    expect(locked).toContain(`Workflow "${workflow.outputs!.name}" (id ${workflow.id}) was not deleted: it is locked in Architect by user "Ann Lee" (id ${person.user.id})`);
    expect(locked).toContain("close the flow in Architect");
    expect(writeCalls(emu.log().entries)).not.toContain("POST /api/v2/flows/actions/unlock → 200");
    expect(ours().flows).toMatchObject([{ id: workflow.id, lockedBy: person }]);
    expect((await resource(engine, "handover-workflow-acw")).id).toBe(workflow.id);

    // She closes the flow; meanwhile another team points its trigger at our workflow.
    const api = await login(emu.url);
    await api.architect.postFlowsActionsUnlock(workflow.id!);
    const trigger = await api.triggers.postProcessautomationTriggers({
      name: "CRM wrap-up trigger",
      topicName: "v2.detail.events.conversation.{id}.acw",
      enabled: true,
      target: { type: "Workflow", id: workflow.id!, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
      matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "EMAIL" as unknown as object }],
    });
    const referenced = await refusal(engine.destroy());
    expect(referenced).toContain(`Workflow "${workflow.outputs!.name}" (id ${workflow.id}) was not deleted: Genesys keeps a workflow while a trigger targets it`);
    expect(referenced).toContain(`"CRM wrap-up trigger" (topic v2.detail.events.conversation.{id}.acw, id ${trigger.id})`);
    const left = ours();
    expect(left.flows.map((f) => f.id)).toEqual([workflow.id]);
    expect(left.triggers.map((t) => t.id)).toEqual([trigger.id]);

    // The team moves its trigger away; destroy completes and leaves their trigger alone.
    await api.triggers.deleteProcessautomationTrigger(trigger.id!);
    await engine.destroy();
    expect(ours()).toEqual(NO_OBJECTS);
  }, STORY_MS);
});
