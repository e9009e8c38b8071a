import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { until } from "../support/until";
import { type Apis, failure, login } from "./sdk";

let emu: Emulator;
let api: Apis;
beforeAll(async () => {
  emu = await startEmulator();
  api = await login(emu.url);
});
afterAll(() => emu.close());

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};
const newIntegration = () => api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
const ROUTE = "GET /api/v2/integrations/{integrationId}";

describe("control API", () => {
  it("dumps the state with every object kind and a stable org", async () => {
    const { id } = await newIntegration();
    const org = await api.organization.getOrganizationsMe();
    const { status, body } = await control("GET", "/state");
    expect(status).toBe(200);
    expect(Object.keys(body!).sort()).toEqual(["actions", "flows", "integrations", "jobs", "org", "triggers"]);
    expect((body!.org as { id: string }).id).toBe(org.id);
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((body!.integrations as { id: string }[]).map((i) => i.id)).toContain(id);
  });

  it("logs Genesys calls with route templates, client and per-route counts; DELETE clears", async () => {
    expect((await control("DELETE", "/log")).status).toBe(204);
    const { id } = await newIntegration();
    await api.integrations.getIntegration(id!);
    await api.integrations.getIntegration(id!);
    const { body } = await control("GET", "/log");
    const log = body as unknown as { entries: { route: string; path: string; status: number; clientId: string; t: number; durationMs: number }[]; counts: Record<string, number> };
    expect(log.counts).toEqual({ "POST /api/v2/integrations": 1, [ROUTE]: 2 });
    expect(log.entries[1]).toMatchObject({ method: "GET", path: `/api/v2/integrations/${id}`, route: ROUTE, status: 200, clientId: "emulator-client" });
    expect(log.entries[1].t).toBeGreaterThan(0);
    expect(log.entries[1].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("injects targeted 429 (with Retry-After), 500 and 503 faults for the next N calls of a route", async () => {
    const { id } = await newIntegration();
    const injected = await control("POST", "/faults", [
      { route: ROUTE, kind: "429", count: 2, retryAfterSeconds: 7 },
      { route: ROUTE, kind: "500", count: 1 },
      { route: ROUTE, kind: "503", count: 1 },
    ]);
    expect(injected.status).toBe(200);
    const raw = await fetch(`${emu.url}/api/v2/integrations/${id}`, { headers: { Authorization: `Bearer ${api.token}` } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    expect(await failure(api.integrations.getIntegration(id!))).toMatchObject({ status: 429, code: "too.many.requests" });
    expect(await failure(api.integrations.getIntegration(id!))).toMatchObject({ status: 500 });
    expect(await failure(api.integrations.getIntegration(id!))).toMatchObject({ status: 503 });
    expect((await api.integrations.getIntegration(id!)).id).toBe(id);
    expect(emu.faults().injected).toMatchObject({ "429": 2, "500": 1, "503": 1 });
    expect(emu.faults().pending).toEqual([]);
  });

  it("rejects fault requests with an unknown route or kind, naming the bad key", async () => {
    const badRoute = await control("POST", "/faults", { route: "GET /api/v2/nothing", kind: "500" });
    expect(badRoute.status).toBe(400);
    expect(String(badRoute.body!.message)).toContain("'route'");
    const badKind = await control("POST", "/faults", { route: ROUTE, kind: "404" });
    expect(String(badKind.body!.message)).toContain("'kind'");
  });

  it("holds a hung request until the client gives up; a short hang is answered 504", async () => {
    emu.clearLog();
    emu.clearFaults();
    emu.injectFaults({ route: "GET /api/v2/integrations", kind: "hang", hangMs: 600_000 });
    const giveUp = new AbortController();
    const aborted = fetch(`${emu.url}/api/v2/integrations`, { headers: { Authorization: `Bearer ${api.token}` }, signal: giveUp.signal }).catch(
      (e: Error) => e.name,
    );
    // The client gives up once its request is being held (the hang was injected), not after a time.
    await until(() => emu.faults().injected.hang === 1, "the hang took the request");
    giveUp.abort();
    expect(await aborted).toBe("AbortError");
    // The server sees the client's disconnect asynchronously: wait for the log entry.
    await until(() => emu.log().entries.some((e) => e.route === "GET /api/v2/integrations"), "the abandoned request logged");
    expect(emu.log().entries.at(-1)).toMatchObject({ route: "GET /api/v2/integrations", status: 0 });
    emu.injectFaults({ route: "GET /api/v2/integrations", kind: "hang", hangMs: 10 });
    expect(await failure(api.integrations.getIntegrations())).toMatchObject({ status: 504 });
  });

  it("close() ends held requests and timers promptly", async () => {
    const other = await startEmulator();
    const a = await login(other.url);
    other.injectFaults({ route: "GET /api/v2/integrations", kind: "hang" });
    const hold = other.hold("GET /api/v2/organizations/me");
    const hung = a.integrations.getIntegrations().catch((e: unknown) => e);
    const held = a.organization.getOrganizationsMe().catch((e: unknown) => e);
    await until(() => other.faults().injected.hang === 1, "the hang took the request");
    await hold.arrived;
    await other.close();
    expect(await hung).toBeTruthy();
    expect(await held).toBeTruthy();
  });

  it("holds the next call of a route unanswered until released, while other calls are answered", async () => {
    emu.clearLog();
    const { body: made } = await control("POST", "/holds", { route: "get /api/v2/organizations/me" });
    expect(made).toMatchObject({ route: "GET /api/v2/organizations/me", arrived: false, released: false });
    let answered = false;
    const held = api.organization.getOrganizationsMe().then((org) => {
      answered = true;
      return org;
    });
    await until(() => emu.holds().some((h) => h.id === made!.id && h.arrived), "the held call arrived");
    // Others go on meanwhile, also later calls of the same route: a hold takes one call.
    await api.integrations.getIntegrations();
    expect((await api.organization.getOrganizationsMe()).id).toBe(emu.state().org.id);
    expect(answered).toBe(false);
    expect((await control("DELETE", `/holds/${String(made!.id)}`)).status).toBe(204);
    expect((await held).id).toBe(emu.state().org.id);
    expect((await control("GET", "/holds")).body).toEqual([{ ...made, arrived: true, released: true }]);
    // The held call is logged from its arrival: it was in flight across the two others.
    const [first, list, second] = emu.log().entries.filter((e) => e.route !== "POST /oauth/token").sort((x, y) => x.t - y.t);
    expect([first.route, list.route, second.route]).toEqual(["GET /api/v2/organizations/me", "GET /api/v2/integrations", "GET /api/v2/organizations/me"]);
    expect(first.t + first.durationMs).toBeGreaterThanOrEqual(second.t + second.durationMs);
    expect((await control("POST", "/holds", { route: "GET /api/v2/nothing" })).status).toBe(400);
    expect((await control("DELETE", "/holds/nope")).status).toBe(400);
    emu.reset();
    expect(emu.holds()).toEqual([]);
  });

  it("injects seeded random faults reproducibly and counts them by kind", async () => {
    const { id } = await newIntegration();
    const run = async () => {
      emu.clearFaults();
      await control("POST", "/random-faults", { rate: 0.5, seed: 42, kinds: ["500", "503", "invisibility"] });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push(await api.integrations.getIntegration(id!).then(() => 200, (e: { status: number }) => e.status));
      return { statuses, injected: emu.faults().injected };
    };
    const first = await run();
    const second = await run();
    expect(second.statuses).toEqual(first.statuses);
    const failures = first.statuses.filter((s) => s !== 200).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(30);
    expect(Object.values(first.injected).reduce((a, b) => a + b, 0)).toBe(failures);
    expect(first.statuses.filter((s) => s === 404).length).toBe(first.injected.invisibility ?? 0);
    const { body } = await control("GET", "/random-faults");
    expect(body!.random).toMatchObject({ seed: 42 });
    expect((await control("POST", "/random-faults", { rate: 2, seed: 1, kinds: ["500"] })).status).toBe(400);
    emu.clearFaults();
  });

  it("changes settings, rejecting unknown keys and bad values", async () => {
    const ok = await control("POST", "/settings", { latencyMs: 1, jobMs: 50 });
    expect(ok.body).toMatchObject({ latencyMs: 1, jobMs: 50 });
    expect(emu.settings().jobMs).toBe(50);
    const unknown = await control("POST", "/settings", { speed: 3 });
    expect(unknown.status).toBe(400);
    expect(String(unknown.body!.message)).toContain("'speed'");
    expect((await control("POST", "/settings", { rateLimitPerMinute: 0 })).status).toBe(400);
    emu.configure({ latencyMs: 0, jobMs: 300 });
  });

  it("adds OAuth clients", async () => {
    expect((await control("POST", "/clients", { id: "ctl", secret: "ctl-secret" })).status).toBe(204);
    await login(emu.url, "ctl", "ctl-secret");
    expect((await control("POST", "/clients", { id: "x" })).status).toBe(400);
  });

  it("locks a flow, and rejects locking an unknown flow", async () => {
    emu.configure({ jobMs: 0 });
    const job = await api.architect.postFlowsJobs();
    const yaml = 'workflow:\n  name: Lock me\n  defaultLanguage: en-us\n  startUpRef: "/workflow/states/state[s1]"\n  states:\n    - state:\n        name: S\n        refId: s1\n        actions: []\n';
    await fetch(job.presignedUrl!, { method: "PUT", headers: job.headers, body: yaml });
    const flowId = (await api.architect.getFlowsJob(job.id!)).flow!.id!;
    expect((await control("POST", `/flows/${flowId}/lock`)).status).toBe(204);
    expect(await failure(api.architect.deleteFlow(flowId))).toMatchObject({ status: 409 });
    expect((await api.architect.getFlow(flowId)).lockedClient?.id).toBe("emulator-lock-holder");
    // As a person who opened it in Architect, or as a named client.
    expect((await control("POST", `/flows/${flowId}/lock`, { user: { id: "u-1", name: "Ann Lee" } })).status).toBe(204);
    expect(await api.architect.getFlow(flowId)).toMatchObject({ lockedUser: { id: "u-1", name: "Ann Lee" } });
    expect((await api.architect.getFlow(flowId)).lockedClient).toBeUndefined();
    expect((await control("POST", `/flows/${flowId}/lock`, { clientId: "ci" })).status).toBe(204);
    expect((await api.architect.getFlow(flowId)).lockedClient?.id).toBe("ci");
    expect((await control("POST", `/flows/${flowId}/lock`, { user: { id: "u-1" } })).status).toBe(400);
    expect((await control("POST", "/flows/nope/lock")).status).toBe(400);
    emu.configure({ jobMs: 300 });
  });

  it("resets the org but keeps its id, the clients and the tokens", async () => {
    const before = emu.state().org.id;
    await newIntegration();
    expect((await control("POST", "/reset")).status).toBe(204);
    const state = emu.state();
    expect(state.integrations).toEqual([]);
    expect(state.org.id).toBe(before);
    expect(emu.log().entries).toEqual([]);
    expect((await api.integrations.getIntegrations()).total).toBe(0);
  });

  it("answers unknown paths with a Genesys 404 body", async () => {
    const res = await fetch(`${emu.url}/api/v2/nothing/here`, { headers: { Authorization: `Bearer ${api.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not.found", status: 404 });
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a token exceeds its per-minute budget; other tokens are unaffected", async () => {
    const small = await startEmulator({ rateLimitPerMinute: 3 });
    try {
      const a = await login(small.url);
      for (let i = 0; i < 3; i++) await a.integrations.getIntegrations();
      const res = await fetch(`${small.url}/api/v2/integrations`, { headers: { Authorization: `Bearer ${a.token}` } });
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe("too.many.requests");
      expect(body.message).toBe(`Rate limit exceeded the maximum. Retry the request in [${retry}] seconds`);
      const b = await login(small.url);
      await expect(b.integrations.getIntegrations()).resolves.toBeTruthy();
    } finally {
      await small.close();
    }
  });
});
