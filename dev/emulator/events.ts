import { randomUUID } from "node:crypto";
import { executionOf } from "./action-analytics";
import { type ActionRun, runAction } from "./action-run";
import type { Context } from "./context";
import { notFound } from "./errors";
import { criterionMatches } from "./match";
import type { FlowRecord, FlowVersionRecord, MatchCriterion, TriggerRecord } from "./store";
import { inputSchema } from "./archy";
import { schemaProblems } from "./render";
import { isKnownTopic, schemaProblems as topicProblems, TOPICS } from "./topics";
import { EVENT_TTL_CLOCK, STRICT_INPUT_TYPES, UNBOUND_VERSION } from "./unverified";
import { type CallData, runWorkflow, type StepLog } from "./workflow-run";

// What Genesys does with one analytics event: every enabled trigger on its topic whose match
// criteria hold starts its target workflow's published version with the event as inputs
// (TopLevelPrimitives: each top-level primitive field into the input variable of the same
// name; Json: the whole event into Flow.jsonData), after `delayBySeconds`, and not at all once
// the event is older than `eventTTLSeconds`. Each event keeps an execution log: which triggers
// matched, which workflow ran, each action, the HTTP request and response.

export interface Execution {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: string;
  /** Scheduled (delayBySeconds) → Running → Completed | Failed; NotStarted when the inputs refuse it. */
  status: "Scheduled" | "Running" | "Completed" | "Failed" | "NotStarted";
  /** When it starts (ISO), later than the event by delayBySeconds. */
  startAt: string;
  dateCompleted?: string;
  inputData: Record<string, unknown>;
  steps: StepLog[];
  errorMessage?: string;
  outputData?: Record<string, unknown>;
}

export interface TriggerOutcome {
  triggerId: string;
  triggerName: string;
  enabled: boolean;
  criteria: (MatchCriterion & { match: boolean })[];
  /** True when the trigger started (or scheduled) its workflow. */
  fired: boolean;
  /** Why it did not fire: disabled, a criterion failed, the event expired, no published target. */
  reason?: string;
  execution?: Execution;
}

export interface EventRecord {
  id: string;
  /** As published; `topicName` is the trigger topic it belongs to (with the literal `{id}`). */
  topic: string;
  topicName: string;
  receivedAt: string;
  event: Record<string, unknown>;
  triggers: TriggerOutcome[];
}

/** Pure: `v2.detail.events.conversation.<any id>.acw` → the trigger topic with `{id}`. */
export function topicTemplate(topic: string): string {
  return topic.replace(/^(v2\.detail\.events\.conversation\.)[^.]+(\.)/, "$1{id}$2");
}

/** Pure: the problem with a published event, or undefined. */
export function eventProblem(topic: unknown, event: unknown): string | undefined {
  if (typeof topic !== "string" || !topic) return "'topic' is required, e.g. v2.detail.events.conversation.{id}.acw";
  const template = topicTemplate(topic);
  if (!isKnownTopic(template)) return `Unknown topic '${topic}'; known topics: ${Object.keys(TOPICS).join(", ")}`;
  const problems = topicProblems(template, event);
  if (problems.length) return `The event does not match topic ${template}: ${problems.join("; ")}`;
  return undefined;
}

/** Pure: the inputs a trigger gives its workflow, or why the workflow cannot start with them. */
export function workflowInputs(
  dataFormat: string,
  event: Record<string, unknown>,
  variables: FlowVersionRecord["variables"],
): { inputs: Record<string, unknown> } | { refused: string } {
  const declared = new Map(variables.map((v) => [v.name.replace(/^Flow\./, ""), v]));
  if (dataFormat === "Json") {
    const json = declared.get("jsonData");
    if (!json?.isInput || json.type !== "jsonVariable") return { refused: "dataFormat Json needs the JSON input variable Flow.jsonData" };
    return { inputs: { jsonData: event } };
  }
  const inputs: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event)) {
    if (value === null || typeof value === "object") continue; // top-level primitives only
    const variable = declared.get(field);
    if (!variable) continue;
    // genesys-platform-api.md §6 (Genesys's trigger docs): a non-input variable named like an event field stops the start.
    if (!variable.isInput) return { refused: `The workflow variable Flow.${field} is named like an event field but is not an input` };
    inputs[field] = value;
  }
  const problems = STRICT_INPUT_TYPES ? schemaProblems(inputSchema(variables), inputs) : [];
  if (problems.length) return { refused: `The event does not fit the workflow's input variables: ${problems.join("; ")}` };
  return { inputs };
}

/** Pure: whether the event is older than the trigger's TTL at `now` (epoch ms). */
export function expired(ttlSeconds: number | undefined, event: Record<string, unknown>, now: number): boolean {
  if (ttlSeconds === undefined) return false;
  const at = typeof event[EVENT_TTL_CLOCK] === "number" ? (event[EVENT_TTL_CLOCK] as number) : Date.parse(String(event[EVENT_TTL_CLOCK] ?? ""));
  return Number.isFinite(at) && now - at > ttlSeconds * 1000;
}

export class EventLog {
  private readonly records: EventRecord[] = [];

  list(): EventRecord[] {
    return structuredClone(this.records);
  }

  get(id: string): EventRecord {
    const r = this.records.find((x) => x.id === id);
    if (!r) throw notFound("event", id);
    return structuredClone(r);
  }

  clear(): void {
    this.records.length = 0;
  }

  /** Dispatches one event; resolves once every workflow it starts at once has finished. */
  async publish(ctx: Context, topic: unknown, event: unknown): Promise<EventRecord> {
    const problem = eventProblem(topic, event);
    if (problem) throw new Error(problem);
    const now = Date.now();
    const record: EventRecord = {
      id: randomUUID(),
      topic: topic as string,
      topicName: topicTemplate(topic as string),
      receivedAt: new Date(now).toISOString(),
      event: structuredClone(event as Record<string, unknown>),
      triggers: [],
    };
    this.records.push(record);
    const running: Promise<void>[] = [];
    const triggers = [...ctx.store.triggers.values()].filter((t) => t.topicName === record.topicName).sort((a, b) => a.createdAt - b.createdAt);
    for (const trigger of triggers) {
      const outcome = evaluateTrigger(ctx, trigger, record, now);
      record.triggers.push(outcome);
      if (!outcome.execution || outcome.execution.status !== "Scheduled") continue;
      const execution = outcome.execution;
      const flow = ctx.store.flows.get(trigger.target.id)!;
      const delayMs = (trigger.delayBySeconds ?? 0) * 1000;
      if (delayMs === 0) running.push(execute(ctx, flow, execution));
      else void ctx.timers.sleep(delayMs).done.then((due) => (due ? execute(ctx, flow, execution) : undefined));
    }
    await Promise.all(running);
    return structuredClone(record);
  }
}

function evaluateTrigger(ctx: Context, trigger: TriggerRecord, record: EventRecord, now: number): TriggerOutcome {
  const criteria = trigger.matchCriteria.map((c) => ({ ...c, match: criterionMatches(c, record.event) }));
  const outcome: TriggerOutcome = { triggerId: trigger.id, triggerName: trigger.name, enabled: trigger.enabled, criteria, fired: false };
  if (!trigger.enabled) return { ...outcome, reason: "the trigger is disabled" };
  const failed = criteria.filter((c) => !c.match);
  if (failed.length) return { ...outcome, reason: `match criteria not met: ${failed.map((c) => `${c.jsonPath} ${c.operator} ${JSON.stringify(c.value ?? c.values)}`).join(", ")}` };
  if (expired(trigger.eventTTLSeconds, record.event, now)) return { ...outcome, reason: `the event is older than the trigger's eventTTLSeconds (${trigger.eventTTLSeconds})` };
  const flow = ctx.store.flows.get(trigger.target.id);
  const version = flow?.versions[flow.versions.length - 1];
  if (!flow || !version) return { ...outcome, reason: `the target workflow ${trigger.target.id} does not exist or is not published` };
  const given = workflowInputs(trigger.target.workflowTargetSettings.dataFormat, record.event, version.variables);
  const execution: Execution = {
    id: randomUUID(),
    flowId: flow.id,
    flowName: flow.name,
    flowVersion: version.id,
    status: "inputs" in given ? "Scheduled" : "NotStarted",
    startAt: new Date(now + (trigger.delayBySeconds ?? 0) * 1000).toISOString(),
    inputData: "inputs" in given ? given.inputs : {},
    steps: [],
    ...("refused" in given ? { errorMessage: given.refused } : {}),
  };
  return { ...outcome, fired: true, execution };
}

async function execute(ctx: Context, flow: FlowRecord, execution: Execution): Promise<void> {
  const version = flow.versions.find((v) => v.id === execution.flowVersion)!;
  execution.status = "Running";
  let outcome: Awaited<ReturnType<typeof runWorkflow>>;
  try {
    outcome = await runWorkflow(version.yaml, execution.inputData, boundCallData(ctx, version));
  } catch (err) {
    // A run that breaks the emulator itself is logged, never left "Running" or unhandled.
    outcome = { status: "Failed", steps: [], outputData: {}, errorMessage: `Emulator error while running the workflow: ${(err as Error).message}` };
  }
  Object.assign(execution, {
    status: outcome.status,
    steps: outcome.steps,
    outputData: outcome.outputData,
    dateCompleted: new Date().toISOString(),
    ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage } : {}),
  });
}

/** The published version calls the action ids it resolved at publish, not whatever has the name now. */
function boundCallData(ctx: Context, version: FlowVersionRecord): CallData {
  return async (request) => {
    const binding = version.dataActions?.find((b) => b.category === request.category && b.name === request.name);
    const missing = (message: string, status: number, code: string): ActionRun => ({
      result: { operations: [], success: false, error: { message, code, status } },
    });
    if (!binding) return missing(UNBOUND_VERSION, 400, "bad.request");
    const action = ctx.store.actions.get(binding.actionId);
    if (!action) {
      const error = notFound("action", binding.actionId);
      return missing(error.message, error.status, error.code);
    }
    const startedAt = Date.now();
    const run = await runAction(ctx, action, request.input, request.timeoutMs);
    ctx.actionExecutions.record(executionOf(action, ctx.store.integrations.get(action.integrationId)?.name, run, startedAt, Date.now()));
    return run;
  };
}
