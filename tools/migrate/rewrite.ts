// The state-level move of a stack from the dynamic-provider layout to the provider plugin: pure,
// from the `pulumi stack export` of a stack that already holds the plugin's provider record to the
// deployment `pulumi stack import` takes. Each record keeps its name, parent, id and properties;
// only its type, its provider and the dynamic route's own properties change, so the plugin's
// next diff compares the same values the dynamic provider last wrote (docs/provider-plugin.md).
import { SCHEMA, VERSION, typeToken } from "../../provider-plugin/package-schema";

/** The properties only the dynamic route had: its provider text, the routing kind, the provider text's version. */
export const DYNAMIC_ONLY_PROPERTIES = ["__provider", "kind", "providerVersion"] as const;
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const PLUGIN_PROVIDER_TYPE = "pulumi:providers:cognigy-genesys";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  provider?: string;
  parent?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  aliases?: string[];
  deletedWith?: string;
  [key: string]: unknown;
}

export interface ExportedState {
  version: number;
  deployment: { resources?: StateResource[]; pending_operations?: unknown[]; [key: string]: unknown };
}

/** The explicit provider the stack program makes (stacks/index.ts): `new Provider("genesys", …)`. */
export const PROVIDER_NAME = "genesys";

/** `urn:pulumi:<stack>::<project>::pulumi:providers:cognigy-genesys::genesys`. */
export function providerUrn(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::${PLUGIN_PROVIDER_TYPE}::${PROVIDER_NAME}`;
}

/** Pure: the plugin type of a dynamic record's type (`pulumi-nodejs:dynamic/<module>:<Kind>`), whatever module an earlier layout used. */
export function pluginType(dynamicType: string): string | undefined {
  if (!dynamicType.startsWith(DYNAMIC_PREFIX)) return undefined;
  const token = typeToken(dynamicType.slice(dynamicType.lastIndexOf(":") + 1));
  return SCHEMA.resources[token] ? token : undefined;
}

/** A URN with its own type (the last of the `$`-joined type chain) replaced. */
function withType(urn: string, type: string): string {
  const nameAt = urn.lastIndexOf("::");
  const typesAt = urn.lastIndexOf("::", nameAt - 1) + 2;
  const chain = urn.slice(typesAt, nameAt).split("$");
  chain[chain.length - 1] = type;
  return `${urn.slice(0, typesAt)}${chain.join("$")}${urn.slice(nameAt)}`;
}

function withoutDynamicOnly(properties: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!properties) return properties;
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !(DYNAMIC_ONLY_PROPERTIES as readonly string[]).includes(key)));
}

export type StateLayout =
  /** Dynamic records to move. */
  | { kind: "dynamic"; records: string[] }
  | { kind: "migrated" }
  | { kind: "empty" };

/** Pure: what a stack's state holds, as the migration sees it. */
export function stateLayout(state: ExportedState): StateLayout {
  const resources = state.deployment.resources ?? [];
  const records = resources.filter((r) => r.type.startsWith(DYNAMIC_PREFIX)).map((r) => r.urn);
  if (records.length > 0) return { kind: "dynamic", records };
  return resources.some((r) => r.type.startsWith("cognigy-genesys:")) ? { kind: "migrated" } : { kind: "empty" };
}

export class MigrationRefused extends Error {}

/** An interrupted update leaves pending operations: their objects may not be in the records. */
export function refusePendingOperations(state: ExportedState): void {
  if ((state.deployment.pending_operations ?? []).length > 0) {
    throw new MigrationRefused("the stack has pending operations (an interrupted update): run `pulumi refresh` (docs/crash-recovery.md), then migrate");
  }
}

/**
 * Pure: the deployment with every dynamic record moved under the stack's `genesys` provider, the
 * dynamic provider's records dropped. Without a record of that provider, one is added with `newId`
 * and only the plugin's version as inputs: the next preview and up update it to the program's
 * configuration (a provider's update is state only; it never replaces the objects). Refuses a
 * state with pending operations and a kind the plugin does not serve.
 */
export function rewriteState(state: ExportedState, stack: string, project: string, newId: string): ExportedState {
  refusePendingOperations(state);
  const providerUrnOfStack = providerUrn(stack, project);
  const existing = state.deployment.resources ?? [];
  const root = existing.find((r) => r.type === "pulumi:pulumi:Stack");
  const added: StateResource = { urn: providerUrnOfStack, custom: true, id: newId, type: PLUGIN_PROVIDER_TYPE, inputs: { version: VERSION }, outputs: { version: VERSION }, ...(root ? { parent: root.urn } : {}) };
  const hasProvider = existing.some((r) => r.urn === providerUrnOfStack);
  const resources = hasProvider ? existing : [...existing.slice(0, existing.indexOf(root!) + 1), added, ...existing.slice(existing.indexOf(root!) + 1)];
  const provider = resources.find((r) => r.urn === providerUrnOfStack)!;
  const unknown = resources.filter((r) => r.type.startsWith(DYNAMIC_PREFIX) && !pluginType(r.type)).map((r) => `${r.type} (${r.urn})`);
  if (unknown.length > 0) throw new MigrationRefused(`the provider plugin serves no kind for: ${unknown.join(", ")}`);

  const urns = new Map<string, string>();
  for (const r of resources) {
    const type = pluginType(r.type);
    if (type) urns.set(r.urn, withType(r.urn, type));
  }
  const moved = (urn: string) => urns.get(urn) ?? urn;
  const reference = `${providerUrnOfStack}::${provider.id}`;

  const rewritten = resources
    .filter((r) => r.type !== DYNAMIC_PROVIDER_TYPE)
    .map((r): StateResource => {
      const type = pluginType(r.type);
      const next: StateResource = { ...r, urn: moved(r.urn) };
      if (r.parent) next.parent = moved(r.parent);
      if (r.dependencies) next.dependencies = r.dependencies.map(moved);
      if (r.propertyDependencies) {
        next.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map(moved)]));
      }
      if (r.deletedWith) next.deletedWith = moved(r.deletedWith);
      if (!type) return next;
      const propertyDependencies = withoutDynamicOnly(next.propertyDependencies) as Record<string, string[]> | undefined;
      return { ...next, type, provider: reference, inputs: withoutDynamicOnly(r.inputs), outputs: withoutDynamicOnly(r.outputs), ...(propertyDependencies ? { propertyDependencies } : {}) };
    });
  return { ...state, deployment: { ...state.deployment, resources: rewritten } };
}
