// Every guess about real Genesys behaviour that nobody has confirmed against a live org lives
// here, so a correction is a one-line change. Each is listed under "Unverified" in README.md.
// Where we had to guess, we picked the stricter reading.
import type { ActionRun } from "./action-run";

/**
 * Stale `version` on PUT/PATCH: Genesys answers 409, or 400 saying STALE_VERSION_WORDS (errors.ts;
 * both from Genesys's Terraform provider, util.IsVersionMismatch). Which of the two, and the 409's
 * code, are unverified: the emulator answers 409 with those words in its message.
 */
export const STALE_VERSION = { status: 409, code: "general.conflict" } as const;

/** Duplicate data action name in one category (that Genesys refuses one at all is unverified too). */
export const DUPLICATE_ACTION = { status: 409, code: "general.conflict" } as const;

/** Deleting a flow that is locked (by anyone, the caller included) or targeted by a trigger. */
export const FLOW_IN_USE = { status: 409, code: "general.conflict" } as const;

/**
 * A person's lock: `GET /api/v2/flows/{id}` names them in `lockedUser` (the SDK's Flow model, a
 * User) with these of the User's fields; which ones Genesys fills in there is unverified (the
 * product names the person by whatever it gets).
 */
export const LOCKED_USER_FIELDS = ["id", "name"] as const;

/**
 * An integration's `config.current` (its config version) is in `GET /api/v2/integrations` and
 * `GET …/{id}` only when the read asks for it with this `expand` value (both take the SDK's
 * `expand` list; the value and that it is needed are unverified: the stricter reading).
 */
export const INTEGRATION_CONFIG_EXPAND = "config.current";

/**
 * Default names Genesys gives new integrations; the name in the create body is ignored. The
 * EventBridge name is Genesys's EventBridge module's (README, EventBridge integration config); the
 * other, and that the body's name is ignored, are unverified. The product never relies on either:
 * it finds the integration a lost create made by its state, not its name.
 */
export const DEFAULT_INTEGRATION_NAMES: Record<string, string> = {
  "custom-rest-actions": "Web Services Data Actions",
  "amazon-eventbridge-source": "Amazon EventBridge Source",
};

/** OAuth failures: status and RFC 6749 error codes (Genesys's exact bodies unverified). */
export const OAUTH_ERRORS = {
  badClient: { status: 401, error: "invalid_client", description: "client not found or bad secret" },
  badGrant: { status: 400, error: "unsupported_grant_type", description: "only client_credentials is supported" },
  noAuth: { status: 401, error: "invalid_client", description: "missing Basic authorization header" },
} as const;

/** Wording of job failure messages where Genesys's exact words are unknown. */
export const JOB_MESSAGES = {
  substitution: (key: string) => `pre-processor substitution key '${key}' not found`,
  startUpRef: "Cannot read properties of undefined (reading 'refId')",
  missingAction: (category: string, name: string) =>
    `Unable to find a data action named '${name}' in category '${category}'`,
  locked: (name: string) => `Flow '${name}' is locked by another user or client`,
  /**
   * The job's client lacks permissions its Architect operations need (dev/emulator/permissions.ts,
   * FLOW_JOB_OPERATIONS): Genesys registers the job and takes the upload, then the job fails
   * (when it checks, and that it says so in the 403's words, are guesses).
   */
  missingPermissions: (list: readonly string[]) => PERMISSION_ERRORS.missing.message(list),
} as const;

/** `reportedState.effective`, the localized text beside each code (English wording unverified). */
export const REPORTED_STATE_EFFECTIVE = {
  ACTIVE: "Active",
  ACTIVATING: "Activating",
  INACTIVE: "Inactive",
  DEACTIVATING: "Deactivating",
  ERROR: "Error",
} as const;

/** `reportedState.detail` of an activation that ended in ERROR (code and wording unverified). */
export const ACTIVATION_ERRORS = {
  code: "integration.activation.failed",
  unconfigured: "The integration cannot be activated before its configuration is complete",
  partnerSource: (account: string, region: string) =>
    `Unable to create the partner event source in AWS account ${account} in region ${region}; check the account id and region`,
} as const;

/**
 * 403 bodies for a missing permission: codes and wording from an open-source Go client's error
 * catalogue (package purecloud, errors.go); the bracketed list format is a guess.
 */
export const PERMISSION_ERRORS = {
  missing: {
    code: "missing.permissions",
    message: (list: readonly string[]) => `Unable to perform the requested action. You are missing the following permission(s): [${list.join(", ")}]`,
  },
  missingAny: {
    code: "missing.any.permissions",
    message: (list: readonly string[]) =>
      `Unable to perform the requested action. You must have at least one of the following permissions assigned: [${list.join(", ")}]`,
  },
} as const;

/** A hung request is answered with this after `hangMs` (if the client is still waiting). */
export const HANG_ANSWER = { status: 504, code: "gateway.timeout" } as const;

/** The presigned upload rejects a missing/wrong signed header like S3 does. */
export const UPLOAD_FORBIDDEN_STATUS = 403;

/**
 * Largest `pageSize` of the numbered listings (integrations, actions, flows, dependency
 * tracking): their docs give none, Genesys's numbered listings elsewhere go up to 500 and
 * Genesys's Terraform provider pages by 100, so 500 is the reading that refuses nothing an org
 * takes. Triggers' 200 is documented ("Maximum of 200", Genesys's CLI).
 */
export const MAX_PAGE_SIZE = 500;
export const MAX_TRIGGER_PAGE_SIZE = 200;

/** An event's age for a trigger's `eventTTLSeconds` is counted from this field of the event. */
export const EVENT_TTL_CLOCK = "eventTime";

/** A flow version published before the emulator recorded which action ids it resolved. */
export const UNBOUND_VERSION = "This workflow version was published before the emulator recorded its data action bindings: republish it";

/** Dependency-tracking type names of a workflow and of a data action. */
export const DEPENDENCY_TYPES = { workflow: "WORKFLOWFLOW", dataAction: "DATAACTION" } as const;

/** A Call Data Action input whose value is NOT_SET is left out of the request (not sent as null or ""). */
export const OMIT_NOT_SET_INPUTS = true;

/** An event field whose JSON type differs from its input variable's type keeps the workflow from starting. */
export const STRICT_INPUT_TYPES = true;

/** The values a Call Data Action's failure outputs get from a failed run (the other keys stay NOT_SET). */
export const failureOutputValues = (error: { code: string; status: number; message: string } | undefined): Record<string, string | undefined> => ({
  errorCode: error?.code,
  status: error === undefined ? undefined : String(error.status),
  userMessage: error?.message,
});

/**
 * `GET /api/v2/flows/{id}/versions/{versionId}/configuration`: the SDK types the answer as a bare
 * object and Genesys documents no shape. Served as the version's YAML `workflow` mapping as JSON,
 * with the flow's `id` and `type` and a `manifest` of the data actions the version calls; two reads
 * of one version answer the same JSON.
 */
export const CONFIGURATION_SHAPE = { type: "WORKFLOW", manifestKey: "dataAction" } as const;

/**
 * Data action analytics (`POST /api/v2/analytics/actions/aggregates/query`, action-analytics.ts):
 * the dimensions and the metric are the SDK's; these are guesses. Only the runs of a workflow's
 * Call Data Action are counted, not `POST …/actions/{id}/test` (verify's probe), nor a call of a
 * data action that was deleted (no action ran). A run that failed carries an `errorType` with
 * these values (successes carry none), and `responseStatus` is the remote endpoint's HTTP status
 * as text whenever it answered. A query that matches nothing answers `{}` (no `results`). A run
 * counts at once (a real org's analytics may lag).
 */
export const ACTION_ERROR_TYPES = {
  /** Stopped before sending: bad input, a URL that does not resolve. */
  request: "REQUEST",
  /** No answer: connection refused or reset. */
  connection: "CONNECTION",
  timeout: "TIMEOUT",
  /** The endpoint answered outside 2xx. */
  remoteStatus: "REMOTE_STATUS",
  /** The endpoint answered 2xx; its answer did not fit (translation map, success template, output contract). */
  response: "RESPONSE",
} as const;

export function actionErrorType(run: ActionRun): string | undefined {
  if (run.result.success) return undefined;
  const http = run.http;
  if (!http) return ACTION_ERROR_TYPES.request;
  if (http.timedOut) return ACTION_ERROR_TYPES.timeout;
  if (!http.response) return ACTION_ERROR_TYPES.connection;
  return http.response.status >= 200 && http.response.status <= 299 ? ACTION_ERROR_TYPES.response : ACTION_ERROR_TYPES.remoteStatus;
}
