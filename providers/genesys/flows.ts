// Every Platform API call on Architect flows: /api/v2/flows, its jobs (the Archy upload) and
// dependency tracking.
import { numberedPages, PAGE_SIZE } from "./paging";
import { TOLERATE } from "./retry-policy";
import { type GenesysApi, type Listed, deleteOrGone, readOrGone } from "./transport";

export interface LiveFlow {
  id: string;
  name?: string;
  type?: string;
  description?: string;
  division?: { name?: string };
  publishedVersion?: { id?: string };
  /** A person holding Architect's lock (the SDK's User; which fields Genesys fills in here is unverified). */
  lockedUser?: { id?: string; name?: string; email?: string };
  /** An OAuth client holding the lock (DomainEntityRef). */
  lockedClient?: { id?: string; name?: string };
}

/** A registered flow job: where to PUT the Archy YAML, with exactly these headers. */
export interface RegisteredJob {
  id: string;
  presignedUrl: string;
  headers?: Record<string, string>;
}

export interface JobMessage {
  text?: string;
  details?: unknown[];
}

export interface Job {
  id: string;
  status?: string;
  flow?: { id?: string };
  messages?: JobMessage[];
}

/** A published workflow version's variables, as dependency tracking and the version read show them. */
export interface FlowVersion {
  inputSchema?: { properties?: Record<string, { type?: string }> };
}

/** A flow in Architect's dependency tracking, with what it consumes. */
export interface DependencyObject {
  id?: string;
  name?: string;
  consumedResources?: { id?: string; name?: string; type?: string; deleted?: boolean }[];
}

/** The workflows Genesys lists for `name` (it matches loosely), up to the page holding an exact match when `exact`. */
export function listWorkflowsNamed(api: GenesysApi, name: string, exact = false): Promise<LiveFlow[]> {
  return numberedPages<LiveFlow>(
    api,
    "List workflows",
    (a, pageNumber) => a.architect.getFlows({ type: ["workflow"], name, pageSize: PAGE_SIZE, pageNumber }),
    exact ? (flow) => isWorkflowNamed(flow, name) : undefined,
  );
}

/** Pure: the flow is the workflow of exactly this name (the listing's type and name filters are loose). */
export function isWorkflowNamed(flow: LiveFlow, name: string): boolean {
  return flow.name === name && flow.type?.toUpperCase() === "WORKFLOW";
}

/** Just published, so a 404 means not visible yet. */
export function read(api: GenesysApi, id: string): Promise<LiveFlow> {
  return api.call("Read workflow", (a) => a.architect.getFlow(id), { tolerate: TOLERATE.justCreated });
}

export function readOrGoneFlow(api: GenesysApi, id: string): Promise<LiveFlow | undefined> {
  return readOrGone(api, "Read workflow", (a) => a.architect.getFlow(id), listed(api, id));
}

export function readVersion(api: GenesysApi, id: string, versionId: string): Promise<FlowVersion> {
  return api.call(`Read workflow ${id} version ${versionId}`, (a) => a.architect.getFlowVersion(id, versionId));
}

/**
 * The configurations Architect holds for two versions of the flow (`GET
 * /api/v2/flows/{flowId}/versions/{versionId}/configuration`; the SDK types each only as an
 * object: the shape is undocumented, so callers must not depend on it). `stackVersion` may be
 * gone (undefined, also when "" names none); `liveVersion` was just read as the published one,
 * so a 404 there means not visible yet.
 */
export async function publishedConfigurations(
  api: GenesysApi,
  id: string,
  stackVersion: string,
  liveVersion: string,
): Promise<{ stack?: unknown; live: unknown }> {
  const label = (v: string) => `Read workflow ${id} version ${v} configuration`;
  const [stack, live] = await Promise.all([
    // A version the stack published that no longer reads counts as drift (the safe direction: one
    // more republish), so its 404 needs no confirmation by a listing.
    stackVersion ? readOrGone<unknown>(api, label(stackVersion), (a) => a.architect.getFlowVersionConfiguration(id, stackVersion), async () => false) : undefined,
    api.call<unknown>(label(liveVersion), (a) => a.architect.getFlowVersionConfiguration(id, liveVersion), { tolerate: TOLERATE.justCreated }),
  ]);
  return { stack, live };
}

/** Changes nothing until its upload. */
export function registerJob(api: GenesysApi): Promise<RegisteredJob> {
  return api.call("Register flow job", (a) => a.architect.postFlowsJobs());
}

export function readJob(api: GenesysApi, jobId: string): Promise<Job> {
  return api.call("Read flow job", (a) => a.architect.getFlowsJob(jobId, { expand: ["messages"] }));
}

/** Architect's force unlock (needs architect:flow:unlock): only ever for a lock this client holds. */
export function unlock(api: GenesysApi, id: string): Promise<unknown> {
  return api.call(`Unlock workflow ${id}`, (a) => a.architect.postFlowsActionsUnlock(id));
}

/** `whileLockedOrReferenced`: retry a 409 (Architect's lock, or a trigger being deleted still targeting it). */
export function remove(api: GenesysApi, id: string, whileLockedOrReferenced = false): Promise<void> {
  return whileLockedOrReferenced
    ? deleteOrGone(api, `Delete workflow ${id} (retrying while it is locked or referenced)`, (a) => a.architect.deleteFlow(id), listed(api, id), {
        tolerate: TOLERATE.lockedOrReferenced,
      })
    : deleteOrGone(api, `Delete workflow ${id}`, (a) => a.architect.deleteFlow(id), listed(api, id));
}

/** Whether the listing filtered by the workflow's id shows it (a 404's confirmation, transport.ts Listed). */
function listed(api: GenesysApi, id: string): Listed {
  return async () =>
    (await numberedPages<LiveFlow>(api, "List workflows", (a, pageNumber) => a.architect.getFlows({ type: ["workflow"], id: [id], pageSize: PAGE_SIZE, pageNumber }))).some(
      (flow) => flow.id === id,
    );
}

/** Published workflows that still consume a deleted data action. */
export function deletedActionConsumers(api: GenesysApi): Promise<DependencyObject[]> {
  return numberedPages<DependencyObject>(api, "List workflows that consume deleted resources", (a, pageNumber) =>
    a.architect.getArchitectDependencytrackingDeletedresourceconsumers({
      objectType: ["WORKFLOWFLOW"],
      flowFilter: "published",
      consumedResources: true,
      consumedResourceType: ["DATAACTION"],
      pageSize: PAGE_SIZE,
      pageNumber,
    }),
  );
}
