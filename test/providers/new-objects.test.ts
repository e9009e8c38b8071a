// Issue 13: on Cognigy.AI 4.100 up to 2025.11 (input `createRefusal`) the four webhook providers
// refuse an object that would be new (check: not in the state; create: not found to take over;
// diff: a replace) before any write, and manage existing and adopted objects as usual.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newWebhookObjectRefusal, parseCognigyVersion } from "../../domain/cognigy-version";
import { Emulator } from "../../dev/emulator/index";
import { createRefusedMessage } from "../../providers/adoption";
import { ExistingSetupInputs, ExistingSetupProvider, incompleteSetupMessage } from "../../providers/existing-setup";
import { DataActionInputs, DataActionProvider } from "../../providers/data-action";
import { IntegrationInputs, IntegrationProvider } from "../../providers/integration";
import { TriggerInputs, TriggerProvider } from "../../providers/trigger";
import { notInStackFailure, replaceRefusal, withoutIdleRefusal } from "../../providers/webhook-provider";
import { WorkflowInputs, WorkflowProvider } from "../../providers/workflow";
import inputContract from "../../templates/input-contract.json";
import outputContract from "../../templates/output-contract.json";
import { login } from "../emulator/sdk";
import { ACTION, GUIDE_URL, INTEGRATION, seedHandMade } from "../verify/hand-made";
import { withClient, emulator, MARKER, stackConfig, workflowYaml } from "./harness";

const REFUSAL = newWebhookObjectRefusal(parseCognigyVersion("4.100")) as string;
const WORKFLOW = "Workflow conversation.id.acw";
const TRIGGER = "Trigger conversation.id.acw";
const TOPIC = "v2.detail.events.conversation.{id}.acw";
const CRITERIA = [
  { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" },
  { jsonPath: "messageType", operator: "Equal", value: "OPEN" },
];

describe("the refusal texts (pure)", () => {
  const label = { kind: "Workflow", name: WORKFLOW };

  it("check: not in the state, without adoption (no flag suggested: check cannot tell why it is missing)", () => {
    expect(createRefusedMessage("Workflow", WORKFLOW, "WHY.", { why: "not-in-stack" })).toBe(
      `Workflow "${WORKFLOW}" is not in this stack's state, so this run would create it. WHY.`,
    );
  });

  it("create: not found for adoption, with no flag to suggest", () => {
    const message = createRefusedMessage("Workflow", WORKFLOW, "WHY.", { why: "not-found" });
    expect(message).toBe(
      `Workflow "${WORKFLOW}" is not in this stack's state and was not found in Genesys Cloud by name, so it would have to be created. WHY.`,
    );
  });

  it("diff: a replace names the change", () => {
    expect(createRefusedMessage("Workflow", WORKFLOW, "WHY.", { why: "replace", change: "changing name" })).toBe(
      `Workflow "${WORKFLOW}": changing name would replace it with a new object. WHY. To keep the webhook method until then, undo that change.`,
    );
  });

  it("fails check only for no earlier state, a refusal given and adoption off", () => {
    const refused = { name: WORKFLOW, adopt: false, createRefusal: "WHY." };
    expect(notInStackFailure(label, {}, refused)).toEqual({
      property: "",
      reason: createRefusedMessage("Workflow", WORKFLOW, "WHY.", { why: "not-in-stack" }),
    });
    expect(notInStackFailure(label, { name: WORKFLOW }, refused)).toBeUndefined();
    expect(notInStackFailure(label, {}, { ...refused, adopt: true })).toBeUndefined();
    expect(notInStackFailure(label, {}, { name: WORKFLOW, adopt: false })).toBeUndefined();
  });

  it("keeps the refusal in the stored inputs only where it can still apply: a create, or a replace", () => {
    const rules = { fields: ["name", "topicName", "enabled"], replaceOn: ["topicName"], deleteBeforeReplace: true };
    const olds = { name: "T", topicName: "a", enabled: true };
    const news = { ...olds, enabled: false, createRefusal: "WHY." };
    expect(withoutIdleRefusal(olds, news, rules)).toEqual({ name: "T", topicName: "a", enabled: false });
    expect(withoutIdleRefusal(olds, { ...news, topicName: "b" }, rules)).toEqual({ ...news, topicName: "b" });
    expect(withoutIdleRefusal({}, news, rules)).toEqual(news);
    expect(withoutIdleRefusal(olds, { ...olds }, rules)).toEqual(olds);
  });

  it("refuses a diff only when it replaces and a refusal is given", () => {
    expect(replaceRefusal(label, { createRefusal: "WHY." }, ["name"])).toMatch(/: changing name would replace it/);
    expect(replaceRefusal(label, { createRefusal: "WHY." }, [])).toBeUndefined();
    expect(replaceRefusal(label, {}, ["name"])).toBeUndefined();
  });
});

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

/** Every request that could change the org: anything but reads and logins. */
const writes = () => emu.log().entries.filter((e) => e.method !== "GET" && e.route !== "POST /oauth/token").map((e) => e.route);

async function configured<P extends Parameters<typeof withClient>[0]>(provider: P): Promise<P> {
  return withClient(provider, stackConfig(emu));
}

/** The four kinds as the handover component registers them, by the hand-made setup's names. */
function kinds(ids: { integrationId: string; workflowId: string }) {
  const common = { managedBy: MARKER, createRefusal: REFUSAL };
  return [
    { kind: "Integration", name: INTEGRATION, provider: () => new IntegrationProvider(), news: { ...common, name: INTEGRATION, enabled: true } },
    {
      kind: "Data action",
      name: `${INTEGRATION} / ${ACTION}`,
      provider: () => new DataActionProvider(),
      news: {
        ...common, name: ACTION, category: INTEGRATION, integrationId: ids.integrationId,
        inputSchema: inputContract, outputSchema: outputContract, requestUrlTemplate: GUIDE_URL,
      },
    },
    { kind: "Workflow", name: WORKFLOW, provider: () => new WorkflowProvider(), news: { ...common, name: WORKFLOW, yaml: workflowYaml(WORKFLOW) } },
    {
      kind: "Trigger",
      name: `${TRIGGER}" on topic "${TOPIC}`,
      provider: () => new TriggerProvider(),
      news: { ...common, name: TRIGGER, topicName: TOPIC, workflowId: ids.workflowId, matchCriteria: CRITERIA },
    },
  ] as const;
}

describe("check: an object the stack's state does not hold", () => {
  it.each(kinds({ integrationId: "integration-id", workflowId: "workflow-id" }))(
    "$kind: refused with the object, the reason and the way forward, without an API call (adopting: reads only)",
    async ({ kind, name, provider, news }) => {
      const checking = await configured(provider());
      const checked = await checking.check({}, { ...news, adopt: false });
      expect(checked.failures).toEqual([{ property: "", reason: createRefusedMessage(kind, name, REFUSAL, { why: "not-in-stack" }) }]);
      expect(checked.failures?.[0].reason).toMatch(/On Cognigy\.AI 4\.100 .*Move this org to Amazon EventBridge: `pulumi config set cognigy:mode eventbridge`/);
      // In the state already, or adopted (only create can look into the org): no failure, and
      // for the object in the state no refusal kept in its inputs (refresh could not repeat it).
      // Olds as the engine stores them: checked inputs, defaults applied.
      const { createRefusal: _, ...allowed } = news;
      expect((await checking.check({}, { ...allowed, adopt: false })).failures).toEqual([]);
      expect(emu.log().entries).toEqual([]);
      // Adopting, check looks the object up (reads only) to announce what create will do.
      const stored = (await checking.check({}, { ...news, adopt: true })).inputs as Record<string, unknown>;
      const held = await checking.check({ ...stored, adopt: false }, { ...news, adopt: false });
      expect(held.failures).toEqual([]);
      expect(held.inputs).not.toHaveProperty("createRefusal");
      expect((await checking.check({}, { ...news, adopt: true })).failures).toEqual([]);
      expect(writes()).toEqual([]);
    },
  );

});

describe("create with adoption, on a release that refuses new objects", () => {
  it.each(kinds({ integrationId: "integration-id", workflowId: "workflow-id" }))(
    "$kind: nothing of that name in the org → refused after the lookup, with no write",
    async ({ kind, name, provider, news }) => {
      const creating = await configured(provider());
      const checked = await creating.check({}, { ...news, adopt: true });
      expect(checked.failures).toEqual([]);
      const create = (creating as unknown as { create(i: unknown): Promise<unknown> }).create(checked.inputs);
      await expect(create).rejects.toThrow(createRefusedMessage(kind, name, REFUSAL, { why: "not-found" }));
      expect(emu.log().entries.length).toBeGreaterThan(0);
      expect(writes()).toEqual([]);
      expect(emu.state()).toMatchObject({ integrations: [], actions: [], flows: [], triggers: [], jobs: [] });
    },
  );

  it("a hand-made setup: each object taken over in place, marked, no new object made", async () => {
    const made = await seedHandMade(emu.url);
    const before = emu.state();
    emu.clearLog();
    const adopted: Record<string, string> = {};
    for (const { kind, provider, news } of kinds({ integrationId: made.integrationId, workflowId: made.flowIds.acw })) {
      const creating = (await configured(provider())) as unknown as {
        check(o: unknown, n: unknown): Promise<{ inputs: unknown; failures: unknown[] }>;
        create(i: unknown): Promise<{ id: string; outs: { adopted: boolean } }>;
      };
      const checked = await creating.check({}, { ...news, adopt: true });
      const created = await creating.create(checked.inputs);
      // The action lives under an integration the stack adopted, not made: adopted as well.
      expect([kind, created.outs.adopted]).toEqual([kind, true]);
      adopted[kind] = created.id;
    }
    expect(adopted).toEqual({ Integration: made.integrationId, "Data action": made.actionId, Workflow: made.flowIds.acw, Trigger: made.triggerIds.acw });
    const after = emu.state();
    for (const key of ["integrations", "actions", "flows", "triggers"] as const) {
      expect(after[key].map((o: { id: string }) => o.id).sort(), key).toEqual(before[key].map((o: { id: string }) => o.id).sort());
    }
    expect(writes()).not.toContain("POST /api/v2/integrations");
    expect(writes()).not.toContain("POST /api/v2/processautomation/triggers");
    expect(after.triggers.find((t: { id: string }) => t.id === made.triggerIds.acw)?.description).toBe(MARKER);
  });

  it("a hand-made data action whose contract Genesys cannot patch: refused before it is deleted", async () => {
    const made = await seedHandMade(emu.url, { outputSchema: { type: "object", properties: { status: { type: "string" } } } });
    emu.clearLog();
    const [, dataAction] = kinds({ integrationId: made.integrationId, workflowId: made.flowIds.acw });
    const actions = await configured(new DataActionProvider());
    const checked = await actions.check({}, { ...dataAction.news, adopt: true });
    expect(checked.failures?.map((f) => f.reason)).toEqual([
      `Data action "${INTEGRATION} / ${ACTION}": taking it over with the stack's settings (its output contract differs, ` +
        `which Genesys cannot change in place) would replace it with a new object. ${REFUSAL} To keep the webhook method until then, undo that change.`,
    ]);
    // Create, as the last guard, refuses the same before any write.
    await expect(actions.create({ ...(checked.inputs as DataActionInputs), adoption: `take over ${made.actionId} in place` })).rejects.toThrow(
      `Data action "${INTEGRATION} / ${ACTION}": taking it over with the stack's contract (its contract, secure flag or integration differ, ` +
        `which Genesys cannot change in place) would replace it with a new object. ${REFUSAL}`,
    );
    expect(writes()).toEqual([]);
    expect(emu.state().actions.map((a: { id: string }) => a.id)).toEqual([made.actionId]);
  });
});

describe("objects the stack holds, on a release that refuses new objects", () => {
  async function managed() {
    const allowed = (inputs: Record<string, unknown>) => {
      const { createRefusal: _, ...rest } = inputs;
      return rest;
    };
    const integrations = await configured(new IntegrationProvider());
    const [integration] = kinds({ integrationId: "", workflowId: "" });
    const madeIntegration = await integrations.create((await integrations.check({}, allowed(integration.news))).inputs as IntegrationInputs);
    const actions = await configured(new DataActionProvider());
    const [, dataAction] = kinds({ integrationId: madeIntegration.id, workflowId: "" });
    await actions.create((await actions.check({}, allowed(dataAction.news))).inputs as DataActionInputs);
    const workflows = await configured(new WorkflowProvider());
    const [, , workflow] = kinds({ integrationId: madeIntegration.id, workflowId: "" });
    const madeWorkflow = await workflows.create((await workflows.check({}, allowed(workflow.news))).inputs as WorkflowInputs);
    const triggers = await configured(new TriggerProvider());
    const [, , , trigger] = kinds({ integrationId: madeIntegration.id, workflowId: madeWorkflow.id });
    const triggerInputs = (await triggers.check({}, allowed(trigger.news))).inputs as TriggerInputs;
    const madeTrigger = await triggers.create(triggerInputs);
    return { workflows, madeWorkflow, workflowNews: workflow.news, triggers, madeTrigger, triggerNews: trigger.news };
  }

  it("an in-place change is diffed and applied as usual", async () => {
    const { triggers, madeTrigger, triggerNews } = await managed();
    const news = (await triggers.check(madeTrigger.outs, { ...triggerNews, enabled: false })).inputs as TriggerInputs;
    expect(await triggers.diff(madeTrigger.id, madeTrigger.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await triggers.update(madeTrigger.id, madeTrigger.outs, news);
    expect(emu.state().triggers).toMatchObject([{ id: madeTrigger.id, enabled: false }]);
  });

  it("a change that would replace the object is refused in diff, before the delete a replace starts with", async () => {
    const { workflows, madeWorkflow, workflowNews, triggers, madeTrigger, triggerNews } = await managed();
    emu.clearLog();
    const topic = "v2.detail.events.conversation.{id}.user.end";
    await expect(triggers.diff(madeTrigger.id, madeTrigger.outs, { ...madeTrigger.outs, ...triggerNews, topicName: topic })).rejects.toThrow(
      createRefusedMessage("Trigger", `${TRIGGER}" on topic "${topic}`, REFUSAL, { why: "replace", change: "changing topicName" }),
    );
    const renamed = "Workflow renamed";
    await expect(workflows.diff(madeWorkflow.id, madeWorkflow.outs, { ...madeWorkflow.outs, ...workflowNews, name: renamed })).rejects.toThrow(
      `Workflow "${renamed}": changing name would replace it with a new object.`,
    );
    expect(emu.log().entries).toEqual([]);
    // Where creating is allowed, the same change is a replace.
    const { createRefusal: _, ...allowed } = triggerNews;
    expect(await triggers.diff(madeTrigger.id, madeTrigger.outs, { ...madeTrigger.outs, ...allowed, topicName: topic })).toMatchObject({
      replaces: ["topicName"],
    });
  });
});

describe("the setup lookup before taking over a hand-made setup", () => {
  const USER_END_TOPIC = "v2.detail.events.conversation.{id}.user.end";
  const setup: ExistingSetupInputs = {
    integrationName: INTEGRATION,
    dataActionName: ACTION,
    workflowNames: [WORKFLOW, "Workflow conversation.id.user.end"],
    triggers: [
      { name: TRIGGER, topicName: TOPIC },
      { name: "Trigger conversation.id.user.end", topicName: USER_END_TOPIC },
    ],
    createRefusal: REFUSAL,
    managedBy: MARKER,
  };

  it("names every missing object in one refusal (pure)", () => {
    expect(incompleteSetupMessage([], "WHY.")).toBeUndefined();
    expect(incompleteSetupMessage([{ kind: "Workflow", name: "W" }], "WHY.")).toBe(
      'cognigy:adoptExisting: Workflow "W" was not found in Genesys Cloud by name, so taking over this setup would have to create it; ' +
        "nothing was taken over or changed. WHY.",
    );
    expect(incompleteSetupMessage([{ kind: "Workflow", name: "W" }, { kind: "Trigger", name: "T" }], "WHY.")).toMatch(
      /^cognigy:adoptExisting: Workflow "W", Trigger "T" were not found .* would have to create them;/,
    );
  });

  it("a complete hand-made setup (category mistake included): passes with reads only", async () => {
    const made = await seedHandMade(emu.url, { category: "Web Services Data Action" });
    emu.clearLog();
    const lookup = await configured(new ExistingSetupProvider());
    expect((await lookup.check({}, setup)).failures).toEqual([]);
    expect(await lookup.create(setup)).toEqual({ id: made.integrationId, outs: setup });
    expect(emu.log().entries.filter((e) => e.route !== "POST /oauth/token").length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
  });

  it("an incomplete one: refused naming each missing object, with no write", async () => {
    const made = await seedHandMade(emu.url);
    const api = await login(emu.url);
    await api.triggers.deleteProcessautomationTrigger(made.triggerIds["user.end"]);
    await api.architect.deleteFlow(made.flowIds["user.end"]);
    const before = emu.state();
    emu.clearLog();
    const lookup = await configured(new ExistingSetupProvider());
    await expect(lookup.create(setup)).rejects.toThrow(
      incompleteSetupMessage(
        [
          { kind: "Workflow", name: "Workflow conversation.id.user.end" },
          { kind: "Trigger", name: `Trigger conversation.id.user.end" on topic "${USER_END_TOPIC}` },
        ],
        REFUSAL,
      ),
    );
    expect(writes()).toEqual([]);
    expect(emu.state()).toEqual(before);
  });

  it("looks again when a name changes, not when only the refusal's wording does", async () => {
    const lookup = await configured(new ExistingSetupProvider());
    expect(await lookup.diff("id", setup, { ...setup, createRefusal: "other words" })).toMatchObject({ changes: false });
    expect(await lookup.diff("id", setup, { ...setup, workflowNames: [WORKFLOW] })).toMatchObject({ changes: true, replaces: [] });
  });
});
