import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { badRequest, notFound, staleVersion } from "../errors";
import { activationError, reportedState } from "../activation";
import { checkEventBridgeProperties } from "../eventbridge";
import { pageListing } from "../paging";
import type { Router } from "../router";
import type { IntegrationRecord } from "../store";
import { DEFAULT_INTEGRATION_NAMES, INTEGRATION_CONFIG_EXPAND } from "../unverified";
import { objectBody, optionalObject, optionalString, requiredObject, requiredString, requiredVersion } from "../validate";

const BASE = "/api/v2/integrations";

/**
 * Empty notes as Genesys returns them in an integration's config: the literal Genesys's Terraform
 * provider reads as empty (genesyscloud/integration/resource_genesyscloud_integration_utils.go,
 * kept in test/fixtures/genesys-sources/empty-notes.txt). That the integration's own `notes` say
 * it too, and that the literal written back is taken as empty, are unverified.
 */
export const EMPTY_NOTES = "node_dynamodb_empty_string";

/** Pure: the read's `expand` list (comma-separated, as the SDK sends it) names `field`. */
function expands(query: URLSearchParams, field: string): boolean {
  return query.getAll("expand").flatMap((value) => value.split(",")).includes(field);
}

/** `withConfig`: the read asked for `config.current` (INTEGRATION_CONFIG_EXPAND). */
export function integrationView(ctx: Context, rec: IntegrationRecord, withConfig = false) {
  return {
    id: rec.id,
    name: rec.name,
    integrationType: { id: rec.typeId, name: DEFAULT_INTEGRATION_NAMES[rec.typeId], selfUri: `/api/v2/integrations/types/${rec.typeId}` },
    notes: rec.notes || EMPTY_NOTES,
    intendedState: rec.intendedState,
    ...(withConfig ? { config: { current: { id: rec.id, name: rec.name, version: rec.configVersion, selfUri: `${BASE}/${rec.id}/config/current` } } } : {}),
    reportedState: reportedState(rec, Date.now(), ctx.settings.activationMs),
    attributes: {},
    selfUri: `${BASE}/${rec.id}`,
  };
}

function configView(rec: IntegrationRecord) {
  return {
    id: rec.id,
    name: rec.name,
    version: rec.configVersion,
    properties: rec.properties,
    advanced: rec.advanced,
    notes: rec.notes || EMPTY_NOTES,
    credentials: rec.credentials,
    selfUri: `${BASE}/${rec.id}/config/current`,
  };
}

/** A single-object read: 404 when missing or still inside the read-after-create window. */
export function findIntegration(ctx: Context, id: string): IntegrationRecord {
  const rec = ctx.store.integrations.get(id);
  if (!rec || !ctx.isVisible(rec.createdAt)) throw notFound("integration", id);
  return rec;
}

function defaultName(ctx: Context, typeId: string): string {
  const base = DEFAULT_INTEGRATION_NAMES[typeId];
  const taken = new Set([...ctx.store.integrations.values()].map((i) => i.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

export function registerIntegrations(router: Router, ctx: Context): void {
  router.add("POST", BASE, "api", (req) => {
    const body = objectBody(req.body, "create integration");
    const type = requiredObject(body, "integrationType");
    const typeId = requiredString(type, "id", "integrationType.id");
    if (!DEFAULT_INTEGRATION_NAMES[typeId]) {
      throw badRequest(`Unknown integration type '${typeId}'; known: ${Object.keys(DEFAULT_INTEGRATION_NAMES).join(", ")}`, "integrationType.id");
    }
    const rec: IntegrationRecord = {
      id: randomUUID(),
      typeId,
      name: defaultName(ctx, typeId), // the name in the body is ignored, as on Genesys
      notes: "",
      intendedState: "DISABLED",
      configVersion: 1,
      properties: {},
      advanced: {},
      credentials: {},
      createdAt: Date.now(),
    };
    ctx.store.integrations.set(rec.id, rec);
    return { status: 200, body: integrationView(ctx, rec) };
  });

  router.add("GET", BASE, "api", (req) => {
    const type = req.query.get("integrationType");
    const all = [...ctx.store.integrations.values()].filter((i) => !type || i.typeId === type);
    const withConfig = expands(req.query, INTEGRATION_CONFIG_EXPAND);
    return { status: 200, body: pageListing(all.map((rec) => integrationView(ctx, rec, withConfig)), BASE, req.query) };
  });

  router.add("GET", `${BASE}/{integrationId}`, "api", (req) => ({
    status: 200,
    body: integrationView(ctx, findIntegration(ctx, req.params.integrationId), expands(req.query, INTEGRATION_CONFIG_EXPAND)),
  }));

  router.add("PATCH", `${BASE}/{integrationId}`, "api", (req) => {
    const rec = findIntegration(ctx, req.params.integrationId);
    const body = objectBody(req.body, "patch integration");
    const state = body.intendedState;
    if (state !== "ENABLED" && state !== "DISABLED") {
      throw badRequest(`'intendedState' must be ENABLED or DISABLED, got ${JSON.stringify(state)}`, "intendedState");
    }
    if (state !== rec.intendedState) {
      rec.intendedState = state;
      rec.stateChangedAt = Date.now();
      rec.settlesAt = rec.stateChangedAt + ctx.settings.activationMs;
      rec.activationError = state === "ENABLED" ? activationError(rec, ctx.failingAwsAccounts) : undefined;
    }
    return { status: 200, body: integrationView(ctx, rec) };
  });

  router.add("DELETE", `${BASE}/{integrationId}`, "api", (req) => {
    const rec = findIntegration(ctx, req.params.integrationId);
    ctx.store.integrations.delete(rec.id);
    for (const a of [...ctx.store.actions.values()]) if (a.integrationId === rec.id) ctx.store.actions.delete(a.id);
    return { status: 200, body: integrationView(ctx, rec) };
  });

  router.add("GET", `${BASE}/{integrationId}/config/current`, "api", (req) => ({
    status: 200,
    body: configView(findIntegration(ctx, req.params.integrationId)),
  }));

  // PUT replaces the whole configuration: omitted properties/advanced/credentials become empty.
  router.add("PUT", `${BASE}/{integrationId}/config/current`, "api", (req) => {
    const rec = findIntegration(ctx, req.params.integrationId);
    const body = objectBody(req.body, "integration configuration");
    const version = requiredVersion(body);
    const name = requiredString(body, "name");
    const properties = optionalObject(body, "properties") ?? {};
    const advanced = optionalObject(body, "advanced") ?? {};
    const credentials = optionalObject(body, "credentials") ?? {};
    const notes = optionalString(body, "notes") ?? "";
    if (version !== rec.configVersion) {
      throw staleVersion("integration", rec.id, version, rec.configVersion);
    }
    if (rec.typeId === "amazon-eventbridge-source") {
      checkEventBridgeProperties(properties);
      if (Object.keys(credentials).length > 0) throw badRequest("amazon-eventbridge-source takes no credentials", "credentials");
    } else {
      const bad = Object.keys(credentials).find((k) => k !== "basicAuth");
      if (bad) throw badRequest(`Unknown credentials key '${bad}'; the only key is 'basicAuth'`, "credentials");
    }
    Object.assign(rec, {
      name,
      properties,
      advanced,
      credentials,
      notes: notes === EMPTY_NOTES ? "" : notes,
      configVersion: rec.configVersion + 1,
    });
    return { status: 200, body: configView(rec) };
  });
}
