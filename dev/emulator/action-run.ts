import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Context } from "./context";
import { jsonPath, renderRequest, renderSuccess, schemaProblems } from "./render";
import type { ActionRecord } from "./store";

// Running a data action: what `POST /api/v2/integrations/actions/{id}/test` answers and what a
// workflow's Call Data Action does at run time are one piece of code, so a rehearsed handover
// sends exactly what the action test sends.

export const DEFAULT_REQUEST_TEMPLATE = "${input.rawRequest}";
export const DEFAULT_SUCCESS_TEMPLATE = "${rawResult}";
const DEFAULT_TIMEOUT_SECONDS = 15;

interface Operation {
  step: number;
  name: string;
  success: boolean;
  result?: unknown;
  error?: { message: string; code: string; status: number };
}

/** The action test endpoint's answer. */
export interface ActionResult {
  operations: Operation[];
  finalResult?: unknown;
  success: boolean;
  error?: { message: string; code: string; status: number };
}

/** The HTTP exchange, for the execution log (never part of a Genesys answer). */
export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response?: { status: number; body: string };
  /** Why no answer was read (connection refused, timeout). */
  failure?: string;
  timedOut?: boolean;
}

export interface ActionRun {
  result: ActionResult;
  /** Absent when the run stopped before sending (bad input, bad URL). */
  http?: HttpExchange;
}

/**
 * Renders and really sends the action's request, then applies the response config, step by step.
 * `timeoutMs` caps the action's own timeout (a Call Data Action's `timeout`).
 */
export async function runAction(ctx: Context, a: ActionRecord, input: Record<string, unknown>, timeoutMs?: number): Promise<ActionRun> {
  const operations: Operation[] = [];
  let http: HttpExchange | undefined;
  const fail = (name: string, message: string, status = 400): ActionRun => {
    const error = { message, code: "bad.request", status };
    operations.push({ step: operations.length + 1, name, success: false, error });
    return { result: { operations, success: false, error }, http };
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

  const actionTimeoutMs = (a.config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const response = await send(ctx, method, url, headers, body, Math.min(actionTimeoutMs, timeoutMs ?? actionTimeoutMs));
  http = { request: { method, url, headers, body: body ?? null }, ...response };
  if (!response.response) return fail("Execute HTTP request", response.failure ?? "no answer", response.timedOut ? 408 : 500);
  const { status, body: text } = response.response;
  if (status < 200 || status > 299) {
    return fail("Execute HTTP request", `The remote endpoint answered HTTP ${status}: ${text.slice(0, 500)}`, status);
  }
  ok("Execute HTTP request", { status, body: text });

  let parsed: unknown = null;
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
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

  const rendered = renderSuccess(a.config.response?.successTemplate ?? DEFAULT_SUCCESS_TEMPLATE, text.trim() ? text : "{}", vars);
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
  return { result: { operations, finalResult, success: true }, http };
}

type Sent = Pick<HttpExchange, "response" | "failure" | "timedOut">;

function send(ctx: Context, method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Sent> {
  return new Promise((resolve) => {
    const timer = ctx.timers.sleep(timeoutMs);
    let settled = false;
    const finish = (out: Sent) => {
      if (settled) return;
      settled = true;
      timer.abort();
      resolve(out);
    };
    const request = (url.startsWith("https") ? httpsRequest : httpRequest)(url, { method, headers: { "Content-Type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ response: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") } }));
    });
    request.on("error", (e) => finish({ failure: `The request to ${url} failed: ${e.message}` }));
    void timer.done.then((elapsed) => {
      if (settled) return;
      if (elapsed) finish({ failure: `The request to ${url} failed: no answer within ${timeoutMs} ms`, timedOut: true });
      request.destroy(new Error(elapsed ? `no answer within ${timeoutMs} ms` : "emulator closing"));
    });
    request.end(body);
  });
}
