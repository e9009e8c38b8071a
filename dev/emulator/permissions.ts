// Genesys's per-route permissions, the emulator's own copy (never the product's table), from
// Genesys's own CLI: MyPureCloud/platform-client-sdk-cli 166.0.0, build/gc/cmd/<resource>/<resource>.go,
// `utils.FormatPermissions` of each operation. test/unit/permission-sources.test.ts holds this
// copy and the product's table against that source's text.
import { ApiError } from "./errors";
import { JOB_MESSAGES, PERMISSION_ERRORS } from "./unverified";

const INTEGRATION_VIEW = ["integrations:integration:view"];
const INTEGRATION_EDIT = ["integrations:integration:edit"];
const ACTION_VIEW = ["integrations:action:view", "bridge:actions:view"];
const FLOW_VIEW = ["architect:flow:view"];
const TRIGGER_VIEW = ["processautomation:trigger:edit", "processautomation:trigger:view"];
const TRIGGER_TEST = ["processautomation:trigger:test"];

/**
 * Route key → the permissions the CLI lists for it (empty: none needed). Where it lists two,
 * one is the legacy Bridge or the edit permission and either is accepted.
 */
export const ROUTE_PERMISSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["GET /api/v2/organizations/me", []],
  ["GET /api/v2/authorization/divisions/home", []],
  ["GET /api/v2/authorization/divisionspermitted/paged/me", []],
  ["POST /api/v2/integrations", ["integrations:integration:add"]],
  ["GET /api/v2/integrations", INTEGRATION_VIEW],
  ["GET /api/v2/integrations/{integrationId}", INTEGRATION_VIEW],
  ["PATCH /api/v2/integrations/{integrationId}", INTEGRATION_EDIT],
  ["DELETE /api/v2/integrations/{integrationId}", ["integrations:integration:delete"]],
  ["GET /api/v2/integrations/{integrationId}/config/current", INTEGRATION_VIEW],
  ["PUT /api/v2/integrations/{integrationId}/config/current", INTEGRATION_EDIT],
  ["POST /api/v2/integrations/actions", ["integrations:action:add"]],
  ["GET /api/v2/integrations/actions", ACTION_VIEW],
  ["GET /api/v2/integrations/actions/{actionId}", ACTION_VIEW],
  ["GET /api/v2/integrations/actions/{actionId}/templates/{fileName}", ACTION_VIEW],
  ["PATCH /api/v2/integrations/actions/{actionId}", ["integrations:action:edit"]],
  ["DELETE /api/v2/integrations/actions/{actionId}", ["integrations:action:delete"]],
  ["POST /api/v2/integrations/actions/{actionId}/test", ["integrations:action:execute", "bridge:actions:execute"]],
  ["POST /api/v2/analytics/actions/aggregates/query", ACTION_VIEW],
  ["POST /api/v2/flows/jobs", ["architect:job:create"]],
  ["GET /api/v2/flows/jobs/{jobId}", ["architect:job:view"]],
  ["GET /api/v2/flows", FLOW_VIEW],
  ["GET /api/v2/flows/{flowId}", FLOW_VIEW],
  ["GET /api/v2/flows/{flowId}/versions/{versionId}", FLOW_VIEW],
  ["GET /api/v2/flows/{flowId}/versions/{versionId}/configuration", FLOW_VIEW],
  ["DELETE /api/v2/flows/{flowId}", ["architect:flow:delete"]],
  ["POST /api/v2/flows/actions/unlock", ["architect:flow:unlock"]],
  ["GET /api/v2/architect/dependencytracking/deletedresourceconsumers", ["architect:dependencyTracking:view"]],
  ["POST /api/v2/processautomation/triggers", ["processautomation:trigger:add"]],
  ["GET /api/v2/processautomation/triggers", TRIGGER_VIEW],
  ["GET /api/v2/processautomation/triggers/topics", TRIGGER_VIEW],
  ["GET /api/v2/processautomation/triggers/{triggerId}", TRIGGER_VIEW],
  ["PUT /api/v2/processautomation/triggers/{triggerId}", ["processautomation:trigger:edit"]],
  ["DELETE /api/v2/processautomation/triggers/{triggerId}", ["processautomation:trigger:delete"]],
  ["POST /api/v2/processautomation/triggers/{triggerId}/test", TRIGGER_TEST],
  ["POST /api/v2/processautomation/triggers/topics/{topicName}/test", TRIGGER_TEST],
]);

/**
 * The Architect operations a flow job performs for the client that registered it (it creates,
 * checks in and publishes the flow: Genesys's Terraform provider, genesyscloud_flow), with the
 * permissions the same CLI lists for each; the emulator does not serve these routes itself.
 */
export const FLOW_JOB_OPERATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["GET /api/v2/flows", FLOW_VIEW],
  ["POST /api/v2/flows", ["architect:flow:add"]],
  ["POST /api/v2/flows/actions/checkin", ["architect:flow:edit", "architect:flow:unlock"]],
  ["POST /api/v2/flows/actions/publish", ["architect:flow:unlock", "architect:flow:publish"]],
]);

/** Pure: whether `granted` (which may hold `*` segments, as Genesys roles do) covers `permission`. */
export function grants(granted: readonly string[], permission: string): boolean {
  const wanted = permission.split(":");
  return granted.some((entry) => {
    const parts = entry.split(":");
    return parts.length === wanted.length && parts.every((part, i) => part === "*" || part === wanted[i]);
  });
}

/**
 * Pure: the 403 Genesys answers when a client with `granted` permissions (undefined: every
 * permission) calls `routeKey`, or undefined when it may. Codes and wording as in the error
 * catalogue of an open-source Go client of the Platform API (package purecloud, errors.go:
 * MissingPermissionsError, MissingAnyPermissionsError); the list format is unverified.
 */
export function permissionRefusal(routeKey: string, granted: readonly string[] | undefined): ApiError | undefined {
  const anyOf = ROUTE_PERMISSIONS.get(routeKey);
  if (granted === undefined || anyOf === undefined || anyOf.length === 0) return undefined;
  if (anyOf.some((permission) => grants(granted, permission))) return undefined;
  const refusal = anyOf.length === 1 ? PERMISSION_ERRORS.missing : PERMISSION_ERRORS.missingAny;
  return new ApiError(403, refusal.code, refusal.message(anyOf));
}

/**
 * Pure: the message a flow job fails with when its client (undefined: every permission) lacks
 * what its operations need, or undefined. The job needs every permission listed for each
 * operation (the CLI does not say whether two are alternatives: the stricter reading), and
 * `architect:flow:add` only when it creates the flow; when Genesys checks and its words are
 * guesses (JOB_MESSAGES.missingPermissions).
 */
export function flowJobRefusal(granted: readonly string[] | undefined, creates: boolean): string | undefined {
  if (granted === undefined) return undefined;
  const needed = [...FLOW_JOB_OPERATIONS].filter(([route]) => creates || route !== "POST /api/v2/flows").flatMap(([, permissions]) => permissions);
  const missing = [...new Set(needed)].filter((permission) => !grants(granted, permission));
  return missing.length === 0 ? undefined : JOB_MESSAGES.missingPermissions(missing);
}
