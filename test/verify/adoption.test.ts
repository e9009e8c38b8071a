// Taking over a hand-made setup: the real program on the real Pulumi CLI against an emulator
// seeded with plain SDK calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, StateDump } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { GUIDE_URL, INTEGRATION, seedHandMade, seedUnrelated } from "./hand-made";
import { SECRET_KEY, failedNames, genesysConfig, orgStack, startOrg, verifyRows } from "./org";

const SAAS = { "cognigy:endpointDomain": "app.cognigy.ai" };

let emu: Emulator;
beforeAll(async () => {
  emu = await startOrg();
});
afterAll(async () => emu.close());

/** The org's objects without the flow jobs (which every upload adds). */
function objects(state: StateDump) {
  return { integrations: state.integrations, actions: state.actions, flows: state.flows, triggers: state.triggers };
}

describe("adopting a hand-made setup", () => {
  it("refuses without adoptExisting, adopts with it (same ids, deviations corrected, verify passes), destroy removes only the six", async () => {
    const unrelated = await seedUnrelated(emu.url);
    const made = await seedHandMade(emu.url, {
      url: GUIDE_URL.replace("endpoint-", "endpoint."),
      nonInputVariables: true,
      disabledTrigger: "acw",
      missingCondition: "user.end",
    });
    const before = await verifyRows(emu, "adopt", SAAS);
    expect(failedNames(before)).toEqual([
      'Data action "Send Event to Cognigy": request URL',
      'Workflow "Workflow conversation.id.acw": input variables',
      'Trigger "Trigger conversation.id.acw": enabled',
      'Workflow "Workflow conversation.id.user.end": input variables',
      'Trigger "Trigger conversation.id.user.end": condition messageType Equal "OPEN"',
      "Managed by stack adopt",
    ]);

    const engine = await orgStack(emu, "adopt", SAAS);
    const untouched = objects(emu.state());
    const refused = await engine.up().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(StackRunError);
    const message = (refused as StackRunError).message;
    expect(message).toContain('Integration "Web Services Data Actions Integration" already exists');
    expect(message).toContain("pulumi config set cognigy:adoptExisting true");
    expect(objects(emu.state())).toEqual(untouched);

    engine.setConfig({ ...genesysConfig(emu), ...SAAS, "cognigy:adoptExisting": "true" }, [SECRET_KEY]);
    const adopted = await engine.up();
    const outputs = adopted.outputs as Record<string, Record<string, unknown> & { acw: unknown; "user.end": unknown }>;
    expect(outputs.integration).toMatchObject({ id: made.integrationId, adopted: true });
    expect(outputs.dataAction).toMatchObject({ id: made.actionId, adopted: true });
    expect(outputs.workflows.acw).toMatchObject({ id: made.flowIds.acw, adopted: true });
    expect(outputs.workflows["user.end"]).toMatchObject({ id: made.flowIds["user.end"], adopted: true });
    expect(outputs.triggers.acw).toMatchObject({ id: made.triggerIds.acw, adopted: true });
    expect(outputs.triggers["user.end"]).toMatchObject({ id: made.triggerIds["user.end"], adopted: true });

    expect(failedNames(await verifyRows(emu, "adopt", { ...SAAS, "cognigy:adoptExisting": "true" }))).toEqual([]);

    await engine.destroy();
    const after = emu.state();
    const ids = [made.integrationId, made.actionId, ...Object.values(made.flowIds), ...Object.values(made.triggerIds)];
    const left = [...after.integrations, ...after.actions, ...after.flows, ...after.triggers].map((object) => object.id);
    expect(left.filter((id) => ids.includes(id))).toEqual([]);
    expect(left.sort()).toEqual([unrelated.integrationId, unrelated.actionId, unrelated.flowId, unrelated.triggerId].sort());
    expect(objects(after)).toEqual({
      integrations: untouched.integrations.filter((i) => i.id === unrelated.integrationId),
      actions: untouched.actions.filter((a) => a.id === unrelated.actionId),
      flows: untouched.flows.filter((f) => f.id === unrelated.flowId),
      triggers: untouched.triggers.filter((t) => t.id === unrelated.triggerId),
    });
    expect(failedNames(await verifyRows(emu, "adopt", SAAS))).toHaveLength(6);
  });
});

describe("adopting a data action that differs from the desired one only where it can be corrected", () => {
  it("keeps the id of an action whose contract differs only in form (implied additionalProperties)", async () => {
    emu.reset();
    const made = await seedHandMade(emu.url, { outputSchema: { type: "object", properties: {} } });
    const engine = await orgStack(emu, "adopt-form", { ...SAAS, "cognigy:adoptExisting": "true" });
    const outputs = (await engine.up()).outputs as Record<string, { id: string }>;
    expect(outputs.dataAction.id).toBe(made.actionId);
    expect(emu.state().actions.map((action) => action.id)).toEqual([made.actionId]);
  });

  it('keeps the id of an action filed under the category "Web Services Data Action" and corrects the category', async () => {
    emu.reset();
    const made = await seedHandMade(emu.url, { category: "Web Services Data Action" });
    const engine = await orgStack(emu, "adopt-category", { ...SAAS, "cognigy:adoptExisting": "true" });
    const outputs = (await engine.up()).outputs as Record<string, { id: string }>;
    expect(outputs.dataAction.id).toBe(made.actionId);
    const actions = emu.state().actions;
    expect(actions.map((action) => [action.id, action.category])).toEqual([[made.actionId, INTEGRATION]]);
    expect(failedNames(await verifyRows(emu, "adopt-category", { ...SAAS, "cognigy:adoptExisting": "true" }))).toEqual([]);
  });
});
