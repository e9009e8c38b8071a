import type { Context } from "../context";
import type { Router } from "../router";

// `GET /api/v2/authorization/divisions/home` (AuthorizationApi.getAuthorizationDivisionsHome in
// the SDK) answers an AuthzDivision with `homeDivision: true`; Genesys's SDK docs say it
// "Requires NO permissions". Orgs may rename their home division.
export function registerAuthorization(router: Router, ctx: Context): void {
  router.add("GET", "/api/v2/authorization/divisions/home", "api", () => {
    const home = ctx.store.org.homeDivision;
    return {
      status: 200,
      body: { id: home.id, name: home.name, description: "", homeDivision: true, selfUri: `/api/v2/authorization/divisions/${home.id}` },
    };
  });
}
