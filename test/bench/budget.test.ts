// The API-call budget and the parallelism of the real stack program (stacks/index.ts) through
// the real Pulumi CLI, the bench's own lifecycle (dev/bench/run.ts), read from the emulator's
// request log. Counts and the order of requests only: no timing is asserted (timings are
// `npm run bench`'s business).
import * as fs from "fs";
import * as os from "os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { PhaseName } from "../../dev/bench/critical-path";
import { allOverlap, countByRoute, countCalls, jobSpans, readsPerObject, spanOf } from "../../dev/bench/requests";
import { PhaseResult, benchScratch, lifecycle, orgStack } from "../../dev/bench/run";
import { inFlightTogether } from "../support/in-flight";

let emu: Emulator;
let scratchDir: string;
let phases: PhaseResult[];
const phase = (name: PhaseName) => phases.find((p) => p.phase === name) as PhaseResult;
const routes = (name: PhaseName) => phase(name).entries.map((e) => e.route);
const count = (name: PhaseName, route: string) => routes(name).filter((r) => r === route).length;

// Whether two calls are sent side by side is read from events, not from a latency window: both
// calls of each pair are held unanswered until both have arrived (inFlightTogether).
const JOB_CREATE = "POST /api/v2/flows/jobs";
const UPLOAD = "PUT /uploads/architect-jobs/{jobId}";
const TRIGGER_CREATE = "POST /api/v2/processautomation/triggers";
let together: Record<"job creations" | "uploads" | "trigger creations", boolean>;

beforeAll(async () => {
  // Activations at once: one activation read, however the machine's load spaces the calls.
  emu = await startEmulator({ jobMs: 300, activationMs: 0 });
  scratchDir = benchScratch(os.tmpdir());
  const pair = (route: string) => inFlightTogether(emu, [[route, 1], [route, 2]]);
  const pairs = { "job creations": pair(JOB_CREATE), uploads: pair(UPLOAD), "trigger creations": pair(TRIGGER_CREATE) };
  try {
    phases = await lifecycle(emu, orgStack(emu, { cli: inject("pulumiCli"), scratchDir, typeCheck: false }, "budget"));
  } finally {
    Object.values(pairs).forEach((pair) => pair.release());
  }
  together = {
    "job creations": await pairs["job creations"].together,
    uploads: await pairs.uploads.together,
    "trigger creations": await pairs["trigger creations"].together,
  };
}, 600_000);
afterAll(async () => {
  await emu?.close();
  if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
});

describe("API-call budget per phase (one org, both events)", () => {
  it("cold up: at most 26 API calls, one login, one org read, each object written once", () => {
    const calls = countCalls(phase("cold up").entries);
    const byRoute = JSON.stringify(countByRoute(phase("cold up").entries));
    expect(calls.api, byRoute).toBeLessThanOrEqual(26);
    // Besides the job polls (their number follows the job time: providers' pollDelayMs), the
    // cold up makes 21 API calls: the org's read (the org binding, once per run), 6 natural-key
    // lookups (integration, data action, each workflow and trigger), 8 writes, the integration's
    // config read, activation read and namesake check (another run against the org at once), the
    // home division's read (one for both workflows), and each published flow's read.
    expect(calls.api - count("cold up", "GET /api/v2/flows/jobs/{jobId}"), byRoute).toBeLessThanOrEqual(21);
    expect(count("cold up", "GET /api/v2/organizations/me"), byRoute).toBe(1);
    expect(count("cold up", "GET /api/v2/authorization/divisions/home"), byRoute).toBe(1);
    expect(calls.logins).toBe(1);
    expect(calls.status429).toBe(0);
    const writes = Object.fromEntries(
      [
        "POST /api/v2/integrations",
        "PUT /api/v2/integrations/{integrationId}/config/current",
        "PATCH /api/v2/integrations/{integrationId}",
        "POST /api/v2/integrations/actions",
        "POST /api/v2/flows/jobs",
        "PUT /uploads/architect-jobs/{jobId}",
        "POST /api/v2/processautomation/triggers",
      ].map((route) => [route, count("cold up", route)]),
    );
    expect(writes).toEqual({
      "POST /api/v2/integrations": 1,
      "PUT /api/v2/integrations/{integrationId}/config/current": 1,
      "PATCH /api/v2/integrations/{integrationId}": 1,
      "POST /api/v2/integrations/actions": 1,
      "POST /api/v2/flows/jobs": 2,
      "PUT /uploads/architect-jobs/{jobId}": 2,
      "POST /api/v2/processautomation/triggers": 2,
    });
    expect(calls.writes).toBe(10);
    // The stack resource, its provider, the HandoverWebhooks component, its six objects and the stack identity.
    expect(phase("cold up").run.changes).toEqual({ create: 10 });
  });

  it("no-op up and preview: no call at all", () => {
    expect(routes("no-op up")).toEqual([]);
    expect(phase("no-op up").run.changes).toEqual({ same: 10 });
    expect(routes("preview")).toEqual([]);
  });

  it("endpoint change: one write, the data action's PATCH", () => {
    const calls = countCalls(phase("endpoint change").entries);
    expect(calls.writes).toBe(1);
    expect(count("endpoint change", "PATCH /api/v2/integrations/actions/{actionId}")).toBe(1);
    // Steps of the stack's resources; the engine's default provider is no Genesys object.
    const update = phase("endpoint change").run.steps.filter((s) => s.op === "update" && !s.type.startsWith("pulumi:providers:"));
    expect(update.map((s) => s.urn.split("::").pop())).toEqual(["handover-data-action"]);
    expect(phase("endpoint change").run.changes).toEqual({ same: 9, update: 1 });
  });

  it("refresh: reads only, at most 2 per object (3 for the data action, whose templates are separate documents), and the org once", () => {
    const entries = phase("refresh").entries;
    expect(countCalls(entries).writes).toBe(0);
    const objects = { integration: 1, "data action": 1, workflow: 2, trigger: 2 } as const;
    const reads = readsPerObject(entries, objects);
    expect(reads.integration).toBeLessThanOrEqual(2);
    expect(reads.workflow).toBeLessThanOrEqual(2);
    expect(reads.trigger).toBeLessThanOrEqual(2);
    expect(reads["data action"]).toBeLessThanOrEqual(3);
    // And the org's read, once: the org binding.
    expect(countCalls(entries).apiReads).toBeLessThanOrEqual(2 * 6 + 1);
  });

  it("destroy: at most 10 calls, one delete per object, nothing left", () => {
    const calls = countCalls(phase("destroy").entries);
    expect(calls.total).toBeLessThanOrEqual(10);
    expect(calls.apiWrites).toBe(6);
    const state = emu.state();
    expect([state.integrations, state.actions, state.flows, state.triggers].map((list) => list.length)).toEqual([0, 0, 0, 0]);
  });
});

describe("parallelism in the cold up's request log", () => {
  it("the two workflow jobs are in flight together (upload → last poll), and so are their job creations", () => {
    // Both jobs' creations, and both uploads, arrived before either was answered.
    expect(together["job creations"]).toBe(true);
    expect(together.uploads).toBe(true);
    const entries = phase("cold up").entries;
    const jobs = [...jobSpans(entries).values()];
    expect(jobs).toHaveLength(2);
    expect(allOverlap(jobs)).toBe(true);
    expect(allOverlap(entries.filter((e) => e.route === JOB_CREATE).map(spanOf))).toBe(true);
  });

  it("the two trigger creations are in flight together", () => {
    expect(together["trigger creations"]).toBe(true);
    const creates = phase("cold up").entries.filter((e) => e.route === TRIGGER_CREATE);
    expect(creates).toHaveLength(2);
    expect(allOverlap(creates.map(spanOf))).toBe(true);
  });
});
