// Platform API calls about the org and the client itself: its home division, and the divisions
// where the client holds a permission (the org itself: GenesysApi.organization, read once).
import type { GenesysApi } from "./transport";

/** The org's home division, by its role: orgs rename it. */
export function readHomeDivision(api: GenesysApi): Promise<{ id?: string; name?: string }> {
  return api.call("Read home division", (a) => a.authorization.getAuthorizationDivisionsHome());
}

/** Whether the client holds `permission` in at least one division. */
export async function holdsPermission(api: GenesysApi, permission: string): Promise<boolean> {
  const page = await api.call<{ entities?: unknown[] }>(`Check permission ${permission}`, (a) =>
    a.authorization.getAuthorizationDivisionspermittedPagedMe(permission, { pageSize: 1 }),
  );
  return (page?.entities ?? []).length > 0;
}
