import { ApiError, badRequest } from "./errors";

// Small checks for request bodies; each failure names the field (400 bad.request).

export type Json = Record<string, unknown>;

export function objectBody(body: unknown, what: string): Json {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(`The ${what} body must be a JSON object`);
  }
  return body as Json;
}

export function requiredString(obj: Json, key: string, label = key): string {
  const v = obj[key];
  if (typeof v !== "string" || v.trim() === "") throw badRequest(`'${label}' is required and must be a non-empty string`, label);
  return v;
}

export function optionalString(obj: Json, key: string, label = key): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw badRequest(`'${label}' must be a string`, label);
  return v;
}

export function requiredVersion(obj: Json): number {
  const v = obj.version;
  if (!Number.isInteger(v)) throw badRequest("'version' is required and must be an integer (the current version)", "version");
  return v as number;
}

export function optionalObject(obj: Json, key: string, label = key): Json | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw badRequest(`'${label}' must be a JSON object`, label);
  return v as Json;
}

export function requiredObject(obj: Json, key: string, label = key): Json {
  const v = optionalObject(obj, key, label);
  if (!v) throw badRequest(`'${label}' is required`, label);
  return v;
}

export function optionalBoolean(obj: Json, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw badRequest(`'${key}' must be a boolean`, key);
  return v;
}

/** Query integers such as pageSize; absent → fallback. */
export function queryInt(query: URLSearchParams, key: string, fallback: number, min: number, max: number): number {
  const raw = query.get(key);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  // Genesys's invalid.value shape (an open-source Go client's error catalogue, errors.go: InvalidValueError).
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError(400, "invalid.value", `Value [${raw}] is not valid for field type [${key}]. Allowable values are: ${min}-${max}`, [{ fieldName: key }]);
  }
  return n;
}
