import type { Context } from "../context";
import { pageListing } from "../paging";
import type { Router } from "../router";
import type { DataActionBinding, FlowRecord, FlowVersionRecord } from "../store";
import { DEPENDENCY_TYPES } from "../unverified";

// Architect dependency tracking, the one question this project asks of it: which published
// workflows still consume a data action that was deleted. Route and model from the SDK
// (ArchitectApi.getArchitectDependencytrackingDeletedresourceconsumers → DependencyObjectEntityListing
// of DependencyObject {id, name, version, type, consumedResources: Dependency[] with `deleted`}).

const BASE = "/api/v2/architect/dependencytracking";

/** Flow versions whose bound data action no longer exists (Architect's "consumers of deleted resources"). */
function deletedActionConsumers(ctx: Context): { flow: FlowRecord; version: FlowVersionRecord; missing: DataActionBinding[] }[] {
  const out = [];
  for (const flow of ctx.store.flows.values()) {
    const version = flow.versions[flow.versions.length - 1];
    const missing = (version?.dataActions ?? []).filter((b) => !ctx.store.actions.has(b.actionId));
    if (version && missing.length) out.push({ flow, version, missing });
  }
  return out;
}

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
