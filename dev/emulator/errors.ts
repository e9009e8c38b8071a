// The one place that builds Genesys error bodies. Every non-2xx answer of the API surface
// goes through ApiError so bodies stay uniform: {message, code, status, messageParams,
// contextId, details, errors}.

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
