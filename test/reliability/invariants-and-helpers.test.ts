// The reliability suite's parts without a run (dev/reliability/): the invariants it checks, the
// suite's seeds, crash plan and retry count, its command line and summary, crash-recovery
// helpers; and the two pieces it leans on: token renewal and after-apply faults.
import { describe, expect, it } from "vitest";
import type { StateDump } from "../../dev/emulator/index";
import { danglingTriggers, disturbed, duplicates, residue } from "../../dev/reliability/invariants";
import { formatSummary, lastLine, parseArgs } from "../../dev/reliability/report";
import { Faults, checkTargeted } from "../../dev/emulator/faults";
import { renewalTime } from "../../providers/genesys/transport";
import { CRASH_POINTS } from "../../dev/reliability/crash-proxy";
import { pendingCreates, unconfiguredIntegrations } from "../../dev/reliability/recovery";
import { crashPlan, lifecycleSeed, retryCounter, type SuiteResult } from "../../dev/reliability/suite";

const flow = (id: string, name: string, published = true) => ({ id, name, type: "WORKFLOW", versions: published ? [{}] : [] });
const dump = (parts: Partial<Record<keyof StateDump, unknown[]>>) =>
  ({ org: { id: "o", name: "o" }, integrations: [], actions: [], flows: [], jobs: [], triggers: [], ...parts }) as unknown as StateDump;

describe("invariants", () => {
  it("finds objects sharing a natural key, per kind", () => {
    const d = dump({
      integrations: [{ id: "1", typeId: "t", name: "A" }, { id: "2", typeId: "t", name: "A" }, { id: "3", typeId: "t", name: "B" }],
      triggers: [{ id: "4", topicName: "x", name: "T", target: { id: "f" } }, { id: "5", topicName: "y", name: "T", target: { id: "f" } }],
      flows: [flow("f", "F")],
    });
    expect(duplicates(d)).toEqual(['2 integrations share the key "t / A": 1, 2']);
  });

  it("finds triggers whose workflow is missing or unpublished", () => {
    const d = dump({ flows: [flow("f1", "F1"), flow("f2", "F2", false)], triggers: ["f1", "f2", "f3"].map((f, i) => ({ id: `t${i}`, name: `T${i}`, topicName: "x", target: { id: f } })) });
    expect(danglingTriggers(d).map((m) => m.split(" (")[0])).toEqual(['trigger "T1"', 'trigger "T2"']);
  });

  it("finds seeded objects changed or deleted, and residue", () => {
    const before = dump({ integrations: [{ id: "1", name: "A", notes: "n" }, { id: "2", name: "B" }] });
    const after = dump({ integrations: [{ id: "1", name: "A", notes: "changed" }, { id: "9", name: "Ours" }] });
    const seeded = new Set(["1", "2"]);
    expect(disturbed(before, after, seeded)).toEqual(['integrations "A" (1) was changed', 'integrations "B" (2) was deleted']);
    expect(residue(after, seeded)).toEqual(['integrations "Ours" (9)']);
  });
});

describe("suite helpers", () => {
  it("derives distinct, stable lifecycle seeds", () => {
    const seeds = Array.from({ length: 100 }, (_, i) => lifecycleSeed(7, i));
    expect(new Set(seeds).size).toBe(100);
    expect(lifecycleSeed(7, 3)).toBe(seeds[3]);
    expect(lifecycleSeed(8, 3)).not.toBe(seeds[3]);
  });

  it("kills the CLI in every n-th lifecycle, at a point drawn from its seed", () => {
    const plans = Array.from({ length: 100 }, (_, i) => crashPlan(i, lifecycleSeed(7, i), 10));
    expect(plans.filter(Boolean)).toHaveLength(10);
    expect(plans[9]).toBeDefined();
    expect(plans[0]).toBeUndefined();
    expect(new Set(plans.filter(Boolean)).size).toBeGreaterThan(2);
    expect(crashPlan(0, 5, 1)).toBe(CRASH_POINTS[lifecycleSeed(5, 0x5eed) % CRASH_POINTS.length]);
    expect(crashPlan(9, 5, 0)).toBeUndefined();
  });

  it("counts retry lines across chunk boundaries, as the CLI indents them under Diagnostics, nothing else", () => {
    const counter = retryCounter();
    counter.feed("    pulumi:pulumi:Stack cognigy-x running [genesyscloud] Create trigger: attempt 1 failed (503: x); retrying in 40 ms\n");
    counter.feed("    [genesyscloud] Create trigger: attempt 1 failed (503: x); retrying in 40 ms\n");
    counter.feed("[genesyscloud] Create trigger: attempt 1 failed (503: x); retr");
    counter.feed("ying in 40 ms\n[genesyscloud] workflow \"W\": job j Started after 0 s\n");
    counter.feed("[genesyscloud] List integrations: attempt 2 failed (network: timeout); retrying in 80 ms\n");
    expect(counter.count).toBe(3);
  });
});

describe("command line and summary", () => {
  it("parses options and names a bad one with the usage", () => {
    expect(parseArgs(["--lifecycles", "50", "--seed", "9", "--rate", "0.3", "--concurrency", "4", "--crash-every", "5"], 1)).toEqual({ lifecycles: 50, seed: 9, rate: 0.3, concurrency: 4, crashEvery: 5 });
    expect(parseArgs([], 5)).toMatchObject({ lifecycles: 200, seed: 5, rate: 0.2, crashEvery: 10 });
    expect(parseArgs(["--replay", "77"], 5)).toMatchObject({ lifecycles: 1, replay: 77 });
    expect(parseArgs(["--stop-after-minutes", "30"], 5)).toMatchObject({ stopAfterMinutes: 30 });
    expect(() => parseArgs(["--rate", "2"], 1)).toThrow(/--rate needs a number from 0 to 1, got "2"\. usage:/);
    expect(() => parseArgs(["--lifecycle", "2"], 1)).toThrow(/unknown option "--lifecycle"/);
  });

  it("ends the summary with the one-line result", () => {
    const result = {
      options: { lifecycles: 2, seed: 3, rate: 0.2, concurrency: 1, crashEvery: 1 },
      lifecycles: 2,
      apiCalls: 100,
      faults: { "503": 4, hang: 1 },
      retries: 5,
      duplicates: 0,
      residue: 1,
      crashes: { "trigger create": 1 },
      crashesNotFired: { "flow upload": 1 },
      failures: [{ index: 1, seed: 99, apiCalls: 0, faults: {}, retries: 0, duplicates: 0, residue: 1, crash: "trigger create", failure: { step: "destroy", message: "residue" } }],
      wallMs: 1000,
    } as SuiteResult;
    const text = formatSummary(result);
    expect(text).toContain("lifecycle 1 failed at destroy (replay: npm run reliability -- --replay 99 --crash-every 1)");
    expect(text).toMatch(/\| CLI killed at: trigger create +\| +1 \|/);
    expect(text).toMatch(/\| CLI kill armed, not fired: flow upload +\| +1 \|/);
    expect(text).toMatch(/\| faults: hang +\| +1 \|/);
    expect(text.split("\n").pop()).toBe("lifecycles: 2, faults: 5, duplicates: 0, residue: 1, failures: 1");
    expect(lastLine(result)).toBe(text.split("\n").pop());
  });
});

describe("crash recovery helpers", () => {
  it("lists the creates a killed run was in", () => {
    const deployment = {
      pending_operations: [
        { type: "creating", resource: { urn: "urn:a", type: "t:A" } },
        { type: "updating", resource: { urn: "urn:b", type: "t:B" } },
      ],
    };
    expect(pendingCreates(deployment)).toEqual([{ urn: "urn:a", type: "t:A" }]);
    expect(pendingCreates({})).toEqual([]);
  });

  it("finds integrations as a create leaves them, before their configuration was saved", () => {
    const listed = (id: string, name: string, more: object = {}) => ({ id, name, notes: "node_dynamodb_empty_string", intendedState: "DISABLED", integrationType: { id: "custom-rest-actions" }, config: { current: { version: 1 } }, ...more });
    const found = unconfiguredIntegrations(
      [
        listed("1", "Web Services Data Actions"),
        listed("2", "Web Services Data Actions (2)", { notes: "" }),
        listed("3", "Web Services Data Actions", { config: { current: { version: 2 } } }),
        listed("4", "Web Services Data Actions", { intendedState: "ENABLED" }),
        listed("5", "Web Services Data Actions", { notes: "someone's" }),
        listed("6", "My integration"),
        listed("7", "Web Services Data Actions", { integrationType: { id: "amazon-eventbridge-source" } }),
      ],
      "custom-rest-actions",
    );
    expect(found.map((i) => i.id)).toEqual(["1", "2"]);
  });
});

describe("token renewal", () => {
  it("renews a minute early, or half-way through a token shorter than two minutes", () => {
    expect(renewalTime(0, 3_600_000)).toBe(3_540_000);
    expect(renewalTime(1_000, 121_000)).toBe(61_000);
    expect(renewalTime(0, 4_000)).toBe(2_000);
    expect(renewalTime(10, 5)).toBe(5);
  });
});

describe("after-apply faults", () => {
  it("strike writes only", () => {
    const faults = new Faults();
    faults.setRandom({ rate: 1, seed: 1, kinds: ["lost", "500-after-apply"] });
    expect(faults.decide({ route: "GET /api/v2/integrations", subject: "" }, false, false)).toBeUndefined();
    expect(["lost", "500-after-apply"]).toContain(faults.decide({ route: "POST /api/v2/integrations", subject: "" }, false, true)?.kind);
    expect(() => checkTargeted({ route: "GET /api/v2/integrations", kind: "lost" }, ["GET /api/v2/integrations"])).toThrow(/applies to writes only/);
    expect(checkTargeted({ route: "POST /api/v2/integrations", kind: "500-after-apply" }, ["POST /api/v2/integrations"]).kind).toBe("500-after-apply");
  });
});
