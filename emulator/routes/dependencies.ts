import type { Context } from "../context";
import { deletedActionConsumers } from "../events";
import { pageListing } from "../paging";
import type { Router } from "../router";
import { DEPENDENCY_TYPES } from "../unverified";

// Architect dependency tracking, the one question this project asks of it: which published
// workflows still consume a data action that was deleted. Route and model from the SDK
// (ArchitectApi.getArchitectDependencytrackingDeletedresourceconsumers → DependencyObjectEntityListing
// of DependencyObject {id, name, version, type, consumedResources: Dependency[] with `deleted`}).

const BASE = "/api/v2/architect/dependencytracking";

export function registerDependencies(router: Router, ctx: Context): void {
  router.add("GET", `${BASE}/deletedresourceconsumers`, "api", (req) => {
    const types = (req.query.get("objectType") ?? "").split(",").filter(Boolean).map((t) => t.toUpperCase());
    const name = req.query.get("name")?.toLowerCase();
    const withConsumed = req.query.get("consumedResources") === "true";
    const objects = deletedActionConsumers(ctx)
      .filter(({ flow }) => (!types.length || types.includes(DEPENDENCY_TYPES.workflow)) && (!name || flow.name.toLowerCase().includes(name)))
      .map(({ flow, version, missing }) => ({
        id: flow.id,
        name: flow.name,
        version: version.id,
        type: DEPENDENCY_TYPES.workflow,
        deleted: false,
        ...(withConsumed
          ? { consumedResources: missing.map((b) => ({ id: b.actionId, name: b.name, type: DEPENDENCY_TYPES.dataAction, deleted: true })) }
          : {}),
        selfUri: `${BASE}/object?id=${flow.id}`,
      }));
    return { status: 200, body: pageListing(objects, `${BASE}/deletedresourceconsumers`, req.query) };
  });
}
