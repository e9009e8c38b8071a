import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { ApiError, badRequest, notFound, staleVersion } from "../errors";
import { pageListing } from "../paging";
import { DEFAULT_REQUEST_TEMPLATE, DEFAULT_SUCCESS_TEMPLATE, runAction } from "../action-run";
import type { Router } from "../router";
import type { ActionConfig, ActionRecord, JsonSchema } from "../store";
import { DUPLICATE_ACTION } from "../unverified";
import { type Json, objectBody, optionalBoolean, optionalObject, optionalString, requiredObject, requiredString, requiredVersion } from "../validate";

const BASE = "/api/v2/integrations/actions";
const REQUEST_TYPES = ["GET", "PUT", "POST", "PATCH", "DELETE"];
const NOT_PATCHABLE = ["contract", "secure", "integrationId"];

function actionView(a: ActionRecord, withContract: boolean, withConfig: boolean) {
  return {
    id: a.id,
    name: a.name,
    integrationId: a.integrationId,
    category: a.category,
    ...(withContract ? { contract: a.contract } : {}),
    version: a.version,
    secure: a.secure,
    // The templates themselves are only served by the templates/*.vm endpoints.
    ...(withConfig
      ? {
          config: {
            ...(a.config.timeoutSeconds !== undefined ? { timeoutSeconds: a.config.timeoutSeconds } : {}),
            request: {
              requestUrlTemplate: a.config.request.requestUrlTemplate,
              requestType: a.config.request.requestType,
              headers: a.config.request.headers ?? {},
              requestTemplateUri: `${BASE}/${a.id}/templates/requesttemplate.vm`,
            },
            response: {
              translationMap: a.config.response?.translationMap ?? {},
              translationMapDefaults: a.config.response?.translationMapDefaults ?? {},
              successTemplateUri: `${BASE}/${a.id}/templates/successtemplate.vm`,
            },
          },
        }
      : {}),
    selfUri: `${BASE}/${a.id}`,
  };
}

function findAction(ctx: Context, id: string): ActionRecord {
  const a = ctx.store.actions.get(id);
  if (!a || !ctx.isVisible(a.createdAt)) throw notFound("action", id);
  return a;
}

function stringMap(obj: Json, key: string, label: string): Record<string, string> | undefined {
  const m = optionalObject(obj, key, label);
  if (!m) return undefined;
  const bad = Object.entries(m).find(([, v]) => typeof v !== "string");
  if (bad) throw badRequest(`'${label}.${bad[0]}' must be a string`, label);
  return m as Record<string, string>;
}

function checkConfig(body: Json): ActionConfig {
  const config = requiredObject(body, "config");
  const request = requiredObject(config, "request", "config.request");
  const requestUrlTemplate = requiredString(request, "requestUrlTemplate", "config.request.requestUrlTemplate");
  const requestType = requiredString(request, "requestType", "config.request.requestType");
  if (!REQUEST_TYPES.includes(requestType)) {
    throw badRequest(`'config.request.requestType' must be one of ${REQUEST_TYPES.join(", ")}, got '${requestType}'`, "config.request.requestType");
  }
  const response = optionalObject(config, "response", "config.response") ?? {};
  const timeoutSeconds = config.timeoutSeconds;
  if (timeoutSeconds !== undefined && (!Number.isInteger(timeoutSeconds) || (timeoutSeconds as number) < 1 || (timeoutSeconds as number) > 60)) {
    throw badRequest(`'config.timeoutSeconds' must be an integer from 1 to 60, got ${JSON.stringify(timeoutSeconds)}`, "config.timeoutSeconds");
  }
  return {
    ...(timeoutSeconds !== undefined ? { timeoutSeconds: timeoutSeconds as number } : {}),
    request: {
      requestUrlTemplate,
      requestType,
      requestTemplate: optionalString(request, "requestTemplate", "config.request.requestTemplate") ?? DEFAULT_REQUEST_TEMPLATE,
      headers: stringMap(request, "headers", "config.request.headers") ?? {},
    },
    response: {
      translationMap: stringMap(response, "translationMap", "config.response.translationMap") ?? {},
      translationMapDefaults: stringMap(response, "translationMapDefaults", "config.response.translationMapDefaults") ?? {},
      successTemplate: optionalString(response, "successTemplate", "config.response.successTemplate") ?? DEFAULT_SUCCESS_TEMPLATE,
    },
  };
}

function checkSchema(parent: Json, key: string, label: string): JsonSchema {
  const schema = requiredObject(parent, key, label);
  if (schema.type !== "object") throw badRequest(`'${label}.type' must be 'object'`, label);
  if (schema.properties !== undefined && (typeof schema.properties !== "object" || schema.properties === null)) {
    throw badRequest(`'${label}.properties' must be an object`, label);
  }
  return schema as JsonSchema;
}

function checkUniqueName(ctx: Context, category: string, name: string, selfId?: string): void {
  const clash = [...ctx.store.actions.values()].find((a) => a.category === category && a.name === name && a.id !== selfId);
  if (clash) {
    throw new ApiError(DUPLICATE_ACTION.status, DUPLICATE_ACTION.code, `An action named '${name}' already exists in category '${category}' (id ${clash.id})`);
  }
}

export function registerActions(router: Router, ctx: Context): void {
  router.add("POST", BASE, "api", (req) => {
    const body = objectBody(req.body, "create action");
    const name = requiredString(body, "name");
    const category = requiredString(body, "category");
    const integrationId = requiredString(body, "integrationId");
    const integration = ctx.store.integrations.get(integrationId);
    // Right after creating the integration, Genesys answers 400 here until it is visible.
    if (!integration || !ctx.isVisible(integration.createdAt)) {
      throw badRequest(`Integration '${integrationId}' was not found`, "integrationId");
    }
    if (integration.typeId !== "custom-rest-actions") {
      throw badRequest(`Integration '${integrationId}' is of type '${integration.typeId}', which has no data actions`, "integrationId");
    }
    const contract = requiredObject(body, "contract");
    const input = requiredObject(contract, "input", "contract.input");
    const output = requiredObject(contract, "output", "contract.output");
    const rec: ActionRecord = {
      id: `custom_-_${randomUUID()}`,
      name,
      category,
      integrationId,
      secure: optionalBoolean(body, "secure") ?? false,
      version: 1,
      contract: {
        input: { inputSchema: checkSchema(input, "inputSchema", "contract.input.inputSchema") },
        output: { successSchema: checkSchema(output, "successSchema", "contract.output.successSchema") },
      },
      config: checkConfig(body),
      createdAt: Date.now(),
    };
    checkUniqueName(ctx, category, name);
    ctx.store.actions.set(rec.id, rec);
    return { status: 200, body: actionView(rec, true, true) };
  });

  router.add("GET", BASE, "api", (req) => {
    const name = req.query.get("name");
    const category = req.query.get("category");
    const withConfig = req.query.get("includeConfig") === "true";
    const all = [...ctx.store.actions.values()].filter((a) => (!name || a.name === name) && (!category || a.category === category));
    return { status: 200, body: pageListing(all.map((a) => actionView(a, false, withConfig)), BASE, req.query) };
  });

  router.add("GET", `${BASE}/{actionId}`, "api", (req) => {
    const a = findAction(ctx, req.params.actionId);
    return { status: 200, body: actionView(a, req.query.get("expand") === "contract", req.query.get("includeConfig") === "true") };
  });

  router.add("GET", `${BASE}/{actionId}/templates/{fileName}`, "api", (req) => {
    const a = findAction(ctx, req.params.actionId);
    const file = req.params.fileName;
    const text =
      file === "requesttemplate.vm" ? a.config.request.requestTemplate
      : file === "successtemplate.vm" ? a.config.response?.successTemplate
      : undefined;
    if (text === undefined) throw notFound("template", file);
    return { status: 200, text, contentType: "text/plain; charset=utf-8" };
  });

  router.add("PATCH", `${BASE}/{actionId}`, "api", (req) => {
    const a = findAction(ctx, req.params.actionId);
    const body = objectBody(req.body, "update action");
    const fixed = NOT_PATCHABLE.find((k) => k in body);
    if (fixed) throw badRequest(`'${fixed}' cannot be changed on an existing action; delete and recreate it`, fixed);
    const version = requiredVersion(body);
    if (version !== a.version) {
      throw staleVersion("action", a.id, version, a.version);
    }
    const name = body.name === undefined ? a.name : requiredString(body, "name");
    const category = body.category === undefined ? a.category : requiredString(body, "category");
    const config = body.config === undefined ? a.config : checkConfig(body);
    checkUniqueName(ctx, category, name, a.id);
    Object.assign(a, { name, category, config, version: a.version + 1 });
    return { status: 200, body: actionView(a, true, true) };
  });

  router.add("DELETE", `${BASE}/{actionId}`, "api", (req) => {
    const a = findAction(ctx, req.params.actionId);
    ctx.store.actions.delete(a.id);
    return { status: 204 };
  });

  router.add("POST", `${BASE}/{actionId}/test`, "api", async (req) => {
    const a = findAction(ctx, req.params.actionId);
    const input = objectBody(req.body ?? {}, "action test input");
    return { status: 200, body: (await runAction(ctx, a, input)).result };
  });
}
