// Every Platform API call on Process Automation triggers: /api/v2/processautomation/triggers.
import * as flows from "./flows";
import { CURSOR_PAGE_SIZE, cursorPages } from "./paging";
import { TOLERATE } from "./retry-policy";
import { type CallOptions, type GenesysApi, type Listed, deleteOrGone, readOrGone } from "./transport";

export interface MatchCriterion {
  jsonPath: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}

/** The match operators Genesys accepts (MatchCriteria.operator's allowed values in Genesys's SDKs). */
export const OPERATORS = [
  "GreaterThanOrEqual", "LessThanOrEqual", "Equal", "NotEqual", "LessThan", "GreaterThan",
  "NotIn", "In", "Contains", "All", "Exists", "Size",
] as const;

/**
 * How a trigger hands the event to its workflow: flattened top-level values, or the whole event as
 * JSON (as Genesys's Terraform provider validates `data_format`).
 */
export const DATA_FORMATS = ["TopLevelPrimitives", "Json"] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** Genesys's default when a trigger names no `dataFormat` (Genesys's Terraform provider's docs). */
export const DEFAULT_DATA_FORMAT: DataFormat = "TopLevelPrimitives";

export interface LiveTrigger {
  id: string;
  name?: string;
  topicName?: string;
  enabled?: boolean;
  target?: { id?: string; type?: string; workflowTargetSettings?: { dataFormat?: DataFormat } };
  matchCriteria?: MatchCriterion[];
  description?: string;
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  version?: number;
}

/** The triggers of a topic (every topic when none), up to the page holding an `until` match. */
export function list(api: GenesysApi, topicName?: string, until?: (trigger: LiveTrigger) => boolean): Promise<LiveTrigger[]> {
  return cursorPages<LiveTrigger>(
    api,
    "List triggers",
    (a, after) => a.processAutomation.getProcessautomationTriggers({ ...(topicName ? { topicName } : {}), pageSize: String(CURSOR_PAGE_SIZE), ...(after ? { after } : {}) }),
    until,
  );
}

/** Every trigger of the org (any topic) whose target is this workflow. */
export async function targeting(api: GenesysApi, flowId: string): Promise<LiveTrigger[]> {
  return (await list(api)).filter((trigger) => trigger.target?.id === flowId);
}

/** Listed or just written, so a 404 means not visible yet. */
export function read(api: GenesysApi, id: string): Promise<LiveTrigger> {
  return api.call("Read trigger", (a) => a.processAutomation.getProcessautomationTrigger(id), { tolerate: TOLERATE.justCreated });
}

export function readOrGoneTrigger(api: GenesysApi, id: string): Promise<LiveTrigger | undefined> {
  return readOrGone(api, "Read trigger", (a) => a.processAutomation.getProcessautomationTrigger(id), listed(api, id));
}

/** `workflowId` is its target, perhaps published just before (not a valid target yet): shown once it reads with a published version. */
export function create(api: GenesysApi, body: Record<string, unknown>, workflowId: string, options: Pick<CallOptions, "recover">): Promise<LiveTrigger> {
  return api.call("Create trigger", (a) => a.processAutomation.postProcessautomationTriggers(body), {
    ...options,
    referencing: workflowId,
    referenceSeen: async () => (await flows.readOrGoneFlow(api, workflowId))?.publishedVersion?.id !== undefined,
  });
}

/** Replaces the whole trigger; `body.version` must be the current one. Genesys may answer without a body. */
export function put(api: GenesysApi, id: string, body: Record<string, unknown>): Promise<LiveTrigger | undefined> {
  return api.call("Update trigger", (a) => a.processAutomation.putProcessautomationTrigger(id, body));
}

/** Evaluates the trigger against an event (nothing runs). */
export function test<T>(api: GenesysApi, id: string, event: Record<string, unknown>): Promise<T> {
  return api.call(`Test trigger ${id}`, (a) => a.processAutomation.postProcessautomationTriggerTest(id, { body: event }));
}

export function remove(api: GenesysApi, id: string): Promise<void> {
  return deleteOrGone(api, `Delete trigger ${id}`, (a) => a.processAutomation.deleteProcessautomationTrigger(id), listed(api, id));
}

/** Whether the trigger shows in the listing of every topic (a 404's confirmation, transport.ts Listed). */
function listed(api: GenesysApi, id: string): Listed {
  const isIt = (trigger: LiveTrigger) => trigger.id === id;
  return async () => (await list(api, undefined, isIt)).some(isIt);
}
