// The journey of docs/eventbridge-migration.md through the real Pulumi CLI (test/support/stack.ts)
// against the emulator, as a user runs it (issue 13): webhooks on Cognigy 4.98 → the upgrade,
// `both` on 4.100 → back to webhooks and to both again → eventbridge → back to both, refused.
// Between steps only cognigy:version and cognigy:mode change. Then, on 4.100: an object deleted
// by hand is not re-created by `up --refresh`; a complete hand-made setup is adopted and an
// incomplete one refused, each refusal before any write. `verify` after each step shows the
// rows the runbook says it shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { login } from "../emulator/sdk";
import { writeCalls } from "../lifecycle/org";
import { refusal } from "../support/refusal";
import { emulatorConfig, TestStack } from "../support/stack";
import { GENESYS_TYPE, genesysChanges, managedResources, webhookSteps } from "../support/state";
import { seedHandMade } from "../verify/hand-made";
import { failedNames, verifyRows } from "../verify/org";

const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const EVENTBRIDGE_TYPE = "amazon-eventbridge-source";
const REFUSAL_4_100 = /On Cognigy\.AI 4\.100 the webhook method is deprecated \(since 4\.100\).*Move this org to Amazon EventBridge: `pulumi config set cognigy:mode eventbridge`/;
const EB_LABEL = 'EventBridge integration "Amazon EventBridge Source - Cognigy"';
const EB_ROWS = ["exists", "managed by stack", "active", "AWS account", "AWS region", "event source suffix", "topic filters"];

let emu: Emulator;
const stacks: TestStack[] = [];
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, activationMs: 5 });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await emu?.close();
});

/** Stack config the user keeps; the EventBridge keys are set from the start (webhooks mode ignores them). */
function userConfig(changes: Record<string, string>): Record<string, string> {
  return emulatorConfig(emu, {
    "cognigy:endpointDomain": "app.cognigy.ai",
    "cognigy:eventBridgeAwsAccountId": "123456789012",
    "cognigy:eventBridgeAwsRegion": "eu-central-1",
    "cognigy:organisationId": "cognigy-org-42",
    ...changes,
  });
}

async function newStack(name: string, changes: Record<string, string>): Promise<TestStack> {
  const stack = await TestStack.create({ stack: name, config: userConfig(changes), secretKeys: SECRET_KEYS });
  stacks.push(stack);
  return stack;
}

/** The writes since the previous call (every non-GET but the login). */
function writes(): string[] {
  const calls = writeCalls(emu.log().entries);
  emu.clearLog();
  return calls;
}

/** verify's rows by name → PASS/FAIL, for the stack's config as it is now. */
async function verify(stack: string, changes: Record<string, string>) {
  const { "genesyscloud:oauthClientId": _id, "genesyscloud:oauthClientSecret": _secret, "genesyscloud:apiUrl": _url, ...cognigy } = userConfig(changes);
  const rows = await verifyRows(emu, stack, cognigy);
  emu.clearLog();
  return { rows, names: rows.map((row) => row.name), failed: failedNames(rows) };
}

const ebRows = (stack: string) => EB_ROWS.map((row) => `${EB_LABEL}: ${row === "managed by stack" ? `managed by stack ${stack}` : row}`);
const webhookRow = /^(Integration|Data action|Workflow|Trigger) "/;

describe("the migration journey with only cognigy:version and cognigy:mode changed", () => {
  const STACK = "journey";
  let stack: TestStack;
  const step = (version: string, mode: string) => ({ "cognigy:version": version, "cognigy:mode": mode });

  it("step 0: webhooks on 4.98, up creates the six objects; verify passes every webhook row, no EventBridge row", async () => {
    stack = await newStack(STACK, step("4.98", "webhooks"));
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual(webhookSteps("create"));
    writes();
    const { names, failed } = await verify(STACK, step("4.98", "webhooks"));
    expect(failed).toEqual([]);
    expect(names.filter((n) => webhookRow.test(n)).length).toBeGreaterThan(6);
    expect(names.filter((n) => n.startsWith("EventBridge"))).toEqual([]);
  });

  it("step 1: Cognigy upgraded, version 4.100 and mode both: preview and up add only the EventBridge integration, with the deprecation warning", async () => {
    stack.setConfig(userConfig(step("4.100", "both")), SECRET_KEYS);
    const preview = await stack.preview();
    expect(writes()).toEqual([]);
    expect(genesysChanges(preview.steps)).toEqual(["create EventBridgeIntegration eventbridge-integration"]);
    expect(preview.stdout).toMatch(/webhook method is deprecated \(since 4\.100\).*refuses to create a new one/);
    expect(preview.stdout).not.toMatch(/adoptExisting/);

    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual(["create EventBridgeIntegration eventbridge-integration"]);
    // Every write goes to the new integration.
    const ebId = emu.state().integrations.find((i) => i.typeId === EVENTBRIDGE_TYPE)!.id;
    for (const call of writes()) expect(call).toMatch(/^(POST \/api\/v2\/integrations →|(PUT|PATCH) \/api\/v2\/integrations\/\{integrationId\})/);
    expect(emu.log().entries.filter((e) => e.method !== "GET" && e.path.includes("/integrations/") && !e.path.includes(ebId))).toEqual([]);

    const { names, failed } = await verify(STACK, step("4.100", "both"));
    expect(failed).toEqual([]);
    expect(names.filter((n) => n.startsWith("EventBridge"))).toEqual(ebRows(STACK));
    expect(names.some((n) => webhookRow.test(n))).toBe(true);
  });

  const release = { "cognigy:releaseEventBridge": "true" };

  it("going back before Cognigy confirms, unreleased: webhooks is refused, the protected EventBridge integration kept", async () => {
    stack.setConfig(userConfig(step("4.100", "webhooks")), SECRET_KEYS);
    expect(await refusal(stack.up())).toMatch(/eventbridge-integration.* cannot be deleted\s+because it is protected/);
    expect(writes()).toEqual([]);
  });

  it("the release (cognigy:releaseEventBridge true): up changes and writes nothing", async () => {
    stack.setConfig(userConfig({ ...step("4.100", "both"), ...release }), SECRET_KEYS);
    expect(genesysChanges((await stack.up()).steps)).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it("released, going back: webhooks deletes only the EventBridge integration, both brings it back", async () => {
    stack.setConfig(userConfig({ ...step("4.100", "webhooks"), ...release }), SECRET_KEYS);
    const back = await stack.up();
    expect(genesysChanges(back.steps)).toEqual(["delete EventBridgeIntegration eventbridge-integration"]);
    expect(writes()).toEqual(["DELETE /api/v2/integrations/{integrationId} → 200"]);
    expect((await verify(STACK, step("4.100", "webhooks"))).failed).toEqual([]);

    stack.setConfig(userConfig(step("4.100", "both")), SECRET_KEYS);
    const again = await stack.up();
    expect(genesysChanges(again.steps)).toEqual(["create EventBridgeIntegration eventbridge-integration"]);
    writes();
    expect((await verify(STACK, step("4.100", "both"))).failed).toEqual([]);
  });

  it("step 3: eventbridge deletes the six webhook objects; verify shows only the EventBridge rows, all passing", async () => {
    stack.setConfig(userConfig(step("4.100", "eventbridge")), SECRET_KEYS);
    const preview = await stack.preview();
    expect(genesysChanges(preview.steps)).toEqual(webhookSteps("delete"));
    const up = await stack.up();
    expect(genesysChanges(up.steps)).toEqual(webhookSteps("delete"));
    expect(writes().every((call) => call.startsWith("DELETE "))).toBe(true);
    const state = emu.state();
    expect(state.integrations.map((i) => i.typeId)).toEqual([EVENTBRIDGE_TYPE]);
    expect(state.integrations[0].intendedState).toBe("ENABLED");
    expect({ actions: state.actions, flows: state.flows, triggers: state.triggers }).toEqual({ actions: [], flows: [], triggers: [] });
    const { names, failed } = await verify(STACK, step("4.100", "eventbridge"));
    expect(names.filter((n) => n.startsWith("EventBridge"))).toEqual(ebRows(STACK));
    expect(names.filter((n) => webhookRow.test(n))).toEqual([]);
    expect(failed).toEqual([]);
  });

  it("back to both on 4.100: preview and up refuse to create the webhook objects again, naming them and EventBridge, with no write", async () => {
    stack.setConfig(userConfig(step("4.100", "both")), SECRET_KEYS);
    const before = emu.state();
    const preview = await refusal(stack.preview());
    expect(preview).toMatch(/Integration "Web Services Data Actions Integration" is not in this stack's state, so this run would create it\./);
    expect(preview).toMatch(REFUSAL_4_100);
    const up = await refusal(stack.up());
    expect(up).toMatch(/is not in this stack's state, so this run would create it\./);
    expect(up).toMatch(REFUSAL_4_100);
    expect(writes()).toEqual([]);
    expect(emu.state()).toEqual(before);
    expect(managedResources(await stack.exportState()).map((r) => r.type)).toEqual([`${GENESYS_TYPE}EventBridgeIntegration`]);
  });
});

describe("on 4.100, a webhook object deleted in the org by hand", () => {
  it("up --refresh drops it from the state and refuses to re-create it, with no write; the rest stays managed", async () => {
    emu.reset();
    const STACK = "refreshed";
    const stack = await newStack(STACK, { "cognigy:version": "4.98" });
    await stack.up();
    const trigger = emu.state().triggers.find((t) => t.name === "Trigger conversation.id.acw")!;
    stack.setConfig(userConfig({ "cognigy:version": "4.100" }), SECRET_KEYS);
    // Nothing new on 4.100 with everything in place: a no-op.
    const noop = await stack.up();
    expect(genesysChanges(noop.steps)).toEqual([]);
    // The refusal the objects carry on 4.100 is no drift: refresh finds nothing changed.
    const refreshed = await stack.refresh();
    expect(refreshed.changes).not.toHaveProperty("update");
    expect(refreshed.stdout).not.toContain("createRefusal");
    await (await login(emu.url)).triggers.deleteProcessautomationTrigger(trigger.id);
    const before = emu.state();
    emu.clearLog();

    const preview = await refusal(stack.preview({ refresh: true }));
    expect(preview).toMatch(/Trigger "Trigger conversation\.id\.acw" on topic "v2\.detail\.events\.conversation\.\{id\}\.acw" is not in this stack's state/);
    expect(preview).toMatch(REFUSAL_4_100);
    const up = await refusal(stack.up({ refresh: true }));
    expect(up).toMatch(/Trigger "Trigger conversation\.id\.acw" on topic .* is not in this stack's state, so this run would create it\./);
    expect(up).toMatch(REFUSAL_4_100);
    expect(up).not.toMatch(/adoptExisting/);
    expect(writes()).toEqual([]);
    expect(emu.state()).toEqual(before);
    const held = managedResources(await stack.exportState()).map((r) => r.urn.split("::").pop());
    expect(held.sort()).toEqual(["handover-data-action", "handover-integration", "handover-trigger-user-end", "handover-workflow-acw", "handover-workflow-user-end"]);
    // verify names the missing trigger; the runbook's way forward is eventbridge.
    const { rows, failed } = await verify(STACK, { "cognigy:version": "4.100" });
    expect(failed).toEqual(['Trigger "Trigger conversation.id.acw": exists']);
    const missing = rows.find((row) => !row.ok)!;
    expect(missing.hint).toMatch(/^`pulumi up` does not create it: On Cognigy\.AI 4\.100 .*Move this org to Amazon EventBridge/);
  });
});

describe("on 4.100 with cognigy:adoptExisting", () => {
  const adopting = { "cognigy:version": "4.100", "cognigy:adoptExisting": "true" };

  it("a complete hand-made setup is taken over: no object created, all six managed, verify passes", async () => {
    emu.reset();
    const STACK = "adopted";
    const made = await seedHandMade(emu.url, { category: "Web Services Data Action", disabledTrigger: "acw" });
    emu.clearLog();
    const stack = await newStack(STACK, adopting);
    // Preview cannot look into the org: the objects not in the stack yet show as creates.
    const preview = await stack.preview();
    expect(genesysChanges(preview.steps)).toEqual(["create ExistingSetup handover-existing-setup", ...webhookSteps("create")].sort());
    expect(preview.stdout).toMatch(/preview shows an object that is not in this stack yet as a create/);
    expect(writes()).toEqual([]);

    const up = await stack.up();
    expect(writes().filter((call) => call.startsWith("POST ") && !call.startsWith("POST /api/v2/flows/jobs"))).toEqual([]);
    expect(up.outputs).toMatchObject({
      integration: { id: made.integrationId, adopted: true },
      workflows: { acw: { id: made.flowIds.acw, adopted: true }, "user.end": { id: made.flowIds["user.end"], adopted: true } },
      triggers: { acw: { id: made.triggerIds.acw, adopted: true }, "user.end": { id: made.triggerIds["user.end"], adopted: true } },
    });
    expect((up.outputs.dataAction as { id: string }).id).toBe(made.actionId);
    const { failed } = await verify(STACK, adopting);
    expect(failed).toEqual([]);
  });

  it("an incomplete one is refused for its missing objects before any write", async () => {
    emu.reset();
    const made = await seedHandMade(emu.url);
    const api = await login(emu.url);
    await api.triggers.deleteProcessautomationTrigger(made.triggerIds["user.end"]);
    const before = emu.state();
    emu.clearLog();
    const stack = await newStack("incomplete", adopting);
    const up = await refusal(stack.up());
    expect(up).toMatch(
      /cognigy:adoptExisting: Trigger "Trigger conversation\.id\.user\.end" on topic "v2\.detail\.events\.conversation\.\{id\}\.user\.end" was not found in Genesys Cloud by name, so taking over this setup would have to create it; nothing was taken over or changed\./,
    );
    expect(up).toMatch(REFUSAL_4_100);
    expect(writes()).toEqual([]);
    expect(emu.state()).toEqual(before);
    expect(managedResources(await stack.exportState())).toEqual([]);
  });
});
