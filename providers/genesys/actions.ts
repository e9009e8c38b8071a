// Every Platform API call on data actions: /api/v2/integrations/actions.
import * as integrations from "./integrations";
import { numberedPages, PAGE_SIZE } from "./paging";
import { TOLERATE } from "./retry-policy";
import { type CallOptions, type GenesysApi, type Listed, deleteOrGone, readOrGone } from "./transport";

/** The HTTP methods a Web Services data action can call with. */
export type RequestType = "POST" | "PUT" | "GET" | "PATCH" | "DELETE";

/** A data action as Genesys answers it (with `expand=contract`, `includeConfig=true`). */
export interface LiveAction {
  id: string;
  name?: string;
  category?: string;
  integrationId?: string;
  secure?: boolean;
  version?: number;
  contract?: { input?: { inputSchema?: Record<string, unknown> }; output?: { successSchema?: Record<string, unknown> } };
  config?: {
    request?: { requestUrlTemplate?: string; requestType?: RequestType; headers?: Record<string, string> };
    timeoutSeconds?: number;
  };
}

const FULL = { expand: "contract", includeConfig: true } as const;

/** The actions Genesys lists for `name` (it matches loosely: callers compare exactly). */
export function listNamed(api: GenesysApi, name: string): Promise<LiveAction[]> {
  return numberedPages<LiveAction>(api, "List data actions", (a, pageNumber) => a.integrations.getIntegrationsActions({ name, pageSize: PAGE_SIZE, pageNumber }));
}

/**
 * Every action under this integration. The listing has no integration filter (its query knows
 * category, name, ids), and a category is only a label, so all actions are listed and matched by
 * `integrationId`. Authentication actions (a User Defined OAuth credential's) are part of the
 * integration's own configuration, not someone's action, and are left out.
 */
export async function listUnder(api: GenesysApi, integrationId: string): Promise<LiveAction[]> {
  const all = await numberedPages<LiveAction>(api, "List data actions", (a, pageNumber) =>
    a.integrations.getIntegrationsActions({ includeAuthActions: "false", pageSize: PAGE_SIZE, pageNumber }),
  );
  return all.filter((action) => action.integrationId === integrationId);
}

/** With contract and config. Listed or just created, so a 404 means not visible yet. */
export function read(api: GenesysApi, id: string): Promise<LiveAction> {
  return api.call("Read data action", (a) => a.integrations.getIntegrationsAction(id, FULL), { tolerate: TOLERATE.justCreated });
}

export function readOrGoneFull(api: GenesysApi, id: string): Promise<LiveAction | undefined> {
  return readOrGone(api, "Read data action", (a) => a.integrations.getIntegrationsAction(id, FULL), listed(api, id));
}

/** Its version only (for a PATCH); 404 tolerated as not visible yet. */
export function readVersion(api: GenesysApi, id: string): Promise<LiveAction> {
  return api.call("Read data action", (a) => a.integrations.getIntegrationsAction(id), { tolerate: TOLERATE.justCreated });
}

/** A Velocity template of the action as text ("" when the action is gone). */
export async function readTemplate(api: GenesysApi, id: string, file: "requesttemplate.vm" | "successtemplate.vm"): Promise<string> {
  const which = file === "requesttemplate.vm" ? "request" : "success";
  const value = await readOrGone(api, `Read data action ${which} template`, (a) => a.integrations.getIntegrationsActionTemplate(id, file), listed(api, id));
  // The SDK's HTTP client parses template text that happens to be JSON.
  return typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
}

/** Creates and publishes in one call; `integrationId` is its integration, perhaps made just before (not visible yet). */
export function create(api: GenesysApi, body: Record<string, unknown>, integrationId: string, options: Pick<CallOptions, "recover">): Promise<LiveAction> {
  return api.call("Create data action", (a) => a.integrations.postIntegrationsActions(body), {
    ...options,
    referencing: integrationId,
    referenceSeen: async () => (await integrations.readStateOrGone(api, integrationId)) !== undefined,
  });
}

/** `body.version` must be the current one. */
export function patch(api: GenesysApi, id: string, body: Record<string, unknown>): Promise<LiveAction> {
  return api.call("Update data action", (a) => a.integrations.patchIntegrationsAction(id, body));
}

/** Runs the action with this input, as Architect would (nothing is saved). */
export function test<T>(api: GenesysApi, id: string, input: Record<string, unknown>): Promise<T> {
  return api.call(`Test data action ${id}`, (a) => a.integrations.postIntegrationsActionTest(id, input));
}

export function remove(api: GenesysApi, id: string, why = ""): Promise<void> {
  return deleteOrGone(api, `Delete data action ${id}${why}`, (a) => a.integrations.deleteIntegrationsAction(id), listed(api, id));
}

/** Whether the action shows in the listing of every action (a 404's confirmation, transport.ts Listed). */
function listed(api: GenesysApi, id: string): Listed {
  return async () =>
    (await numberedPages<LiveAction>(api, "List data actions", (a, pageNumber) => a.integrations.getIntegrationsActions({ pageSize: PAGE_SIZE, pageNumber }), (action) => action.id === id)).some(
      (action) => action.id === id,
    );
}
