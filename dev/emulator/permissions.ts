// Genesys's per-route permissions, from the one table the README and verify read too
// (templates/permissions.json, sourced from Genesys's own CLI). A data file, not product code:
// the emulator still imports nothing from providers/, components/ or stacks/.
import table from "../../templates/permissions.json";
import { ApiError } from "./errors";
import { PERMISSION_ERRORS } from "./unverified";

/** Route key → the permissions any one of which allows the call (empty: none needed). */
export const ROUTE_PERMISSIONS: ReadonlyMap<string, readonly string[]> = new Map(table.routes.map((row) => [row.route, row.anyOf]));

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
