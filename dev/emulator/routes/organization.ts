import type { Context } from "../context";
import type { Router } from "../router";

export function registerOrganization(router: Router, ctx: Context): void {
  router.add("GET", "/api/v2/organizations/me", "api", () => ({
    status: 200,
    body: {
      id: ctx.store.org.id,
      name: ctx.store.org.name,
      defaultLanguage: "en-us",
      domain: "emulated",
      version: 1,
      state: "active",
      selfUri: `/api/v2/organizations/${ctx.store.org.id}`,
    },
  }));
}
