import * as pulumi from "@pulumi/pulumi";
import { adoptionOutcome, hasMarker, withMarker, withoutMarker } from "./adoption";
import { DiffRules, UNKNOWN, canonicalJson, containsUnknown, dropUndefined, requireText, sameJson } from "./diff";
import { GenesysApi, deleteOrGone, readOrGone } from "./genesys/transport";
import { LABELS, NewObjectGate, ObjectLabel, WebhookProvider } from "./webhook-provider";

export interface MatchCriterion {
  jsonPath: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}

export type DataFormat = "TopLevelPrimitives" | "Json";

/** A Process Automation trigger that starts a workflow on an event topic. */
export interface TriggerArgs {
  readonly name: pulumi.Input<string>;
  /** Keeps the literal `{id}`, e.g. "v2.detail.events.conversation.{id}.acw". Change = replace. */
  readonly topicName: pulumi.Input<string>;
  readonly workflowId: pulumi.Input<string>;
  /** Default true. */
  readonly enabled?: pulumi.Input<boolean>;
  readonly matchCriteria: pulumi.Input<MatchCriterion[]>;
  /** Default "TopLevelPrimitives". */
  readonly dataFormat?: pulumi.Input<DataFormat>;
  /**
   * Free text. The provider appends a blank line and `managedBy` to it; the whole must fit
   * Genesys's 512 characters (check reports the excess).
   */
  readonly description?: pulumi.Input<string>;
  /** >= 10; excludes delayBySeconds. */
  readonly eventTTLSeconds?: pulumi.Input<number>;
  /** 60-900; excludes eventTTLSeconds. */
  readonly delayBySeconds?: pulumi.Input<number>;
  /** Take over an existing trigger of the same topic and name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
  /**
   * Set by the program where no new object may be made (Cognigy.AI 4.100 up to 2025.11): why, and
   * the way forward. An object this stack holds, or one adopted by name, is managed as usual.
   */
  readonly createRefusal?: pulumi.Input<string>;
}

export interface TriggerOutputs {
  name: string;
  topicName: string;
  workflowId: string;
  enabled: boolean;
  matchCriteria: MatchCriterion[];
  dataFormat: DataFormat;
  description: string;
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  /** The trigger's version in Genesys (1 after create, +1 per PUT). */
  version: number;
  adopted: boolean;
}

export const OPERATORS = [
  "GreaterThanOrEqual", "LessThanOrEqual", "Equal", "NotEqual", "LessThan", "GreaterThan",
  "NotIn", "In", "Contains", "All", "Exists", "Size",
] as const;
export const DATA_FORMATS: readonly DataFormat[] = ["TopLevelPrimitives", "Json"];
export const DESCRIPTION_LIMIT = 512;

/** All criteria must match, so their order carries no meaning. */
export function sameCriteria(a: unknown, b: unknown): boolean {
  const key = (list: unknown) => (Array.isArray(list) ? list.map(canonicalJson).sort() : canonicalJson(list));
  return sameJson(key(a), key(b));
}

const RULES: DiffRules = {
  fields: [
    "name", "topicName", "workflowId", "enabled", "matchCriteria", "dataFormat", "description",
    "eventTTLSeconds", "delayBySeconds", "adopt", "managedBy", "providerVersion",
  ],
  replaceOn: ["topicName"],
  // Stop the old trigger's traffic before the new one starts.
  deleteBeforeReplace: true,
  same: { matchCriteria: sameCriteria },
};

function criteriaFailures(criteria: unknown): string[] {
  if (criteria === UNKNOWN) return [];
  if (!Array.isArray(criteria)) return [`matchCriteria must be a list (got ${JSON.stringify(criteria)})`];
  return criteria.flatMap((c: unknown, i: number) => {
    if (c === UNKNOWN) return [];
    const item = c as Partial<MatchCriterion> | null;
    const problems: string[] = [];
    if (typeof item?.jsonPath !== "string" || item.jsonPath === "") problems.push(`matchCriteria[${i}].jsonPath must be a non-empty string`);
    if (!OPERATORS.includes(item?.operator as (typeof OPERATORS)[number])) {
      problems.push(`matchCriteria[${i}].operator must be one of ${OPERATORS.join(", ")} (got ${JSON.stringify(item?.operator)})`);
    }
    if ((item?.value === undefined) === (item?.values === undefined)) {
      problems.push(`matchCriteria[${i}] must set exactly one of value and values`);
    } else if (item?.values !== undefined && !Array.isArray(item.values)) {
      problems.push(`matchCriteria[${i}].values must be a list`);
    }
    return problems;
  });
}

/** Pure: defaults applied, failures named by field (Genesys's own limits, before any API call). */
export function checkTrigger(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const inputs: Record<string, unknown> = { enabled: true, dataFormat: "TopLevelPrimitives", description: "", adopt: false, ...dropUndefined(news) };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const field of ["name", "topicName", "workflowId", "managedBy"]) requireText(inputs, field, failures);
  for (const reason of criteriaFailures(inputs.matchCriteria)) failures.push({ property: "matchCriteria", reason });
  if (inputs.dataFormat !== UNKNOWN && !DATA_FORMATS.includes(inputs.dataFormat as DataFormat)) {
    failures.push({ property: "dataFormat", reason: `dataFormat must be one of ${DATA_FORMATS.join(", ")} (got ${JSON.stringify(inputs.dataFormat)})` });
  }
  const ttl = inputs.eventTTLSeconds;
  const delay = inputs.delayBySeconds;
  if (ttl !== undefined && ttl !== UNKNOWN && !(typeof ttl === "number" && Number.isInteger(ttl) && ttl >= 10)) {
    failures.push({ property: "eventTTLSeconds", reason: `eventTTLSeconds must be an integer >= 10 (got ${JSON.stringify(ttl)})` });
  }
  if (delay !== undefined && delay !== UNKNOWN && !(typeof delay === "number" && Number.isInteger(delay) && delay >= 60 && delay <= 900)) {
    failures.push({ property: "delayBySeconds", reason: `delayBySeconds must be an integer from 60 to 900 (got ${JSON.stringify(delay)})` });
  }
  if (ttl !== undefined && delay !== undefined) {
    failures.push({ property: "delayBySeconds", reason: "eventTTLSeconds and delayBySeconds cannot both be set" });
  }
  const { description, managedBy } = inputs;
  if (typeof description === "string" && typeof managedBy === "string" && !containsUnknown([description, managedBy])) {
    const length = withMarker(description, managedBy).length;
    if (length > DESCRIPTION_LIMIT) {
      failures.push({
        property: "description",
        reason: `description plus the management marker is ${length} characters; Genesys allows ${DESCRIPTION_LIMIT}. Shorten description by ${length - DESCRIPTION_LIMIT}.`,
      });
    }
  }
  return { inputs, failures };
}

/** Pure: the create/update body (an update adds the current `version`). */
export function triggerBody(inputs: TriggerInputs): Record<string, unknown> {
  return {
    name: inputs.name,
    topicName: inputs.topicName,
    enabled: inputs.enabled,
    target: { type: "Workflow", id: inputs.workflowId, workflowTargetSettings: { dataFormat: inputs.dataFormat } },
    matchCriteria: inputs.matchCriteria,
    description: withMarker(inputs.description, inputs.managedBy),
    ...(inputs.eventTTLSeconds !== undefined ? { eventTTLSeconds: inputs.eventTTLSeconds } : {}),
    ...(inputs.delayBySeconds !== undefined ? { delayBySeconds: inputs.delayBySeconds } : {}),
  };
}

interface LiveTrigger {
  id: string;
  name?: string;
  topicName?: string;
  enabled?: boolean;
  target?: { id?: string; workflowTargetSettings?: { dataFormat?: DataFormat } };
  matchCriteria?: MatchCriterion[];
  description?: string;
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  version?: number;
}

/** Inputs after `check` (defaults applied). */
export type TriggerInputs = Omit<TriggerOutputs, "version" | "adopted"> & NewObjectGate;

export class TriggerProvider extends WebhookProvider implements pulumi.dynamic.ResourceProvider {
  protected label(inputs: Record<string, unknown>): ObjectLabel {
    return LABELS.trigger(inputs.name, inputs.topicName);
  }

  protected checkInputs(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
    return checkTrigger(news);
  }

  protected diffRules(): DiffRules {
    return RULES;
  }

  async create(inputs: TriggerInputs): Promise<pulumi.dynamic.CreateResult> {
    const found = await findTrigger(this.genesys(), inputs.topicName, inputs.name);
    const existing = found && { id: found.id, ours: hasMarker(found.description, inputs.managedBy) };
    const { kind, name } = this.label(inputs);
    const outcome = adoptionOutcome(kind, name, existing, inputs.adopt, inputs.createRefusal);
    if (outcome.action === "take-over") {
      return { id: outcome.id, outs: await this.put(outcome.id, { ...inputs, adopted: outcome.adopted }) };
    }
    const created = await this.genesys().call<LiveTrigger>(
      "Create trigger",
      (a) => a.processAutomation.postProcessautomationTriggers(triggerBody(inputs)),
      // Right after the workflow was published, Genesys may not accept it as a target yet (a 400 naming it).
      // A retry first looks for the trigger a lost answer may have made: ours by its marker.
      {
        referencing: inputs.workflowId,
        recover: async () => {
          const made = await findTrigger(this.genesys(), inputs.topicName, inputs.name);
          return made && hasMarker(made.description, inputs.managedBy) ? made : undefined;
        },
      },
    );
    return { id: created.id, outs: { ...inputs, version: created.version ?? 1, adopted: false } };
  }

  async read(id: string, props: TriggerOutputs): Promise<pulumi.dynamic.ReadResult> {
    const live = await readOrGone<LiveTrigger>(this.genesys(), "Read trigger", (a) => a.processAutomation.getProcessautomationTrigger(id));
    if (live === undefined) return {};
    const outs: TriggerOutputs = {
      ...props,
      name: live.name ?? "",
      topicName: live.topicName ?? "",
      enabled: live.enabled ?? false,
      workflowId: live.target?.id ?? "",
      dataFormat: live.target?.workflowTargetSettings?.dataFormat ?? "TopLevelPrimitives",
      matchCriteria: live.matchCriteria ?? [],
      description: withoutMarker(live.description, props.managedBy),
      eventTTLSeconds: live.eventTTLSeconds,
      delayBySeconds: live.delayBySeconds,
      version: live.version ?? props.version,
    };
    const inputs = Object.fromEntries(RULES.fields.map((f) => [f, (outs as unknown as Record<string, unknown>)[f]]));
    // The host turns props into a protobuf Struct, which rejects undefined members.
    return { id, props: dropUndefined({ ...outs }), inputs: dropUndefined(inputs) };
  }

  async update(id: string, olds: TriggerOutputs, news: TriggerInputs): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await this.put(id, { ...news, adopted: olds.adopted }) };
  }

  async delete(id: string, _props?: unknown): Promise<void> {
    await deleteOrGone(this.genesys(), `Delete trigger ${id}`, (a) => a.processAutomation.deleteProcessautomationTrigger(id));
  }

  /** PUT the whole trigger with its current version (re-read on a stale one). */
  private async put(id: string, desired: TriggerInputs & { adopted: boolean }): Promise<TriggerOutputs> {
    const api = this.genesys();
    const saved = await api.withFreshVersion(`Update trigger ${id}`, async () => {
      const live = await api.call<LiveTrigger>("Read trigger", (a) => a.processAutomation.getProcessautomationTrigger(id), { tolerate: [404] });
      const written = await api.call<LiveTrigger | undefined>("Update trigger", (a) =>
        a.processAutomation.putProcessautomationTrigger(id, { ...triggerBody(desired), version: live.version }),
      );
      return written?.version ?? (live.version ?? 0) + 1;
    });
    return { ...desired, version: saved };
  }
}

/** The trigger of exactly this name among the topic's triggers (cursor pages). */
export async function findTrigger(api: GenesysApi, topicName: string, name: string): Promise<LiveTrigger | undefined> {
  let after: string | undefined;
  for (;;) {
    const listing = await api.call<{ entities?: LiveTrigger[]; nextUri?: string }>("List triggers", (a) =>
      a.processAutomation.getProcessautomationTriggers({ topicName, pageSize: "200", ...(after ? { after } : {}) }),
    );
    const match = (listing.entities ?? []).find((t) => t.name === name && t.topicName === topicName);
    if (match) return match;
    const next = listing.nextUri ? new URL(listing.nextUri, "http://x").searchParams.get("after") : null;
    if (!next || next === after || (listing.entities ?? []).length === 0) return undefined;
    after = next;
  }
}
