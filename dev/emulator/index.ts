import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Auth } from "./auth";
import { type Context, DEFAULT_SETTINGS, type Settings } from "./context";
import { bodyName, callIdentity, checkRandom, checkTargeted, Faults } from "./faults";
import { Holds } from "./holds";
import { RequestLog } from "./log";
import { RateLimiter } from "./ratelimit";
import { Router } from "./router";
import { ActionExecutions } from "./action-executions";
import { registerActions } from "./routes/actions";
import { registerAnalytics } from "./routes/analytics";
import { registerAuthorization } from "./routes/authorization";
import { registerControl } from "./routes/control";
import { registerDependencies } from "./routes/dependencies";
import { EventLog } from "./events";
import { lockFlow, registerFlows, settleJobs } from "./routes/flows";
import { registerIntegrations } from "./routes/integrations";
import { registerOAuth } from "./routes/oauth";
import { registerOrganization } from "./routes/organization";
import { registerTriggers } from "./routes/triggers";
import { requestListener } from "./server";
import { Store } from "./store";
import { Timers } from "./timers";

export type { Settings } from "./context";
export type { FaultStatus, PlannedFault, RandomFaults, RandomKind, TargetedFault, TargetedKind } from "./faults";
export type { LogEntry, LogSnapshot } from "./log";
export type { StateDump } from "./store";
export type { EventRecord, Execution, TriggerOutcome } from "./events";
export type { Emulator, EmulatorOptions, TargetedFaultInput } from "./emulator";
import type { Emulator, EmulatorOptions } from "./emulator";

export const DEFAULT_CLIENT = { id: "emulator-client", secret: "emulator-secret" } as const;

/** Checks a settings patch: known keys, finite non-negative numbers (limits and TTL >= 1). */
export function checkSettings(patch: Partial<Record<string, unknown>>): Partial<Settings> {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_SETTINGS)) {
      throw new Error(`Unknown setting '${key}'; known: ${Object.keys(DEFAULT_SETTINGS).join(", ")}`);
    }
    const min = key === "rateLimitPerMinute" || key === "tokenTtlSeconds" ? 1 : 0;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
      throw new Error(`Setting '${key}' must be a number >= ${min}, got ${JSON.stringify(value)}`);
    }
  }
  return patch as Partial<Settings>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { port = 0, clients = [DEFAULT_CLIENT], statePath, homeDivision, ...rest } = options;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...checkSettings(stripUndefined(rest)) };
  const store = new Store();
  if (statePath) store.loadFile(statePath);
  if (homeDivision !== undefined) {
    if (homeDivision.trim() === "") throw new Error("homeDivision must be a non-empty division name");
    store.org.homeDivision.name = homeDivision;
  }
  const auth = new Auth();
  for (const c of clients) auth.addClient(c.id, c.secret, "permissions" in c ? c.permissions : undefined);
  const faults = new Faults();
  const holds = new Holds();
  const log = new RequestLog();
  const limiter = new RateLimiter();
  const timers = new Timers();
  const router = new Router();
  const events = new EventLog();
  let baseUrl = "";
  let beforeAnswer: ((routeKey: string) => Promise<void>) | undefined;
  const ctx: Context = {
    store,
    timers,
    settings,
    failingAwsAccounts: new Map(),
    actionExecutions: new ActionExecutions(),
    jobFailures: [],
    permissionsOf: (clientId) => auth.permissionsOf(clientId),
    baseUrl: () => baseUrl,
    isVisible: (createdAt) => Date.now() >= createdAt + settings.invisibilityMs,
  };

  // Names of the objects calls concerned, kept past their deletion: a retried delete is the same call.
  const names = new Map<string, string>();
  const nameOf = (param: string, id: string): string | undefined => {
    const job = param === "jobId" ? store.jobs.get(id) : undefined;
    const object = { integrationId: store.integrations, actionId: store.actions, flowId: store.flows, triggerId: store.triggers }[param]?.get(id);
    const name = job ? (job.yaml ? bodyName(job.yaml) : undefined) : object?.name;
    if (name !== undefined) names.set(id, name);
    return names.get(id);
  };
  const identify = (routeKey: string, request: { params: Record<string, string>; query: URLSearchParams; rawBody: Buffer }) =>
    callIdentity(routeKey, request.params, request.query, request.rawBody.toString("utf8"), nameOf);

  const server = createServer(
    requestListener({
      router,
      auth,
      faults,
      holds,
      identify,
      log,
      limiter,
      timers,
      settings,
      beforeEach: () => settleJobs(ctx),
      beforeAnswer: async (routeKey) => {
        if (!beforeAnswer) return;
        settleJobs(ctx);
        await beforeAnswer(routeKey);
      },
    }),
  );
  let closed: Promise<void> | undefined;

  const emulator: Emulator = {
    url: "",
    port: 0,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        timers.clearAll();
        holds.releaseAll();
        server.close(() => {
          try {
            if (statePath) {
              settleJobs(ctx);
              store.saveFile(statePath);
            }
            resolve();
          } catch (e) {
            reject(e);
          }
        });
        server.closeAllConnections();
      });
      return closed;
    },
    state: () => {
      settleJobs(ctx);
      return store.dump();
    },
    log: () => log.snapshot(),
    clearLog: () => log.clear(),
    injectFaults: (input) => {
      const list = Array.isArray(input) ? input : [input];
      list.map((f) => checkTargeted(f, router.genesysKeys())).forEach((f) => faults.add(f));
    },
    setRandomFaults: (config) => faults.setRandom(config ? checkRandom(config) : null),
    faults: () => faults.status(),
    clearFaults: () => faults.clear(),
    hold: (route, nth) => {
      const key = router.genesysKeys().find((k) => k.toLowerCase() === String(route).toLowerCase());
      if (!key) throw new Error(`'route' must be one of the emulator's route keys, got ${JSON.stringify(route)}`);
      return holds.add(key, nth);
    },
    holds: () => holds.status(),
    releaseHold: (id) => holds.release(id),
    settings: () => ({ ...settings }),
    configure: (patch) => Object.assign(settings, checkSettings(stripUndefined(patch))) && { ...settings },
    addClient: (id, secret, permissions) => auth.addClient(id, secret, permissions),
    expireTokens: () => auth.expireAll(),
    revokeClient: (id) => auth.revokeClient(id),
    setPermissions: (clientId, permissions) => auth.setPermissions(clientId, permissions),
    reset: () => {
      store.clear();
      log.clear();
      faults.clear();
      holds.releaseAll();
      names.clear();
      limiter.clear();
      events.clear();
      ctx.actionExecutions.clear();
      ctx.failingAwsAccounts.clear();
      ctx.jobFailures.length = 0;
    },
    failNextJob: (messages = []) => {
      if (!Array.isArray(messages) || messages.some((m) => typeof m !== "string")) throw new Error("messages must be a list of message texts");
      ctx.jobFailures.push([...messages]);
    },
    failActivations: (awsAccountId, detail = "") => {
      if (!/^\d{12}$/.test(awsAccountId)) throw new Error(`awsAccountId must be a 12-digit AWS account id, got ${JSON.stringify(awsAccountId)}`);
      ctx.failingAwsAccounts.set(awsAccountId, detail);
    },
    clearActivationFailures: () => ctx.failingAwsAccounts.clear(),
    lockFlow: (flowId, holder) => lockFlow(ctx, flowId, holder),
    routes: () => router.genesysKeys(),
    onBeforeAnswer: (hook) => {
      beforeAnswer = hook;
    },
    publishEvent: (topic, event) => events.publish(ctx, topic, event),
    events: () => events.list(),
    event: (id) => events.get(id),
  };

  registerOAuth(router, ctx, auth);
  registerOrganization(router, ctx);
  registerAuthorization(router, ctx, auth);
  registerIntegrations(router, ctx);
  registerActions(router, ctx);
  registerFlows(router, ctx);
  registerTriggers(router, ctx);
  registerDependencies(router, ctx);
  registerAnalytics(router, ctx);
  registerControl(router, emulator);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  emulator.port = (server.address() as AddressInfo).port;
  emulator.url = baseUrl = `http://127.0.0.1:${emulator.port}`;
  return emulator;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
