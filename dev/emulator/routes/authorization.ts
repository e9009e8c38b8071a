import type { Auth } from "../auth";
import type { Context } from "../context";
import { badRequest } from "../errors";
import { pageListing } from "../paging";
import { grants } from "../permissions";
import type { Router } from "../router";

// Both need no permission (Genesys's CLI, platform-client-sdk-cli: authorization_divisions_home,
// authorization_divisionspermitted_paged_me). Orgs may rename their home division.
export function registerAuthorization(router: Router, ctx: Context, auth: Auth): void {
  const homeView = () => {
    const home = ctx.store.org.homeDivision;
    return { id: home.id, name: home.name, description: "", homeDivision: true, selfUri: `/api/v2/authorization/divisions/${home.id}` };
  };

  // AuthorizationApi.getAuthorizationDivisionsHome: an AuthzDivision with `homeDivision: true`.
  router.add("GET", "/api/v2/authorization/divisions/home", "api", () => ({ status: 200, body: homeView() }));

  // AuthorizationApi.getAuthorizationDivisionspermittedPagedMe: the divisions in which the caller
  // holds `permission`; the org has one division, so that one or none. For a client-credentials
  // token the caller is the OAuth client and its roles (unverified).
  router.add("GET", "/api/v2/authorization/divisionspermitted/paged/me", "api", (req) => {
    const permission = req.query.get("permission");
    if (!permission) throw badRequest("The query parameter 'permission' is required, e.g. permission=routing:queue:view", "permission");
    const granted = auth.permissionsOf(req.clientId ?? "");
    const held = granted === undefined || grants(granted, permission);
    return { status: 200, body: pageListing(held ? [homeView()] : [], "/api/v2/authorization/divisionspermitted/paged/me", req.query) };
  });
}
