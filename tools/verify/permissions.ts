// verify's first row: can the OAuth client do what the stack and verify need? Asked per
// permission through GET /api/v2/authorization/divisionspermitted/paged/me (no permission needed
// for it: Genesys's CLI), which lists the divisions where the caller holds one; none means missing.
import type { CognigyMode } from "../../domain/modes";
import { usesWebhooks } from "../../domain/modes";
import { holdsPermission } from "../../providers/genesys/organization";
import type { GenesysApi } from "../../providers/genesys/transport";
import { neededPermissions } from "../../domain/permissions";
import { CheckRow, check } from "./rows";

/** Pure: what to check for this mode; the EventBridge side only has an integration. */
export function permissionsToCheck(mode: CognigyMode): string[] {
  const all = neededPermissions(["stack", "verify"]);
  return usesWebhooks(mode) ? all : all.filter((permission) => permission.startsWith("integrations:integration:"));
}

/** The permissions of `wanted` the client holds in no division. */
export async function missingPermissions(api: GenesysApi, wanted: readonly string[]): Promise<string[]> {
  const held = await Promise.all(wanted.map((permission) => holdsPermission(api, permission)));
  return wanted.filter((_, i) => !held[i]);
}

/** Pure: the row; `missing` empty passes. */
export function permissionRow(clientId: string, wanted: readonly string[], missing: readonly string[]): CheckRow {
  return check(
    `OAuth client "${clientId}": permissions`,
    missing.length === 0,
    `all ${wanted.length} permissions the stack and verify use`,
    `missing ${missing.join(", ")}`,
    "Add them to the client's role (Admin > Roles / Permissions, in the division the workflows go to; README.md " +
      '"Configuring a real org" lists them all), then run verify again. Until then `pulumi up` stops with 403 at the first call that needs one.',
  );
}
