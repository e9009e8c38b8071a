// Reads what the org holds, through the project's API layer (retries, re-login). Everything
// found under an expected name is kept, so duplicates and near-misses can be reported.
import type { EventKey } from "../../domain/events";
import * as actions from "../../providers/genesys/actions";
import * as flows from "../../providers/genesys/flows";
import * as integrations from "../../providers/genesys/integrations";
import type { GenesysApi } from "../../providers/genesys/transport";
import * as triggers from "../../providers/genesys/triggers";
import type { ExpectedSetup } from "./expected";

// Verify's views of what the client layer answers: everything it reports on is named.
export type LiveIntegration = integrations.ListedIntegration & { name: string };
export type LiveAction = actions.LiveAction & { name: string };

export interface LiveFlow extends flows.LiveFlow {
  name: string;
  /** The published version's `inputSchema` (GET /api/v2/flows/{id}/versions/{versionId}). */
  inputSchema?: flows.FlowVersion["inputSchema"];
  /**
   * Deleted data actions the published workflow still calls (Architect dependency tracking), or
   * why that could not be read.
   */
  deletedActions?: { id: string; name?: string }[] | { error: string };
}

export interface TriggerTest {
  schemaValidation?: { matches?: boolean; details?: unknown[] };
  targetValidation?: { matches?: boolean; details?: unknown[] };
  jsonPathValidation?: { matches?: boolean; details?: unknown[] };
  triggerMatches?: boolean;
}

export interface LiveTrigger extends triggers.LiveTrigger {
  name: string;
  /** The test endpoint's answer to a synthetic event, or why it could not be run. */
  test?: TriggerTest | { error: string };
}

export interface LiveOrg {
  /** Integrations with the expected name, of any type. */
  integrations: LiveIntegration[];
  /** Published data actions with the expected name, in any category. */
  actions: LiveAction[];
  /** Per event: workflows with exactly the expected name, and others whose name matches loosely. */
  workflows: Record<string, { exact: LiveFlow[]; similar: string[] }>;
  /** Per event: triggers with exactly the expected name, on any topic. */
  triggers: Record<string, LiveTrigger[]>;
}

type Progress = (line: string) => void;

/** A synthetic Open Messaging event that should fire the trigger: the fields its conditions test, plus an id and a recipient. */
export function syntheticEvent(setup: ExpectedSetup): Record<string, unknown> {
  return {
    ...Object.fromEntries(setup.criteria.map((criterion) => [criterion.jsonPath, criterion.value])),
    eventTime: Date.now(),
    conversationId: "00000000-0000-4000-8000-00000000c0de",
    addressTo: "cognigy-verify-synthetic-user",
  };
}

export async function readLiveOrg(api: GenesysApi, setup: ExpectedSetup, progress: Progress): Promise<LiveOrg> {
  progress("reading integrations");
  // Of any type: a same-named integration of another type is worth reporting too.
  const named = (await integrations.list(api)).filter((integration): integration is LiveIntegration => integration.name === setup.integrationName);

  progress("reading data actions");
  const found: LiveAction[] = [];
  for (const action of (await actions.listNamed(api, setup.dataActionName)).filter((candidate) => candidate.name === setup.dataActionName)) {
    found.push((await actions.read(api, action.id)) as LiveAction);
  }

  progress("reading workflows");
  const deleted = await deletedActionConsumers(api);
  const workflows: LiveOrg["workflows"] = {};
  for (const event of setup.events) {
    const listed = (await flows.listWorkflowsNamed(api, event.workflowName)) as LiveFlow[];
    const ofType = listed.filter((flow) => flow.type?.toUpperCase() === "WORKFLOW");
    const exact = ofType.filter((flow) => flow.name === event.workflowName);
    for (const flow of exact) {
      const versionId = flow.publishedVersion?.id;
      if (versionId) {
        flow.inputSchema = (await flows.readVersion(api, flow.id, versionId)).inputSchema;
      }
      flow.deletedActions = "error" in deleted ? deleted : (deleted.get(flow.id) ?? []);
    }
    workflows[event.key] = { exact, similar: ofType.filter((flow) => flow.name !== event.workflowName).map((flow) => flow.name) };
  }

  progress("reading triggers");
  const allTriggers = (await triggers.list(api)) as LiveTrigger[];
  const byEvent: Record<EventKey | string, LiveTrigger[]> = {};
  for (const event of setup.events) {
    byEvent[event.key] = allTriggers.filter((trigger) => trigger.name === event.triggerName);
    for (const trigger of byEvent[event.key]) {
      progress(`testing trigger "${trigger.name}" with a synthetic event`);
      trigger.test = await triggers.test<TriggerTest>(api, trigger.id, syntheticEvent(setup)).catch((err: Error) => ({ error: err.message }));
    }
  }
  return { integrations: named, actions: found, workflows, triggers: byEvent };
}

/**
 * Published workflows that still call a deleted data action, by workflow id. A replaced action
 * (new id) leaves a workflow published before the replacement calling the old id.
 */
async function deletedActionConsumers(api: GenesysApi): Promise<Map<string, { id: string; name?: string }[]> | { error: string }> {
  try {
    const objects = await flows.deletedActionConsumers(api);
    const byFlow = new Map<string, { id: string; name?: string }[]>();
    for (const object of objects) {
      const gone = (object.consumedResources ?? []).filter((r) => r.deleted && r.type === "DATAACTION");
      if (object.id && gone.length > 0) byFlow.set(object.id, gone.map((r) => ({ id: r.id ?? "?", name: r.name })));
    }
    return byFlow;
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
