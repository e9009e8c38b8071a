import { parseDocument } from "yaml";
import type { FlowVariable, JsonSchema } from "./store";
import { JOB_MESSAGES } from "./unverified";

// "Archy-lite": the checks Architect's flow job makes on a workflow YAML that this project
// depends on. Pure: the caller supplies the data action lookup and the org's divisions.

export interface ActionContracts {
  inputSchema: JsonSchema;
  successSchema: JsonSchema;
}

/** Finds a published data action by its category (integration name) and name. */
export type ActionLookup = (category: string, name: string) => ActionContracts | undefined;

export interface JobProblem {
  text: string;
  details?: { errorCode: string; errorMessage: string }[];
}

export interface ParsedWorkflow {
  name: string;
  description: string;
  division: string;
  variables: FlowVariable[];
}

export type ArchyResult = { ok: true; workflow: ParsedWorkflow } | { ok: false; problems: JobProblem[] };

/**
 * Action types accepted in workflow states and tasks: every one Genesys's published blueprint
 * workflows use (GenesysCloudBlueprints: automatic-offer-callback-for-disconnected-call,
 * callback-prioritization, negative-sentiment-callback, process-automation-trigger-with-salesforce,
 * process-participant-attributes-event-triggers-blueprint,
 * send-email-notification-when-outbound-message-fails-blueprint, send-message-transcript-by-email,
 * terminate-voice-calls-with-no-queue), plus `exitLoop` (unverified). Unknown types fail the job.
 */
export const WORKFLOW_ACTIONS = [
  "callCommonModule",
  "callData",
  "callTask",
  "changeState",
  "decision",
  "endTask",
  "endWorkflow",
  "exitLoop",
  "getConversationData",
  "getExternalContact",
  "loop",
  "loopNext",
  "setConversationData",
  "switch",
  "updateData",
  "wait",
];

const VARIABLE_TYPES: Record<string, Record<string, unknown>> = {
  stringVariable: { type: "string" },
  integerVariable: { type: "integer" },
  decimalVariable: { type: "number" },
  booleanVariable: { type: "boolean" },
  jsonVariable: { type: "object" },
  dateTimeVariable: { type: "string", format: "date-time" },
  dateVariable: { type: "string", format: "date" },
  timeVariable: { type: "string", format: "time" },
  durationVariable: { type: "string" },
  currencyVariable: { type: "object" },
  userVariable: { type: "string" },
  queueVariable: { type: "string" },
  // The blueprint send-message-transcript-by-email reads Flow.contact.workEmail from one.
  externalContactVariable: { type: "object" },
};

/**
 * A Call Data Action's failure outputs: every one Architect exports in a Genesys blueprint's workflow
 * (GenesysCloudBlueprints/automatic-offer-callback-for-disconnected-call, kept in
 * test/fixtures/genesys-sources/call-data-failure-outputs.yaml).
 */
export const FAILURE_OUTPUTS = [
  "errorCode",
  "status",
  "correlationId",
  "entityId",
  "entityName",
  "userMessage",
  "userParamsMessage",
  "userParams.key",
  "userParams.value",
  "details.errorCode",
  "details.fieldName",
  "details.entityId",
  "details.entityName",
];

const VALUE_KEYS = ["lit", "exp", "var", "noValue"];
const CALL_DATA_OUTPUTS = ["success", "failure", "timeout"];
const DECISION_OUTPUTS = ["yes", "no"];

export type Node = Record<string, unknown>;
export const isMap = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
/** The one key of a one-entry map (Archy's `- actionType: {...}` items), else undefined. */
export const soleKey = (v: unknown): string | undefined => (isMap(v) && Object.keys(v).length === 1 ? Object.keys(v)[0] : undefined);

/** The JSON schema of a workflow's inputs, keyed by variable name without the `Flow.` prefix. */
export function inputSchema(variables: FlowVariable[]): JsonSchema {
  const properties: Record<string, unknown> = {};
  for (const v of variables.filter((x) => x.isInput)) {
    const collection = v.type.endsWith("CollectionVariable");
    const item = VARIABLE_TYPES[v.type.replace("CollectionVariable", "Variable")] ?? {};
    properties[v.name.replace(/^Flow\./, "")] = collection ? { type: "array", items: item } : item;
  }
  return { $schema: "http://json-schema.org/draft-04/schema#", type: "object", properties, additionalProperties: true };
}

export function validateWorkflow(text: string, lookup: ActionLookup, divisions: string[]): ArchyResult {
  // The pre-processor runs before parsing, so leftover tokens fail first.
  const tokens = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]);
  if (tokens.length) return { ok: false, problems: [...new Set(tokens)].map((t) => ({ text: JOB_MESSAGES.substitution(t) })) };

  const doc = parseDocument(text, { version: "1.2", uniqueKeys: true });
  if (doc.errors.length) return { ok: false, problems: doc.errors.map((e) => ({ text: `Error parsing YAML: ${e.message}` })) };
  const root: unknown = doc.toJS();
  const flowType = soleKey(root);
  if (flowType !== "workflow") {
    const found = isMap(root) ? Object.keys(root).join(", ") || "nothing" : typeof root;
    return { ok: false, problems: [{ text: `The YAML must have a single root key 'workflow' (found ${found})` }] };
  }
  const wf = (root as Node).workflow;
  if (!isMap(wf)) return fail("'workflow' must be a mapping");
  const problems: JobProblem[] = [];
  const problem = (t: string) => problems.push({ text: t });

  const name = wf.name;
  if (typeof name !== "string" || !name.trim()) problem("'workflow.name' is required");
  // No division: the org's home division (the first of `divisions`).
  const division = wf.division === undefined ? divisions[0] : wf.division;
  if (typeof division !== "string" || !divisions.includes(division)) problem(`Unable to find division '${String(division)}'`);
  if (typeof wf.defaultLanguage !== "string") problem("'workflow.defaultLanguage' is required");
  // Real workflows (e.g. Genesys's own provider tests) omit supportedLanguages; when present it must agree.
  else if (wf.supportedLanguages !== undefined && (!isMap(wf.supportedLanguages) || !(wf.defaultLanguage in wf.supportedLanguages))) {
    problem(`The default language '${wf.defaultLanguage}' must be listed under 'supportedLanguages'`);
  }

  const variables = readVariables(wf.variables, problem);
  const declared = new Set(variables.map((v) => v.name));

  const refIds = new Set<string>();
  const containers = [
    ...readContainers(wf.states, "state", "states", problem, refIds),
    ...readContainers(wf.tasks, "task", "tasks", problem, refIds),
  ];
  if (!Array.isArray(wf.states) || wf.states.length === 0) problem("'workflow.states' must list at least one state");
  const start = typeof wf.startUpRef === "string" ? /^\.?\/workflow\/states\/state\[(.+)\]$/.exec(wf.startUpRef) : null;
  if (!start || !refIds.has(start[1])) problem(JOB_MESSAGES.startUpRef);

  for (const c of containers) walkActions(c.actions, c.where, lookup, problems);
  checkReferences(wf, declared, problem);

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    workflow: { name: name as string, description: typeof wf.description === "string" ? wf.description : "", division: division as string, variables },
  };
}

const fail = (text: string): ArchyResult => ({ ok: false, problems: [{ text }] });

function readVariables(list: unknown, problem: (t: string) => void): FlowVariable[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problem("'workflow.variables' must be a list");
    return [];
  }
  const out: FlowVariable[] = [];
  for (const item of list) {
    const type = soleKey(item);
    const base = type?.replace("CollectionVariable", "Variable");
    if (!type || !base || !VARIABLE_TYPES[base]) {
      problem(`Unknown variable declaration ${JSON.stringify(item && Object.keys(item as object))}`);
      continue;
    }
    const body = (item as Node)[type];
    const vname = isMap(body) ? body.name : undefined;
    if (typeof vname !== "string" || !/^Flow\.[A-Za-z_][A-Za-z0-9_]*$/.test(vname)) {
      problem(`Variable name ${JSON.stringify(vname)} must look like Flow.name`);
      continue;
    }
    if (out.some((v) => v.name === vname)) problem(`Variable '${vname}' is declared twice`);
    const b = body as Node;
    for (const flag of ["isInput", "isOutput"]) {
      if (b[flag] !== undefined && typeof b[flag] !== "boolean") problem(`'${flag}' of variable '${vname}' must be true or false`);
    }
    out.push({ name: vname, type, isInput: b.isInput === true, isOutput: b.isOutput === true });
  }
  return out;
}

function readContainers(list: unknown, kind: "state" | "task", section: string, problem: (t: string) => void, refIds: Set<string>) {
  const out: { actions: unknown; where: string }[] = [];
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) {
    problem(`'workflow.${section}' must be a list`);
    return out;
  }
  for (const item of list) {
    const body = isMap(item) ? item[kind] : undefined;
    if (soleKey(item) !== kind || !isMap(body)) {
      problem(`Each entry of '${section}' must be a single '${kind}' mapping`);
      continue;
    }
    const label = `${kind} '${String(body.name)}'`;
    if (typeof body.name !== "string") problem(`A ${kind} needs a 'name'`);
    if (typeof body.refId !== "string") problem(`The ${label} needs a 'refId'`);
    else if (refIds.has(body.refId)) problem(`The refId '${body.refId}' is used twice`);
    else if (kind === "state") refIds.add(body.refId);
    out.push({ actions: body.actions, where: label });
  }
  return out;
}

function walkActions(list: unknown, where: string, lookup: ActionLookup, problems: JobProblem[]): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    problems.push({ text: `'actions' in ${where} must be a list` });
    return;
  }
  for (const item of list) {
    const type = soleKey(item);
    if (!type || !WORKFLOW_ACTIONS.includes(type)) {
      problems.push({ text: `Unknown action ${JSON.stringify(type ?? item)} in ${where}` });
      continue;
    }
    const body = (item as Node)[type];
    if (!isMap(body)) {
      problems.push({ text: `The ${type} action in ${where} must be a mapping` });
      continue;
    }
    const label = `${type} '${String(body.name)}' in ${where}`;
    if (type === "callData") checkCallData(body, label, lookup, problems);
    if (type === "decision") checkOutputs(body, DECISION_OUTPUTS, label, problems);
    for (const nested of nestedActionLists(body)) walkActions(nested, label, lookup, problems);
  }
}

/** Every `actions:` list below an action (its outputs, loop bodies, switch cases). */
function nestedActionLists(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(nestedActionLists);
  if (!isMap(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "actions" ? [v] : nestedActionLists(v)));
}

function checkOutputs(body: Node, allowed: string[], label: string, problems: JobProblem[]): void {
  if (body.outputs === undefined) return;
  if (!isMap(body.outputs)) return void problems.push({ text: `'outputs' of ${label} must be a mapping` });
  for (const key of Object.keys(body.outputs)) {
    if (!allowed.includes(key)) problems.push({ text: `Unknown output '${key}' of ${label}; allowed: ${allowed.join(", ")} (quote yes/no keys)` });
  }
}

function checkValue(v: unknown, where: string, problems: JobProblem[], allowed = VALUE_KEYS): void {
  const key = soleKey(v);
  if (!key || !allowed.includes(key)) {
    problems.push({ text: `${where} must be one of ${allowed.map((k) => `${k}:`).join(" ")}, got ${JSON.stringify(v)}` });
  } else if (key === "noValue" && (v as Node).noValue !== true) {
    problems.push({ text: `${where}: noValue must be true` });
  }
}

function checkCallData(body: Node, label: string, lookup: ActionLookup, problems: JobProblem[]): void {
  checkOutputs(body, CALL_DATA_OUTPUTS, label, problems);
  const category = soleKey(body.category);
  const catBody = category ? (body.category as Node)[category] : undefined;
  const actionName = isMap(catBody) ? soleKey(catBody.dataAction) : undefined;
  if (!category || !actionName) {
    problems.push({ text: `${label} must name one data action as category: <integration name>: dataAction: <action name>:` });
    return;
  }
  const found = lookup(category, actionName);
  if (!found) {
    const text = JOB_MESSAGES.missingAction(category, actionName);
    problems.push({ text, details: [{ errorCode: "DATA_ACTION_NOT_FOUND", errorMessage: text }] });
    return;
  }
  const spec = ((catBody as Node).dataAction as Node)[actionName];
  const call = isMap(spec) ? spec : {};
  const where = `data action '${actionName}'`;
  const inputs = isMap(call.inputs) ? call.inputs : {};
  const props = Object.keys(found.inputSchema.properties ?? {});
  const required = found.inputSchema.required ?? [];
  for (const [key, value] of Object.entries(inputs)) {
    if (!props.includes(key)) problems.push({ text: `Unknown input '${key}' for ${where}; its input contract has: ${props.join(", ") || "nothing"}` });
    else checkValue(value, `Input '${key}' of ${where}`, problems);
  }
  for (const key of props) {
    if (!(key in inputs)) problems.push({ text: `Missing input '${key}' for ${where}` });
    else if (required.includes(key) && soleKey(inputs[key]) === "noValue") problems.push({ text: `Required input '${key}' for ${where} has no value` });
  }
  const outs = Object.keys(found.successSchema.properties ?? {});
  for (const [key, value] of Object.entries(isMap(call.successOutputs) ? call.successOutputs : {})) {
    if (!outs.includes(key)) problems.push({ text: `Unknown success output '${key}' for ${where}` });
    else checkValue(value, `Success output '${key}' of ${where}`, problems, ["var", "noValue"]);
  }
  for (const [key, value] of Object.entries(isMap(call.failureOutputs) ? call.failureOutputs : {})) {
    if (!FAILURE_OUTPUTS.includes(key)) problems.push({ text: `Unknown failure output '${key}' for ${where}` });
    else checkValue(value, `Failure output '${key}' of ${where}`, problems, ["var", "noValue"]);
  }
}

/** Every `exp:` must only use declared Flow variables; every `var:`/`variable:` naming Flow.x too. */
function checkReferences(node: unknown, declared: Set<string>, problem: (t: string) => void, key = ""): void {
  if (Array.isArray(node)) return node.forEach((n) => checkReferences(n, declared, problem));
  if (isMap(node)) {
    for (const [k, v] of Object.entries(node)) if (k !== "variables") checkReferences(v, declared, problem, k);
    return;
  }
  if (typeof node !== "string") return;
  if (key === "exp") {
    const outsideStrings = node.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const m of outsideStrings.matchAll(/\bFlow\.[A-Za-z_][A-Za-z0-9_]*/g)) {
      if (!declared.has(m[0])) problem(`Unable to resolve variable '${m[0]}' in expression '${node}'`);
    }
  } else if ((key === "var" || key === "variable") && node.startsWith("Flow.") && !declared.has(node)) {
    problem(`Unable to resolve variable '${node}'`);
  }
}
