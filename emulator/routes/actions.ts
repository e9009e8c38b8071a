import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { ApiError, badRequest, notFound } from "../errors";
import { pageListing } from "../paging";
import { jsonPath, renderRequest, renderSuccess, schemaProblems } from "../render";
import type { Router } from "../router";
import type { ActionConfig, ActionRecord, JsonSchema } from "../store";
import { DUPLICATE_ACTION, STALE_VERSION } from "../unverified";
import { type Json, objectBody, optionalBoolean, optionalObject, optionalString, requiredObject, requiredString, requiredVersion } from "../validate";

const BASE = "/api/v2/integrations/actions";
const REQUEST_TYPES = ["GET", "PUT", "POST", "PATCH", "DELETE"];
const DEFAULT_REQUEST_TEMPLATE = "${input.rawRequest}";
const DEFAULT_SUCCESS_TEMPLATE = "${rawResult}";
const DEFAULT_TIMEOUT_SECONDS = 15;
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
      throw new ApiError(STALE_VERSION.status, STALE_VERSION.code, `The version ${version} does not match the current version ${a.version} of action '${a.id}'`);
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
    return { status: 200, body: await runTest(ctx, a, input) };
  });
}

interface Operation {
  step: number;
  name: string;
  success: boolean;
  result?: unknown;
  error?: { message: string; code: string; status: number };
}

/** Renders and really sends the action's request, then applies the response config, step by step. */
async function runTest(ctx: Context, a: ActionRecord, input: Json) {
  const operations: Operation[] = [];
  const fail = (name: string, message: string, status = 400) => {
    const error = { message, code: "bad.request", status };
    operations.push({ step: operations.length + 1, name, success: false, error });
    return { operations, success: false, error };
  };
  const ok = (name: string, result: unknown) => operations.push({ step: operations.length + 1, name, success: true, result });

  const inputProblems = schemaProblems(a.contract.input.inputSchema, input);
  if (inputProblems.length) return fail("Validate input against schema", `Input does not match the input contract: ${inputProblems.join("; ")}`);
  ok("Validate input against schema", input);

  const url = renderRequest(a.config.request.requestUrlTemplate, input);
  if (!/^https?:\/\//i.test(url)) return fail("Resolve request URL template", `The resolved URL '${url}' is not an absolute http(s) URL`);
  ok("Resolve request URL template", url);
  const headers = Object.fromEntries(Object.entries(a.config.request.headers ?? {}).map(([k, v]) => [k, renderRequest(v, input)]));
  ok("Resolve request headers", headers);
  const method = a.config.request.requestType;
  const body = method === "GET" || method === "DELETE" ? undefined : renderRequest(a.config.request.requestTemplate ?? DEFAULT_REQUEST_TEMPLATE, input);
  ok("Resolve request body template", body ?? null);

  const timeoutMs = (a.config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const response = await send(ctx, method, url, headers, body, timeoutMs);
  if ("failure" in response) return fail("Execute HTTP request", response.failure, 500);
  if (response.status < 200 || response.status > 299) {
    return fail("Execute HTTP request", `The remote endpoint answered HTTP ${response.status}: ${response.text.slice(0, 500)}`, response.status);
  }
  ok("Execute HTTP request", { status: response.status, body: response.text });

  let parsed: unknown = null;
  if (response.text.trim()) {
    try {
      parsed = JSON.parse(response.text);
    } catch {
      return fail("Parse response", "The response body is not valid JSON");
    }
  }
  const vars: Record<string, unknown> = {};
  const defaults = a.config.response?.translationMapDefaults ?? {};
  for (const [key, path] of Object.entries(a.config.response?.translationMap ?? {})) {
    const v = jsonPath(parsed, path);
    if (v !== undefined) vars[key] = v;
    else if (key in defaults) vars[key] = JSON.parse(defaults[key]);
    else return fail("Resolve translation map", `Translation map key '${key}' (${path}) was not found in the response and has no default`);
  }
  ok("Resolve translation map", vars);

  const rendered = renderSuccess(a.config.response?.successTemplate ?? DEFAULT_SUCCESS_TEMPLATE, response.text.trim() ? response.text : "{}", vars);
  let finalResult: unknown;
  try {
    finalResult = JSON.parse(rendered);
  } catch {
    return fail("Apply success template", `The success template did not render valid JSON: ${rendered.slice(0, 200)}`);
  }
  ok("Apply success template", finalResult);
  const outputProblems = schemaProblems(a.contract.output.successSchema, finalResult);
  if (outputProblems.length) return fail("Validate output against schema", `Output does not match the output contract: ${outputProblems.join("; ")}`);
  ok("Validate output against schema", finalResult);
  return { operations, finalResult, success: true };
}

function send(
  ctx: Context,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string } | { failure: string }> {
  return new Promise((resolve) => {
    const timer = ctx.timers.sleep(timeoutMs);
    let settled = false;
    const finish = (out: { status: number; text: string } | { failure: string }) => {
      if (settled) return;
      settled = true;
      timer.abort();
      resolve(out);
    };
    const request = (url.startsWith("https") ? httpsRequest : httpRequest)(url, { method, headers: { "Content-Type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", (e) => finish({ failure: `The request to ${url} failed: ${e.message}` }));
    void timer.done.then((elapsed) => {
      if (!settled) request.destroy(new Error(elapsed ? `no answer within ${timeoutMs} ms` : "emulator closing"));
    });
    request.end(body);
  });
}
