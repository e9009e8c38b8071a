// Reads what the org holds, through the project's API layer (retries, re-login). Everything
// found under an expected name is kept, so duplicates and near-misses can be reported.
import type { EventKey } from "../../domain/events";
import { GenesysApi, SdkApis } from "../../providers/genesys/transport";
import type { LiveFlow as GenesysFlow } from "../../providers/workflow";
import type { ExpectedSetup } from "./expected";

export interface LiveIntegration {
  id: string;
  name: string;
  integrationType?: { id?: string };
  intendedState?: string;
  notes?: string;
}

export interface LiveAction {
  id: string;
  name: string;
  category?: string;
  integrationId?: string;
  contract?: { input?: { inputSchema?: Record<string, unknown> } };
  config?: { request?: { requestUrlTemplate?: string; requestType?: string } };
}

export interface LiveFlow extends GenesysFlow {
  name: string;
  /** The published version's `inputSchema` (GET /api/v2/flows/{id}/versions/{versionId}). */
  inputSchema?: { properties?: Record<string, { type?: string }> };
  /**
   * Deleted data actions the published workflow still calls (Architect dependency tracking), or
   * why that could not be read.
   */
  deletedActions?: { id: string; name?: string }[] | { error: string };
}

interface DependencyObject {
  id?: string;
  consumedResources?: { id?: string; name?: string; type?: string; deleted?: boolean }[];
}

export interface TriggerTest {
  schemaValidation?: { matches?: boolean; details?: unknown[] };
  targetValidation?: { matches?: boolean; details?: unknown[] };
  jsonPathValidation?: { matches?: boolean; details?: unknown[] };
  triggerMatches?: boolean;
}

export interface LiveTrigger {
  id: string;
  name: string;
  topicName?: string;
  enabled?: boolean;
  target?: { type?: string; id?: string; workflowTargetSettings?: { dataFormat?: string } };
  matchCriteria?: { jsonPath?: string; operator?: string; value?: unknown; values?: unknown[] }[];
  description?: string;
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

interface Page<T> {
  entities?: T[];
  pageCount?: number;
  nextUri?: string;
}

async function numberedPages<T>(api: GenesysApi, label: string, list: (a: SdkApis, page: number) => Promise<unknown>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const listing = await api.call<Page<T>>(`${label} (page ${page})`, (a) => list(a, page));
    all.push(...(listing.entities ?? []));
    if (page >= (listing.pageCount ?? 1)) return all;
  }
}

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
  const integrations = (
    await numberedPages<LiveIntegration>(api, "List integrations", (a, page) => a.integrations.getIntegrations({ pageSize: 100, pageNumber: page }))
  ).filter((integration) => integration.name === setup.integrationName);

  progress("reading data actions");
  const listed = await numberedPages<LiveAction>(api, "List data actions", (a, page) =>
    a.integrations.getIntegrationsActions({ name: setup.dataActionName, pageSize: 100, pageNumber: page }),
  );
  const actions: LiveAction[] = [];
  for (const action of listed.filter((candidate) => candidate.name === setup.dataActionName)) {
    actions.push(
      await api.call<LiveAction>(`Read data action ${action.id}`, (a) =>
        a.integrations.getIntegrationsAction(action.id, { expand: "contract", includeConfig: true }),
      ),
    );
  }

  progress("reading workflows");
  const deleted = await deletedActionConsumers(api);
  const workflows: LiveOrg["workflows"] = {};
  for (const event of setup.events) {
    const found = await numberedPages<LiveFlow>(api, "List workflows", (a, page) =>
      a.architect.getFlows({ type: ["workflow"], name: event.workflowName, pageSize: 100, pageNumber: page }),
    );
    const ofType = found.filter((flow) => flow.type?.toUpperCase() === "WORKFLOW");
    const exact = ofType.filter((flow) => flow.name === event.workflowName);
    for (const flow of exact) {
      const versionId = flow.publishedVersion?.id;
      if (versionId) {
        const version = await api.call<{ inputSchema?: LiveFlow["inputSchema"] }>(`Read workflow ${flow.id} version ${versionId}`, (a) =>
          a.architect.getFlowVersion(flow.id, versionId),
        );
        flow.inputSchema = version.inputSchema;
      }
      flow.deletedActions = "error" in deleted ? deleted : (deleted.get(flow.id) ?? []);
    }
    workflows[event.key] = { exact, similar: ofType.filter((flow) => flow.name !== event.workflowName).map((flow) => flow.name) };
  }

  progress("reading triggers");
  const allTriggers = await cursorPages(api);
  const triggers: Record<EventKey | string, LiveTrigger[]> = {};
  for (const event of setup.events) {
    triggers[event.key] = allTriggers.filter((trigger) => trigger.name === event.triggerName);
    for (const trigger of triggers[event.key]) {
      progress(`testing trigger "${trigger.name}" with a synthetic event`);
      trigger.test = await api
        .call<TriggerTest>(`Test trigger ${trigger.id}`, (a) => a.processAutomation.postProcessautomationTriggerTest(trigger.id, { body: syntheticEvent(setup) }))
        .catch((err: Error) => ({ error: err.message }));
    }
  }
  return { integrations, actions, workflows, triggers };
}

/**
 * Published workflows that still call a deleted data action, by workflow id. A replaced action
 * (new id) leaves a workflow published before the replacement calling the old id.
 */
async function deletedActionConsumers(api: GenesysApi): Promise<Map<string, { id: string; name?: string }[]> | { error: string }> {
  try {
    const objects = await numberedPages<DependencyObject>(api, "List workflows that consume deleted resources", (a, page) =>
      a.architect.getArchitectDependencytrackingDeletedresourceconsumers({
        objectType: ["WORKFLOWFLOW"],
        flowFilter: "published",
        consumedResources: true,
        consumedResourceType: ["DATAACTION"],
        pageSize: 100,
        pageNumber: page,
      }),
    );
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

async function cursorPages(api: GenesysApi): Promise<LiveTrigger[]> {
  const all: LiveTrigger[] = [];
  let after: string | undefined;
  for (;;) {
    const listing = await api.call<Page<LiveTrigger>>("List triggers", (a) =>
      a.processAutomation.getProcessautomationTriggers({ pageSize: "200", ...(after ? { after } : {}) }),
    );
    all.push(...(listing.entities ?? []));
    const next = listing.nextUri ? new URL(listing.nextUri, "http://cursor").searchParams.get("after") : null;
    if (!next || next === after || (listing.entities ?? []).length === 0) return all;
    after = next;
  }
}
