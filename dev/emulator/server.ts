import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Auth } from "./auth";
import type { Settings } from "./context";
import { ApiError, errorBody, notFound } from "./errors";
import { AFTER_APPLY_KINDS, type CallIdentity, type FaultDecision, type Faults } from "./faults";
import type { Holds } from "./holds";
import type { RequestLog } from "./log";
import type { RateLimiter } from "./ratelimit";
import type { Request, Response, Router, Surface } from "./router";
import type { Timers } from "./timers";
import { permissionRefusal } from "./permissions";
import { HANG_ANSWER } from "./unverified";

export interface ServerDeps {
  router: Router;
  auth: Auth;
  faults: Faults;
  holds: Holds;
  /** The call's identity for the random fault draw (the route and the natural key of its object). */
  identify(routeKey: string, request: Request): CallIdentity;
  log: RequestLog;
  limiter: RateLimiter;
  timers: Timers;
  settings: Settings;
  /** Runs before every Genesys call (finishes flow jobs that are due). */
  beforeEach(): void;
  /** Runs after a Platform API call was handled, before its answer is sent. */
  beforeAnswer(routeKey: string): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The request pipeline: route → (Genesys surfaces only) latency → a test's hold → fault → bearer auth →
 * rate limit → handler. Control routes skip everything but the handler and are not logged.
 */
export function requestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res);
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const request: Request = {
    method,
    path: url.pathname,
    params: {},
    query: url.searchParams,
    headers: req.headers,
    rawBody: Buffer.alloc(0),
    body: undefined,
    correlationId: randomUUID(),
  };
  let routeKey = `${method} <unmatched>`;
  let fault: FaultDecision | undefined;
  let surface: Surface | undefined;
  res.setHeader("inin-correlation-id", request.correlationId);
  res.on("close", () => {
    if (surface === "control") return;
    deps.log.record({
      t: started,
      method,
      path: url.pathname,
      query: url.search,
      route: routeKey,
      status: res.headersSent ? res.statusCode : 0,
      clientId: request.clientId ?? null,
      durationMs: Date.now() - started,
    });
  });

  try {
    request.rawBody = await readBody(req);
    const match = deps.router.match(method, url.pathname);
    if (!match) throw new ApiError(404, "not.found", `No resource matches ${method} ${url.pathname}`);
    surface = match.route.surface;
    routeKey = match.route.key;
    request.params = match.params;
    if (surface !== "control") {
      deps.beforeEach();
      if (!(await deps.timers.sleep(deps.settings.latencyMs).done)) return;
      await deps.holds.take(routeKey);
      const singleRead = method === "GET" && Object.keys(match.params).length > 0;
      fault = deps.faults.decide(deps.identify(routeKey, request), singleRead, method !== "GET");
      if (fault && !AFTER_APPLY_KINDS.includes(fault.kind) && !(await applyFault(deps, fault, req, res))) return;
    }
    if (surface === "api") {
      const who = deps.auth.verify(req.headers.authorization, Date.now());
      request.clientId = who.clientId;
      const rate = deps.limiter.check(who.token, deps.settings.rateLimitPerMinute, Date.now());
      res.setHeader("inin-ratelimit-allowed", String(rate.limit));
      res.setHeader("inin-ratelimit-count", String(rate.count));
      res.setHeader("inin-ratelimit-reset", String(rate.resetSeconds));
      if (!rate.allowed) throw tooManyRequests(rate.resetSeconds);
      const refusal = permissionRefusal(routeKey, deps.auth.permissionsOf(who.clientId));
      if (refusal) throw refusal;
    }
    if (surface === "api" || surface === "control") request.body = parseJson(request.rawBody);
    const answer = await match.route.handler(request);
    if (surface === "api") await deps.beforeAnswer(routeKey);
    if (fault && AFTER_APPLY_KINDS.includes(fault.kind)) await loseAnswer(deps, fault, res);
    else send(res, answer);
  } catch (e) {
    const error =
      e instanceof ApiError ? e : new ApiError(500, "internal.server.error", `Emulator error: ${(e as Error).message}`);
    send(res, { status: error.status, body: errorBody(error, request.correlationId), headers: error.headers });
  }
}

/** Returns false when the request must not be answered further (hang ended by the client or close()). */
async function applyFault(
  deps: ServerDeps,
  fault: NonNullable<ReturnType<Faults["decide"]>>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  switch (fault.kind) {
    case "latency":
      return deps.timers.sleep(fault.latencyMs).done;
    case "429":
      throw tooManyRequests(fault.retryAfterSeconds);
    case "500":
      throw internalError();
    case "503":
      throw new ApiError(503, "service.unavailable", "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).");
    case "invisibility":
      throw notFound("object", decodeURIComponent(req.url ?? ""));
    case "hang": {
      const hold = deps.timers.sleep(fault.hangMs);
      res.on("close", hold.abort);
      if (!(await hold.done) || res.destroyed) return false;
      throw new ApiError(HANG_ANSWER.status, HANG_ANSWER.code, `The request was held for ${fault.hangMs} ms by an injected hang`);
    }
    case "lost":
    case "500-after-apply":
      return true; // they strike after the handler applied the write (loseAnswer)
  }
}

const internalError = () =>
  new ApiError(500, "internal.server.error", "The server encountered an unexpected condition which prevented it from fulfilling the request.");

/**
 * After the write was applied: `lost` holds the connection for the hang time (or until the client
 * gives up) and drops it without an answer; `500-after-apply` answers 500 as if it had failed.
 */
async function loseAnswer(deps: ServerDeps, fault: FaultDecision, res: ServerResponse): Promise<void> {
  if (fault.kind === "500-after-apply") {
    const error = internalError();
    send(res, { status: error.status, body: errorBody(error, String(res.getHeader("inin-correlation-id") ?? "")) });
    return;
  }
  const hold = deps.timers.sleep(fault.hangMs);
  res.on("close", hold.abort);
  await hold.done;
  res.socket?.destroy();
}

const tooManyRequests = (seconds: number) =>
  new ApiError(
    429,
    "too.many.requests",
    `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`,
    [],
    { "Retry-After": String(seconds) },
  );

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, "request.entity.too.large", "The request body is too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad.request", "The request could not be understood by the server due to malformed syntax (body is not valid JSON).");
  }
}

function send(res: ServerResponse, out: Response): void {
  if (res.destroyed || res.headersSent) return;
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  if (out.text !== undefined) {
    res.writeHead(out.status, { "Content-Type": out.contentType ?? "text/plain; charset=utf-8" });
    res.end(out.text);
  } else if (out.body === undefined) {
    res.writeHead(out.status);
    res.end();
  } else {
    res.writeHead(out.status, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(out.body));
  }
}
