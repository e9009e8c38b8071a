// Pure: expected configuration × what the org holds → report rows.
import { TRIGGER_DATA_FORMAT } from "../../domain/events";
import { ADOPT_CONFIG_KEY } from "../../domain/config-keys";
import { hasStackMarker } from "../../domain/marker";
import { INTEGRATION_TYPE } from "../../providers/integration";
import { canonicalJson } from "../../providers/diff";
import type { ExpectedCriterion, ExpectedEvent, ExpectedSetup } from "./expected";
import type { LiveAction, LiveFlow, LiveIntegration, LiveOrg, LiveTrigger, TriggerTest } from "./live";
import { CheckRow, check, fail, notCheckable, pass } from "./rows";
import { schemaDifferences, sameSchema } from "../../providers/json-schema";


export interface CompareContext {
  readonly stack: string;
  /**
   * The text the providers write into notes/descriptions of what this stack manages, without the
   * stack's identity, which verify does not read from the state: any identity of this project and
   * stack name is recognised (verify only reads; it never decides what a stack may change) unless
   * `identity` is given.
   */
  readonly marker: string;
  /** The stack's identity (`--identity`): then only objects carrying it, or the marker from before identities, are the stack's. */
  readonly identity?: string;
  /** Why `pulumi up` would not create a missing object on this Cognigy.AI release (newWebhookObjectRefusal). */
  readonly createRefusal?: string;
}

interface Fix {
  /** How to correct the deviation through the stack. */
  readonly viaStack: string;
}

function fixFor(setup: ExpectedSetup, live: LiveOrg, ctx: CompareContext): Fix {
  const up = `\`pulumi up --stack ${ctx.stack}\``;
  if (unmanaged(live, ctx).length === 0 || setup.adoptExisting) return { viaStack: `or run ${up} to correct it` };
  return {
    viaStack: `or adopt the hand-made setup so the stack corrects it: \`pulumi config set --stack ${ctx.stack} ${ADOPT_CONFIG_KEY} true\`, then ${up}`,
  };
}

/** Found objects that carry no marker of this stack (the data action is ours under our integration). */
function unmanaged(live: LiveOrg, ctx: CompareContext): string[] {
  const names: string[] = [];
  const own = (text: string | undefined) => hasStackMarker(text, ctx.marker, ctx.identity);
  for (const integration of live.integrations) if (!own(integration.notes)) names.push(`integration "${integration.name}"`);
  const ourIntegrations = live.integrations.filter((integration) => own(integration.notes)).map((integration) => integration.id);
  for (const action of live.actions) {
    if (!ourIntegrations.includes(action.integrationId ?? "")) names.push(`data action "${action.name}"`);
  }
  for (const { exact } of Object.values(live.workflows)) for (const flow of exact) if (!own(flow.description)) names.push(`workflow "${flow.name}"`);
  for (const list of Object.values(live.triggers)) for (const trigger of list) if (!own(trigger.description)) names.push(`trigger "${trigger.name}"`);
  return names;
}

/** The "exists" row; returns the single object when there is exactly one. */
function existence<T extends { id: string }>(
  rows: CheckRow[],
  label: string,
  found: readonly T[],
  missingHint: string,
): T | undefined {
  const name = `${label}: exists`;
  if (found.length === 1) {
    rows.push(pass(name));
    return found[0];
  }
  if (found.length === 0) rows.push(fail(name, "exactly one", "missing", missingHint));
  else {
    rows.push(
      fail(
        name,
        "exactly one",
        `${found.length} objects with this name (ids ${found.map((item) => item.id).join(", ")})`,
        "Delete or rename the extra ones in Genesys Cloud so that exactly one remains (the others are not checked until then).",
      ),
    );
  }
  return undefined;
}

export function compareSetup(setup: ExpectedSetup, live: LiveOrg, ctx: CompareContext): CheckRow[] {
  const rows: CheckRow[] = [];
  const fix = fixFor(setup, live, ctx);
  const create = ctx.createRefusal ? `\`pulumi up\` does not create it: ${ctx.createRefusal}` : `Run \`pulumi up --stack ${ctx.stack}\` to create it.`;
  const missing = (configKey: string) =>
    `${create} If it exists under another name, rename it in Genesys Cloud or set ${configKey} to that name.`;

  const integration = existence(rows, `Integration "${setup.integrationName}"`, live.integrations, missing("cognigy:integrationName"));
  if (integration) rows.push(...integrationRows(setup, integration, fix));

  const action = existence(
    rows,
    `Data action "${setup.dataActionName}"`,
    live.actions,
    `${missing("cognigy:dataActionName")} A data action saved only as a draft is not used by workflows: Save & Publish it.`,
  );
  if (action) rows.push(...actionRows(setup, action, integration, fix));

  for (const event of setup.events) {
    const { exact, similar } = live.workflows[event.key] ?? { exact: [], similar: [] };
    const similarText = similar.length > 0 ? ` Similar names found: ${similar.map((name) => JSON.stringify(name)).join(", ")}.` : "";
    const flow = existence(rows, `Workflow "${event.workflowName}"`, exact, missing(`cognigy:workflowName${event.configSuffix}`) + similarText);
    if (flow) rows.push(...workflowRows(setup, event, flow, fix));
    const triggers = live.triggers[event.key] ?? [];
    const trigger = existence(rows, `Trigger "${event.triggerName}"`, triggers, missing(`cognigy:triggerName${event.configSuffix}`));
    if (trigger) rows.push(...triggerRows(setup, event, trigger, exact, fix));
  }

  const foreign = unmanaged(live, ctx);
  rows.push(
    check(
      `Managed by stack ${ctx.stack}`,
      foreign.length === 0,
      `every object found carries the marker "${shownMarker(ctx)}"`,
      `made by hand or by another stack: ${foreign.join(", ")}`,
      setup.adoptExisting
        ? `${ADOPT_CONFIG_KEY} is already true: run \`pulumi up --stack ${ctx.stack}\` to take these objects over (same ids) and correct them.`
        : `\`pulumi up\` refuses to touch objects it did not create. To take them over (same ids, deviations corrected, deleted on destroy): \`pulumi config set --stack ${ctx.stack} ${ADOPT_CONFIG_KEY} true\`, then \`pulumi up --stack ${ctx.stack}\`.`,
    ),
  );
  return rows;
}

/** The marker as the report names it: with the identity when verify was given it. */
export function shownMarker(ctx: CompareContext): string {
  return ctx.identity === undefined ? ctx.marker : `${ctx.marker} ${ctx.identity}`;
}

function integrationRows(setup: ExpectedSetup, integration: LiveIntegration, fix: Fix): CheckRow[] {
  const label = `Integration "${setup.integrationName}"`;
  return [
    check(
      `${label}: type`,
      integration.integrationType?.id === INTEGRATION_TYPE,
      INTEGRATION_TYPE,
      integration.integrationType?.id,
      `Data actions need a Web Services Data Actions integration: install "Web Services Data Actions" (Admin > Integrations) under this name and remove or rename the other one.`,
    ),
    check(
      `${label}: active`,
      integration.intendedState === "ENABLED",
      "ENABLED",
      integration.intendedState,
      `Activate it (Admin > Integrations: toggle Inactive → Active), ${fix.viaStack}.`,
    ),
  ];
}

function actionRows(setup: ExpectedSetup, action: LiveAction, integration: LiveIntegration | undefined, fix: Fix): CheckRow[] {
  const label = `Data action "${setup.dataActionName}"`;
  const request = action.config?.request ?? {};
  const differences = schemaDifferences(setup.inputSchema, action.contract?.input?.inputSchema);
  return [
    check(
      `${label}: category`,
      action.category === setup.integrationName,
      setup.integrationName,
      action.category,
      `Architect finds the action by category = the integration's name (not the words "Web Services Data Action"): set the category to "${setup.integrationName}", ${fix.viaStack}.`,
    ),
    check(
      `${label}: belongs to the integration`,
      integration !== undefined && action.integrationId === integration.id,
      integration ? `integration ${integration.id}` : `the integration "${setup.integrationName}" (not found)`,
      `integration ${action.integrationId ?? "(none)"}`,
      `Create the action under "${setup.integrationName}" (Admin > Integrations > Actions > Add Action), ${fix.viaStack}.`,
    ),
    check(`${label}: method`, request.requestType === setup.requestType, setup.requestType, request.requestType, `Set HTTP Method to ${setup.requestType}, ${fix.viaStack}.`),
    check(
      `${label}: request URL`,
      request.requestUrlTemplate === setup.requestUrl,
      setup.requestUrl,
      request.requestUrlTemplate,
      `Set the Request URL Template to ${setup.requestUrl} (SaaS hosts start with "endpoint-", with a hyphen, not "endpoint."), ${fix.viaStack}. If the expected URL is wrong, set cognigy:endpointDomain or cognigy:endpointUrl.`,
    ),
    check(
      `${label}: input contract`,
      sameSchema(setup.inputSchema, action.contract?.input?.inputSchema),
      canonicalJson(setup.inputSchema),
      differences.length > 0 ? differences.join("; ") : canonicalJson(action.contract?.input?.inputSchema),
      `Paste the guide's input contract (three string properties userId, topic, disconnectType; additionalProperties true), ${fix.viaStack} (a contract change recreates the action).`,
    ),
    // Listed under /api/v2/integrations/actions: only published actions are (drafts live under /actions/drafts).
    pass(`${label}: published`),
  ];
}

function workflowRows(setup: ExpectedSetup, event: ExpectedEvent, flow: LiveFlow, fix: Fix): CheckRow[] {
  const label = `Workflow "${event.workflowName}"`;
  const locked = flow.lockedUser ?? flow.lockedClient;
  const rows = [
    check(`${label}: published`, Boolean(flow.publishedVersion?.id), "a published version", "never published", `Publish it in Architect, ${fix.viaStack}.`),
    check(
      `${label}: unlocked`,
      !locked,
      "not locked",
      `locked by ${JSON.stringify(locked)}`,
      "Someone has it open in Architect: check it in or unlock it (Architect > Workflows > Unlock); a locked flow cannot be updated or deleted.",
    ),
    check(
      `${label}: division`,
      flow.division?.name === setup.division,
      setup.division,
      flow.division?.name,
      `Move it to the division "${setup.division}", or set cognigy:division to "${flow.division?.name ?? ""}".`,
    ),
  ];
  if (!flow.publishedVersion?.id) {
    rows.push(fail(`${label}: input variables`, inputsText(event), "no published version to read", `Publish the workflow, ${fix.viaStack}.`));
  } else if (flow.inputSchema === undefined) {
    rows.push(notCheckable(`${label}: input variables`, inputsText(event), "the published version's answer has no inputSchema"));
  } else {
    const properties = flow.inputSchema.properties ?? {};
    const wrong = event.inputs.filter((input) => properties[input.name]?.type !== input.type);
    const actualInputs = Object.entries(properties).map(([name, schema]) => `Flow.${name} (${schema?.type ?? "?"})`);
    rows.push(
      check(
        `${label}: input variables`,
        wrong.length === 0,
        inputsText(event),
        actualInputs.length > 0 ? `inputs: ${actualInputs.join(", ")}` : "no input variables",
        `In Architect (Resources > Data) make ${wrong.map((input) => `Flow.${input.name}`).join(" and ")} ${typesText(wrong)} variables with "Input to Flow" ticked: the trigger fills only inputs, and a non-input variable named like an event field stops the workflow from starting. Then publish, ${fix.viaStack}.`,
      ),
    );
  }
  rows.push(boundActionRow(label, flow, fix));
  rows.push(
    notCheckable(
      `${label}: Call Data Action wiring`,
      event.callData,
      "the Platform API offers no reading of a published workflow's actions that this tool relies on (the flow version's configuration format is undocumented); a published workflow did resolve its data action by category and name when it was published",
    ),
  );
  return rows;
}

function boundActionRow(label: string, flow: LiveFlow, fix: Fix): CheckRow {
  const name = `${label}: calls a data action that exists`;
  const deleted = flow.deletedActions;
  if (!flow.publishedVersion?.id || deleted === undefined) return notCheckable(name, "no deleted data action called", "no published version to check");
  if (!Array.isArray(deleted)) return notCheckable(name, "no deleted data action called", `Architect dependency tracking could not be read (${deleted.error})`);
  return check(
    name,
    deleted.length === 0,
    "no deleted data action called",
    `still calls the deleted data action ${deleted.map((a) => `${a.name ? `"${a.name}" ` : ""}(id ${a.id})`).join(", ")}`,
    `A published workflow keeps calling the action it was published with; that action was deleted (a contract change recreates it under a new id), so events stop reaching Cognigy. Republish the workflow in Architect, ${fix.viaStack}.`,
  );
}

function inputsText(event: ExpectedEvent): string {
  return event.inputs.map((input) => `Flow.${input.name} (${input.type}, input)`).join(", ");
}

function typesText(inputs: readonly { type: string }[]): string {
  return [...new Set(inputs.map((input) => input.type))].join("/");
}

function criterionText(criterion: { jsonPath?: string; operator?: string; value?: unknown; values?: unknown[] }): string {
  const value = criterion.values !== undefined ? JSON.stringify(criterion.values) : JSON.stringify(criterion.value);
  return `${criterion.jsonPath} ${criterion.operator} ${value}`;
}

function triggerRows(setup: ExpectedSetup, event: ExpectedEvent, trigger: LiveTrigger, workflows: readonly LiveFlow[], fix: Fix): CheckRow[] {
  const label = `Trigger "${event.triggerName}"`;
  const criteria = trigger.matchCriteria ?? [];
  const same = (a: ExpectedCriterion, b: (typeof criteria)[number]) =>
    a.jsonPath === b.jsonPath && a.operator === b.operator && b.values === undefined && canonicalJson(a.value) === canonicalJson(b.value);
  const workflow = workflows.length === 1 ? workflows[0] : undefined;
  const rows: CheckRow[] = [
    check(
      `${label}: enabled`,
      trigger.enabled === setup.triggersEnabled,
      setup.triggersEnabled ? "enabled" : "disabled (cognigy:triggersEnabled = false)",
      trigger.enabled ? "enabled" : "disabled",
      setup.triggersEnabled
        ? `Activate it (Architect > Triggers: toggle Inactive → Active); while inactive, Cognigy never hears of ${event.genesysEvent}. ${capitalised(fix.viaStack)}.`
        : `Deactivate it, ${fix.viaStack}.`,
    ),
    check(
      `${label}: topic`,
      trigger.topicName === event.triggerTopic,
      event.triggerTopic,
      trigger.topicName,
      `The topic cannot be changed: delete the trigger and create it on ${event.triggerTopic}, or run \`pulumi up\` with the trigger adopted (it is replaced).`,
    ),
    check(
      `${label}: target`,
      workflow !== undefined && trigger.target?.type === "Workflow" && trigger.target.id === workflow.id,
      workflow ? `Workflow ${workflow.id} ("${event.workflowName}")` : `the workflow "${event.workflowName}" (${workflows.length === 0 ? "missing" : "not unique"})`,
      `${trigger.target?.type ?? "?"} ${trigger.target?.id ?? "(none)"}`,
      `Set Workflow Target to "${event.workflowName}", ${fix.viaStack}.`,
    ),
    check(
      `${label}: data format`,
      (trigger.target?.workflowTargetSettings?.dataFormat ?? TRIGGER_DATA_FORMAT) === TRIGGER_DATA_FORMAT,
      TRIGGER_DATA_FORMAT,
      trigger.target?.workflowTargetSettings?.dataFormat,
      `With any other format the event fields do not reach the workflow's input variables: set it to ${TRIGGER_DATA_FORMAT}, ${fix.viaStack}.`,
    ),
  ];
  for (const criterion of setup.criteria) {
    rows.push(
      check(
        `${label}: condition ${criterionText(criterion)}`,
        criteria.some((live) => same(criterion, live)),
        criterionText(criterion),
        criteria.length > 0 ? `conditions: ${criteria.map(criterionText).join("; ")}` : "no conditions",
        `Add the condition JSON Path ${criterion.jsonPath}, operator Equals, value ${JSON.stringify(criterion.value)} (without it the trigger fires for conversations that are not Open Messaging), ${fix.viaStack}.`,
      ),
    );
  }
  const extra = criteria.filter((live) => !setup.criteria.some((criterion) => same(criterion, live)));
  rows.push(
    check(
      `${label}: no other conditions`,
      extra.length === 0,
      "only the conditions above",
      `also: ${extra.map(criterionText).join("; ")}`,
      `Extra conditions keep events from Cognigy: remove them, ${fix.viaStack}.`,
    ),
  );
  rows.push(triggerTestRow(label, trigger.test));
  return rows;
}

function triggerTestRow(label: string, test: LiveTrigger["test"]): CheckRow {
  const name = `${label}: test with a synthetic Open Messaging event`;
  if (test === undefined) return fail(name, "matches, target valid", "not run", "The test endpoint was not called.");
  if ("error" in test) {
    return fail(
      name,
      "matches, target valid",
      `the test call failed: ${test.error}`,
      "The OAuth client's role needs processautomation:trigger:test (docs/onboarding.md).",
    );
  }
  const failed = (["schemaValidation", "targetValidation", "jsonPathValidation"] as const)
    .filter((step) => (test as TriggerTest)[step]?.matches === false)
    .map((step) => `${step} failed${detailsText((test as TriggerTest)[step]?.details)}`);
  const ok = test.triggerMatches === true && test.targetValidation?.matches !== false;
  return check(
    name,
    ok,
    "triggerMatches true, targetValidation matches",
    failed.length > 0 ? failed.join("; ") : `triggerMatches ${String(test.triggerMatches)}`,
    "Genesys would not start the workflow for an Open Messaging event: fix the rows above (target, conditions); a target that does not validate must be an active, published workflow.",
  );
}

function detailsText(details: unknown[] | undefined): string {
  if (!details || details.length === 0) return "";
  return ` (${details.map((detail) => (typeof detail === "string" ? detail : canonicalJson(detail))).join(", ")})`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
