import { parse } from "yaml";
import type { ActionRun, HttpExchange } from "./action-run";
import { evaluate, ExpressionError, NOT_SET, type Value } from "./expressions";
import { FAILURE_OUTPUTS, isMap, type Node, soleKey } from "./archy";
import { failureOutputValues, OMIT_NOT_SET_INPUTS } from "./unverified";

// Runs a published workflow's YAML (the text the flow job stored) for the actions handover
// workflows and Genesys's blueprint workflows use: callData, decision, updateData, changeState
// and endWorkflow, with the success/failure/timeout and yes/no outputs. Any other action stops
// the run with a message naming it (the emulator never pretends to run what it does not know).

export interface CallDataRequest {
  category: string;
  name: string;
  input: Record<string, unknown>;
  /** The Call Data Action's `timeout`, when it gives one. */
  timeoutMs?: number;
}

/** Runs the data action the published version is bound to (a deleted one answers as a failed run). */
export type CallData = (request: CallDataRequest) => Promise<ActionRun>;

export interface StepLog {
  /** Action type (`callData`, `decision`, …) and its name in the YAML. */
  type: string;
  name: string;
  /** The output taken: success/failure/timeout, yes/no. */
  output?: string;
  /** callData: the inputs sent, the data action's answer, the HTTP exchange. */
  input?: Record<string, unknown>;
  error?: { message: string; code: string; status: number };
  http?: HttpExchange;
  /** updateData: the variables set; endWorkflow: the exit reason. */
  assigned?: Record<string, unknown>;
  exitReason?: string;
}

export interface RunOutcome {
  status: "Completed" | "Failed";
  steps: StepLog[];
  /** Why the run failed (an expression error, an action the emulator does not execute). */
  errorMessage?: string;
  /** The output variables at the end. */
  outputData: Record<string, unknown>;
}

/** A run that loops through changeState without end is stopped after this many actions. */
const MAX_ACTIONS = 1000;

class RunError extends Error {}

type Flow = { kind: "next" } | { kind: "end" } | { kind: "goto"; refId: string };

/** Pure: a `lit:` duration (`{minutes: 1}`, `{seconds: 30}`) in milliseconds. */
export function durationMs(node: unknown): number | undefined {
  const lit = isMap(node) ? node.lit : undefined;
  if (!isMap(lit)) return undefined;
  const units: Record<string, number> = { hours: 3_600_000, minutes: 60_000, seconds: 1000, milliseconds: 1 };
  let total = 0;
  for (const [unit, amount] of Object.entries(lit)) {
    if (!(unit in units) || typeof amount !== "number") throw new RunError(`Unsupported timeout ${JSON.stringify(lit)} (hours/minutes/seconds/milliseconds)`);
    total += amount * units[unit];
  }
  return total;
}

/** Pure: the value of a `lit:` / `exp:` / `noValue:` node. */
export function valueOf(node: unknown, variables: Record<string, Value>): Value {
  const key = soleKey(node);
  const body = isMap(node) ? node[key ?? ""] : undefined;
  if (key === "lit") return body as Value;
  if (key === "noValue") return NOT_SET;
  if (key === "exp") {
    if (typeof body !== "string") throw new RunError(`exp: must be text, got ${JSON.stringify(body)}`);
    return evaluate(body, variables);
  }
  throw new RunError(`A value must be lit:, exp: or noValue:, got ${JSON.stringify(node)}`);
}

/** Pure: the declared variables with their initial values, then the inputs over the input variables. */
export function initialVariables(workflow: Node, inputs: Record<string, unknown>): Record<string, Value> {
  const variables: Record<string, Value> = {};
  for (const item of Array.isArray(workflow.variables) ? workflow.variables : []) {
    const body = (item as Node)[soleKey(item) ?? ""];
    if (!isMap(body) || typeof body.name !== "string") continue;
    variables[body.name] = body.initialValue === undefined ? NOT_SET : valueOf(body.initialValue, variables);
  }
  for (const [name, value] of Object.entries(inputs)) variables[`Flow.${name}`] = value as Value;
  return variables;
}

export async function runWorkflow(yamlText: string, inputs: Record<string, unknown>, callData: CallData): Promise<RunOutcome> {
  const workflow = (parse(yamlText, { version: "1.2" }) as Node).workflow as Node;
  const steps: StepLog[] = [];
  let variables: Record<string, Value> = {};
  const outputs = () =>
    Object.fromEntries(
      (Array.isArray(workflow.variables) ? workflow.variables : [])
        .map((item) => (item as Node)[soleKey(item) ?? ""] as Node)
        .filter((v) => isMap(v) && v.isOutput === true)
        .map((v) => [String(v.name).replace(/^Flow\./, ""), variables[String(v.name)]]),
    );
  const states = new Map<string, unknown>();
  for (const item of Array.isArray(workflow.states) ? workflow.states : []) {
    const state = (item as Node).state as Node;
    states.set(String(state.refId), state.actions);
  }
  let count = 0;

  const runList = async (list: unknown): Promise<Flow> => {
    for (const item of Array.isArray(list) ? list : []) {
      const flow = await runAction(item);
      if (flow.kind !== "next") return flow;
    }
    return { kind: "next" };
  };

  const branch = async (body: Node, output: string): Promise<Flow> => {
    const outs = isMap(body.outputs) ? body.outputs : {};
    const taken = outs[output];
    return isMap(taken) ? runList(taken.actions) : { kind: "next" };
  };

  const runAction = async (item: unknown): Promise<Flow> => {
    if (++count > MAX_ACTIONS) throw new RunError(`Stopped after ${MAX_ACTIONS} actions: the workflow loops without end`);
    const type = soleKey(item) ?? "?";
    const body = isMap(item) ? ((item as Node)[type] as Node) : {};
    const step: StepLog = { type, name: String(body?.name ?? "") };
    steps.push(step);
    switch (type) {
      case "endWorkflow": {
        const reason = body.exitReason === undefined ? NOT_SET : valueOf(body.exitReason, variables);
        if (reason !== NOT_SET) step.exitReason = String(reason);
        return { kind: "end" };
      }
      case "changeState": {
        const target = /^\.?\/workflow\/states\/state\[(.+)\]$/.exec(String(body.targetState ?? ""));
        if (!target || !states.has(target[1])) throw new RunError(`changeState '${step.name}' names no state: ${JSON.stringify(body.targetState)}`);
        return { kind: "goto", refId: target[1] };
      }
      case "updateData": {
        step.assigned = {};
        for (const statement of Array.isArray(body.statements) ? body.statements : []) {
          const s = (statement as Node)[soleKey(statement) ?? ""] as Node;
          const name = String(s?.variable ?? "");
          if (!(name in variables)) throw new RunError(`updateData '${step.name}' sets the undeclared variable '${name}'`);
          variables = { ...variables, [name]: valueOf(s.value, variables) };
          step.assigned[name] = variables[name];
        }
        return { kind: "next" };
      }
      case "decision": {
        const condition = valueOf(body.condition, variables);
        if (typeof condition !== "boolean") throw new RunError(`decision '${step.name}': the condition gave ${JSON.stringify(condition)}, not a boolean`);
        step.output = condition ? "yes" : "no";
        return branch(body, step.output);
      }
      case "callData":
        return runCallData(body, step);
      default:
        throw new RunError(`The emulator does not execute '${type}' actions (it runs callData, decision, updateData, changeState, endWorkflow)`);
    }
  };

  const runCallData = async (body: Node, step: StepLog): Promise<Flow> => {
    const category = soleKey(body.category) ?? "";
    const dataAction = ((body.category as Node)[category] as Node).dataAction as Node;
    const name = soleKey(dataAction) ?? "";
    const spec = isMap(dataAction[name]) ? (dataAction[name] as Node) : {};
    const input: Record<string, unknown> = {};
    for (const [key, node] of Object.entries(isMap(spec.inputs) ? spec.inputs : {})) {
      const v = valueOf(node, variables);
      if (v !== NOT_SET || !OMIT_NOT_SET_INPUTS) input[key] = v ?? null;
    }
    step.input = input;
    const run = await callData({ category, name, input, timeoutMs: durationMs(body.timeout) });
    step.http = run.http;
    if (run.result.success) {
      step.output = "success";
      const result = isMap(run.result.finalResult) ? run.result.finalResult : {};
      assign(spec.successOutputs, (key) => result[key] as Value);
    } else {
      step.error = run.result.error;
      step.output = run.http?.timedOut ? "timeout" : "failure";
      const failure = failureOutputValues(run.result.error);
      if (step.output === "failure") assign(spec.failureOutputs, (key) => (FAILURE_OUTPUTS.includes(key) ? failure[key] : NOT_SET));
    }
    return branch(body, step.output);
  };

  const assign = (map: unknown, valueFor: (key: string) => Value) => {
    for (const [key, node] of Object.entries(isMap(map) ? map : {})) {
      const target = isMap(node) && typeof node.var === "string" ? node.var : undefined;
      if (target) variables = { ...variables, [target]: valueFor(key) };
    }
  };

  try {
    variables = initialVariables(workflow, inputs);
    const start = /\[(.+)\]$/.exec(String(workflow.startUpRef))?.[1] ?? "";
    let flow: Flow = { kind: "goto", refId: start };
    while (flow.kind === "goto") {
      const next: Flow = await runList(states.get(flow.refId));
      // The end of a state's actions ends the workflow.
      flow = next.kind === "next" ? { kind: "end" } : next;
    }
    return { status: "Completed", steps, outputData: outputs() };
  } catch (err) {
    if (!(err instanceof RunError || err instanceof ExpressionError)) throw err;
    return { status: "Failed", steps, errorMessage: err.message, outputData: outputs() };
  }
}
