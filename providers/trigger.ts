import * as pulumi from "@pulumi/pulumi";
import type { CheckFailure, CheckResult, CreateResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { Found, adoptionOutcome, confirmAnnounced } from "./adoption";
import { hasMarker, userText, withMarker, withoutMarker } from "../domain/marker";
import { DiffRules, UNKNOWN, canonicalJson, containsUnknown, dropUndefined, requireText, sameJson } from "./diff";
import * as triggers from "./genesys/triggers";
import { DATA_FORMATS, DEFAULT_DATA_FORMAT, OPERATORS, type DataFormat, type LiveTrigger, type MatchCriterion } from "./genesys/triggers";
import { triggerDescriptionProblem } from "../domain/names";
import type { GenesysApi } from "./genesys/transport";

export type { DataFormat, MatchCriterion } from "./genesys/triggers";
import { LABELS, NewObjectGate, WebhookProvider, knownKey } from "./webhook-provider";

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
   * Genesys's 512 characters (check reports the excess). Unset: the text Genesys holds stays (an
   * adopted trigger keeps its admin's description), the marker appended.
   */
  readonly description?: pulumi.Input<string>;
  /** >= 10; excludes delayBySeconds. */
  readonly eventTTLSeconds?: pulumi.Input<number>;
  /** 60-900; excludes eventTTLSeconds. */
  readonly delayBySeconds?: pulumi.Input<number>;
  /** Take over an existing trigger of the same topic and name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  /** Allow replacing an adopted trigger (a new topic); default false. */
  readonly allowReplaceAdopted?: pulumi.Input<boolean>;
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
  /** Without the marker; absent until read when the stack gives none. */
  description?: string;
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  adopt: boolean;
  managedBy: string;
  /** The trigger's version in Genesys (1 after create, +1 per PUT). */
  version: number;
  adopted: boolean;
}


/** All criteria must match, so their order carries no meaning. */
export function sameCriteria(a: unknown, b: unknown): boolean {
  const key = (list: unknown) => (Array.isArray(list) ? list.map(canonicalJson).sort() : canonicalJson(list));
  return sameJson(key(a), key(b));
}

export const RULES: DiffRules = {
  fields: [
    "name", "topicName", "workflowId", "enabled", "matchCriteria", "dataFormat", "description",
    "eventTTLSeconds", "delayBySeconds", "adopt", "managedBy",
  ],
  replaceOn: ["topicName"],
  // Stop the old trigger's traffic before the new one starts.
  deleteBeforeReplace: true,
  // No description of the stack's own: whatever text Genesys holds is the admin's, not drift.
  same: { matchCriteria: sameCriteria, description: (old, next) => next === undefined || sameJson(old, next) },
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
export function checkTrigger(news: Record<string, unknown>): CheckResult {
  const inputs: Record<string, unknown> = { enabled: true, dataFormat: DEFAULT_DATA_FORMAT, adopt: false, ...dropUndefined(news) };
  const failures: CheckFailure[] = [];
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
    const problem = triggerDescriptionProblem(description, managedBy);
    if (problem) failures.push({ property: "description", reason: `description ${problem}` });
  }
  return { inputs, failures };
}

/**
 * Pure: the create/update body (an update adds the current `version`). `liveText`: the text of
 * the description Genesys holds now (marker removed), kept when the stack gives no description.
 */
export function triggerBody(inputs: TriggerInputs, liveText = ""): Record<string, unknown> {
  return {
    name: inputs.name,
    topicName: inputs.topicName,
    enabled: inputs.enabled,
    target: { type: "Workflow", id: inputs.workflowId, workflowTargetSettings: { dataFormat: inputs.dataFormat } },
    matchCriteria: inputs.matchCriteria,
    description: withMarker(inputs.description ?? liveText, inputs.managedBy),
    ...(inputs.eventTTLSeconds !== undefined ? { eventTTLSeconds: inputs.eventTTLSeconds } : {}),
    ...(inputs.delayBySeconds !== undefined ? { delayBySeconds: inputs.delayBySeconds } : {}),
  };
}

/** Inputs after `check` (defaults applied). */
export type TriggerInputs = Omit<TriggerOutputs, "version" | "adopted"> & NewObjectGate;

export class TriggerProvider extends WebhookProvider {
  constructor() {
    super({ check: checkTrigger, rules: RULES, label: (inputs) => LABELS.trigger(inputs.name, inputs.topicName) });
  }


  protected async lookup(inputs: TriggerInputs): Promise<Found | undefined> {
    if (!knownKey(inputs.topicName, inputs.name, inputs.managedBy)) return undefined;
    const found = await findTrigger(this.genesys(), inputs.topicName, inputs.name);
    // Everything but the topic (the key) can be changed in place.
    return found && { id: found.id, ours: hasMarker(found.description, inputs.managedBy) };
  }

  async create(inputs: TriggerInputs): Promise<CreateResult> {
    const found = await findTrigger(this.genesys(), inputs.topicName, inputs.name);
    const existing = found && { id: found.id, ours: hasMarker(found.description, inputs.managedBy) };
    const { kind, name } = this.kind.label(inputs);
    const outcome = adoptionOutcome(kind, name, existing, inputs.adopt, inputs.createRefusal);
    confirmAnnounced(kind, name, outcome, inputs.adoption);
    if (outcome.action === "take-over") {
      return { id: outcome.id, outs: await this.put(outcome.id, { ...inputs, adopted: outcome.adopted }) };
    }
    // Right after the workflow was published, Genesys may not accept it as a target yet (a 400 naming
    // it, or a 400 or 404 while it does not read as published yet: genesys/triggers.ts).
    // A retry first looks for the trigger a lost answer may have made: ours by its marker.
    const created = await triggers.create(this.genesys(), triggerBody(inputs), inputs.workflowId, {
      recover: async () => {
        const made = await findTrigger(this.genesys(), inputs.topicName, inputs.name);
        return made && hasMarker(made.description, inputs.managedBy) ? made : undefined;
      },
    });
    return { id: created.id, outs: { ...inputs, version: created.version ?? 1, adopted: false } };
  }

  async read(id: string, props: TriggerOutputs): Promise<ReadResult> {
    const live = await triggers.readOrGoneTrigger(this.genesys(), id);
    if (live === undefined) return {};
    const outs: TriggerOutputs = {
      ...props,
      name: live.name ?? "",
      topicName: live.topicName ?? "",
      enabled: live.enabled ?? false,
      workflowId: live.target?.id ?? "",
      dataFormat: live.target?.workflowTargetSettings?.dataFormat ?? DEFAULT_DATA_FORMAT,
      matchCriteria: live.matchCriteria ?? [],
      description: userText(withoutMarker(live.description, props.managedBy), props.description),
      eventTTLSeconds: live.eventTTLSeconds,
      delayBySeconds: live.delayBySeconds,
      version: live.version ?? props.version,
    };
    const inputs = Object.fromEntries(RULES.fields.map((f) => [f, (outs as unknown as Record<string, unknown>)[f]]));
    // The host turns props into a protobuf Struct, which rejects undefined members.
    return { id, props: dropUndefined({ ...outs }), inputs: dropUndefined(inputs) };
  }

  async update(id: string, olds: TriggerOutputs, news: TriggerInputs): Promise<UpdateResult> {
    return { outs: await this.put(id, { ...news, adopted: olds.adopted }, olds.managedBy) };
  }

  async delete(id: string, _props?: unknown): Promise<void> {
    await triggers.remove(this.genesys(), id);
  }

  /** PUT the whole trigger with its current version (re-read on a stale one); `previousMarker`: the marker written before. */
  private async put(id: string, desired: TriggerInputs & { adopted: boolean }, previousMarker = desired.managedBy): Promise<TriggerOutputs> {
    const api = this.genesys();
    const saved = await api.withFreshVersion(`Update trigger ${id}`, async () => {
      const live = await triggers.read(api, id);
      const written = await triggers.put(api, id, { ...triggerBody(desired, withoutMarker(live.description, previousMarker)), version: live.version });
      return written?.version ?? (live.version ?? 0) + 1;
    });
    return { ...desired, version: saved };
  }
}

/** The trigger of exactly this name among the topic's triggers (cursor pages). */
export async function findTrigger(api: GenesysApi, topicName: string, name: string): Promise<LiveTrigger | undefined> {
  const named = (t: LiveTrigger) => t.name === name && t.topicName === topicName;
  return (await triggers.list(api, topicName, named)).find(named);
}
