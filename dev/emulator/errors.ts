// The one place that builds Genesys error bodies. Every non-2xx answer of the API surface
// goes through ApiError so bodies stay uniform: {message, code, status, messageParams,
// contextId, details, errors}.
import { STALE_VERSION } from "./unverified";

export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface GenesysErrorBody {
  message: string;
  code: string;
  status: number;
  messageParams: Record<string, string>;
  contextId: string;
  details: ErrorDetail[];
  errors: GenesysErrorBody[];
}

export function errorBody(error: ApiError, contextId: string): GenesysErrorBody {
  return {
    message: error.message,
    code: error.code,
    status: error.status,
    messageParams: {},
    contextId,
    details: error.details,
    errors: [],
  };
}

export const badRequest = (message: string, fieldName?: string): ApiError =>
  new ApiError(400, "bad.request", message, fieldName ? [{ fieldName }] : []);

export const notFound = (kind: string, id: string): ApiError =>
  new ApiError(404, "not.found", `Unable to find ${kind} with id '${id}'`, [{ entityId: id }]);

export const unauthorized = (message: string): ApiError => new ApiError(401, "bad.credentials", message);

/**
 * The words of a refused stale `version`: Genesys's Terraform provider knows a 400 for one by them
 * (genesyscloud/util/util_retries.go, IsVersionMismatch, kept in
 * test/fixtures/genesys-sources/version-mismatch.txt); the emulator says them in its 409 too.
 */
export const STALE_VERSION_WORDS = "does not match the current version";

/** A PUT/PATCH of `kind` `id` that gave `given` while the object is at `current`. */
export const staleVersion = (kind: string, id: string, given: unknown, current: number): ApiError =>
  new ApiError(STALE_VERSION.status, STALE_VERSION.code, `The version ${given} ${STALE_VERSION_WORDS} ${current} of ${kind} '${id}'`);
