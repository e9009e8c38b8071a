// Every Platform API call on integrations (any type): /api/v2/integrations, its config/current.
import { numberedPages, PAGE_SIZE } from "./paging";
import { TOLERATE } from "./retry-policy";
import { type CallOptions, type GenesysApi, type Listed, deleteOrGone, readOrGone } from "./transport";

/** An integration as `GET /api/v2/integrations` lists it. */
export interface ListedIntegration {
  id: string;
  name?: string;
  notes?: string;
  intendedState?: string;
  reportedState?: ReportedState;
  integrationType?: { id?: string };
  config?: { current?: { version?: number } };
}

/** Where Genesys's asynchronous activation stands (codes: IntegrationStatusInfo in its SDKs). */
export interface ReportedState {
  code?: string;
  detail?: { message?: string; messageWithParams?: string };
}

/** `GET /api/v2/integrations/{id}` as far as its state goes. */
export interface IntegrationState {
  intendedState?: string;
  reportedState?: ReportedState;
}

/** `GET …/integrations/{id}/config/current`; a PUT must send it back whole (it replaces). */
export interface IntegrationConfig {
  name?: string;
  notes?: string;
  version?: number;
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Every integration of the type, or of every type (all pages), asking for each one's
 * `config.current` (its version: the SDK's `expand`). Whether Genesys needs the expand for it is
 * not documented: callers read the config itself where the listing leaves it out.
 */
export function list(api: GenesysApi, typeId?: string): Promise<ListedIntegration[]> {
  return numberedPages<ListedIntegration>(api, "List integrations", (a, pageNumber) =>
    a.integrations.getIntegrations({ ...(typeId ? { integrationType: typeId } : {}), expand: ["config.current"], pageSize: PAGE_SIZE, pageNumber }),
  );
}

/** Genesys ignores a name in the body: the new integration has the type's default name, DISABLED. */
export function create(api: GenesysApi, typeId: string, name: string, options: Pick<CallOptions, "recover">): Promise<{ id: string; intendedState?: string }> {
  return api.call("Create integration", (a) => a.integrations.postIntegrations({ body: { name, integrationType: { id: typeId } } }), options);
}

/** `justCreated`: the id may still read 404 for a moment. */
export function readState(api: GenesysApi, id: string): Promise<IntegrationState> {
  return api.call("Read integration", (a) => a.integrations.getIntegration(id), { tolerate: TOLERATE.justCreated });
}

export function readStateOrGone(api: GenesysApi, id: string): Promise<IntegrationState | undefined> {
  return readOrGone(api, "Read integration", (a) => a.integrations.getIntegration(id), listed(api, id));
}

/** Whether the integration shows in the listing (a 404's confirmation, transport.ts Listed). */
function listed(api: GenesysApi, id: string): Listed {
  return async () => (await list(api)).some((entity) => entity.id === id);
}

export function setState(api: GenesysApi, id: string, intendedState: "ENABLED" | "DISABLED"): Promise<IntegrationState> {
  return api.call("Set integration state", (a) => a.integrations.patchIntegration(id, { body: { intendedState } }));
}

/** Of a listed integration, or one just created (404 tolerated as not visible yet). */
export function readConfig(api: GenesysApi, id: string): Promise<IntegrationConfig> {
  return api.call("Read integration config", (a) => a.integrations.getIntegrationConfigCurrent(id), { tolerate: TOLERATE.justCreated });
}

export function readConfigOrGone(api: GenesysApi, id: string): Promise<IntegrationConfig | undefined> {
  return readOrGone(api, "Read integration config", (a) => a.integrations.getIntegrationConfigCurrent(id), listed(api, id));
}

/** Replaces the whole config; `body.version` must be the current one (stale: 409 or 400). */
export function putConfig(api: GenesysApi, id: string, body: IntegrationConfig): Promise<unknown> {
  return api.call("Update integration config", (a) => a.integrations.putIntegrationConfigCurrent(id, { body }));
}

/**
 * Deletes the integration (and, on Genesys, its actions); gone already counts as done.
 * `justCreated`: made by this run, so a 404 is retried within the visibility window first.
 */
export function remove(api: GenesysApi, id: string, justCreated = false): Promise<void> {
  return deleteOrGone(api, `Delete integration ${id}`, (a) => a.integrations.deleteIntegration(id), listed(api, id), justCreated ? { tolerate: TOLERATE.justCreated } : {});
}
