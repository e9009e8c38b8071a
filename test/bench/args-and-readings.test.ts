// The bench's parts that need no Pulumi run (dev/bench/): its arguments, the critical-path lower
// bound, readings of the emulator's request log, its tables, and the bounded runner it shares
// with tools/org-stacks.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, LogEntry, startEmulator } from "../../dev/emulator/index";
import { BENCH_DEFAULTS, parseBenchArgs } from "../../dev/bench/args";
import { CHAINS, PHASES, lowerBoundMs } from "../../dev/bench/critical-path";
import {
  allOverlap,
  callKind,
  clientEntries,
  countByRoute,
  countCalls,
  engineHops,
  headAndTail,
  jobSpans,
  maxConcurrent,
  noticeDelays,
  peakClientRate,
  provisioningWindow,
  readsPerObject,
  writeWindow,
} from "../../dev/bench/requests";
import { formatBytes, formatMs, formatRatio, markdownTable, median, medianAndMax } from "../../dev/bench/table";
import { runBounded } from "../../tools/org-stacks/bounded";

const entry = (route: string, t: number, durationMs: number, clientId: string | null = "a", path = route.split(" ")[1]): LogEntry => ({
  t,
  method: route.split(" ")[0],
  path,
  route,
  status: 200,
  clientId,
  durationMs,
});

describe("bench arguments", () => {
  it("defaults, lists, = form and help", () => {
    expect(parseBenchArgs([])).toEqual({ ...BENCH_DEFAULTS, help: false });
    expect(parseBenchArgs(["--latency-ms", "50,200", "--job-ms=1500", "--orgs", "1,5,20", "--parallel", "3"])).toEqual({
      latenciesMs: [50, 200],
      jobMs: 1500,
      orgs: [1, 5, 20],
      parallel: 3,
      before: "11b863a",
      quick: false,
      help: false,
    });
    expect(parseBenchArgs(["--help"]).help).toBe(true);
  });

  it("takes the before/after comparison's earlier tree and --quick", () => {
    expect(parseBenchArgs(["--quick", "--before", "05805B9"])).toMatchObject({ quick: true, before: "05805B9" });
    expect(parseBenchArgs(["--before=11b863a4f0"]).before).toBe("11b863a4f0");
    expect(() => parseBenchArgs(["--before", "main"])).toThrow(/--before "main" is not a commit id \(7 to 40 hex digits\); e\.g\. --before 11b863a/);
    expect(() => parseBenchArgs(["--before", "11b8"])).toThrow(/--before "11b8" is not a commit id/);
    expect(() => parseBenchArgs(["--before"])).toThrow(/--before needs a value, e\.g\. --before 11b863a/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/known: --latency-ms, --job-ms, --orgs, --parallel, --before, --quick, --help/);
  });

  it("names the bad value and the fix", () => {
    expect(() => parseBenchArgs(["--latency-ms", "fast"])).toThrow(/--latency-ms "fast" is not a whole number of milliseconds; e\.g\. --latency-ms 50,200/);
    expect(() => parseBenchArgs(["--parallel", "0"])).toThrow(/--parallel 0 is out of range; use 1 to 50/);
    expect(() => parseBenchArgs(["--parallel", "two"])).toThrow(/--parallel "two" is not a whole number of stacks; e\.g\. --parallel 2/);
    expect(() => parseBenchArgs(["--orgs", "0"])).toThrow(/--orgs 0 is out of range; use 1 to 50/);
    expect(() => parseBenchArgs(["--orgs", "1,,2"])).toThrow(/--orgs "1,,2" has an empty item/);
    expect(() => parseBenchArgs(["--job-ms"])).toThrow(/--job-ms needs a value/);
    expect(() => parseBenchArgs(["--jobs", "3"])).toThrow(/Unknown argument "--jobs"; known: --latency-ms, --job-ms, --orgs, --parallel/);
    expect(() => parseBenchArgs(["--orgs", "1", "--orgs", "2"])).toThrow(/--orgs is given twice/);
  });
});

describe("critical-path lower bound", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it("every chain call is a route the emulator serves", () => {
    const routes = [...emu.routes()];
    for (const phase of PHASES) for (const call of CHAINS[phase].calls) expect(routes, `${phase}: ${call.route}`).toContain(call.route);
  });

  it("is the chain's calls times the latency, plus the job time where the chain waits for a job", () => {
    expect(CHAINS["cold up"].calls).toHaveLength(10);
    expect(lowerBoundMs("cold up", 50, 2000)).toBe(2500);
    expect(lowerBoundMs("cold up", 200, 2000)).toBe(4000);
    expect(lowerBoundMs("destroy", 200, 2000)).toBe(1000);
    expect(lowerBoundMs("no-op up", 200, 2000)).toBe(0);
    expect(lowerBoundMs("preview", 200, 2000)).toBe(0);
  });
});

describe("request-log readings", () => {
  const log = [
    entry("POST /oauth/token", 0, 10),
    entry("GET /api/v2/integrations", 10, 10),
    entry("POST /api/v2/integrations", 20, 10),
    entry("POST /api/v2/flows/jobs", 30, 10),
    entry("PUT /uploads/architect-jobs/{jobId}", 40, 10, null, "/uploads/architect-jobs/j1"),
    entry("PUT /uploads/architect-jobs/{jobId}", 42, 10, null, "/uploads/architect-jobs/j2"),
    entry("GET /api/v2/flows/jobs/{jobId}", 100, 10, "a", "/api/v2/flows/jobs/j1"),
    entry("GET /api/v2/flows/jobs/{jobId}", 300, 10, "a", "/api/v2/flows/jobs/j1"),
    entry("GET /api/v2/flows/jobs/{jobId}", 500, 10, "a", "/api/v2/flows/jobs/j1"),
    entry("GET /api/v2/flows/jobs/{jobId}", 90, 10, "b", "/api/v2/flows/jobs/j2"),
  ];

  it("counts logins, uploads, API reads and writes, and calls by route", () => {
    expect(["POST /oauth/token", "PUT /uploads/architect-jobs/{jobId}", "GET /api/v2/flows"].map(callKind)).toEqual(["login", "upload", "api"]);
    expect(countCalls(log)).toEqual({ api: 7, apiReads: 5, apiWrites: 2, logins: 1, uploads: 2, total: 10, writes: 4, status429: 0 });
    expect(countCalls([{ ...log[1], status: 429 }]).status429).toBe(1);
    expect(countByRoute(log)[0]).toEqual(["GET /api/v2/flows/jobs/{jobId}", 4]);
  });

  it("keeps one client's requests and the uploads of the jobs it polled", () => {
    expect(clientEntries(log, "b").map((e) => e.path)).toEqual(["/uploads/architect-jobs/j2", "/api/v2/flows/jobs/j2"]);
  });

  it("spans the window from the first arrival to the last answer, and per job from upload to last poll", () => {
    expect(provisioningWindow(log)).toEqual({ start: 0, end: 510, ms: 510 });
    expect(provisioningWindow([])).toBeUndefined();
    // Writes: the integration's create (20–30), the job's create and both uploads (to 52); not the login, nor the reads after.
    expect(writeWindow(log)).toEqual({ start: 20, end: 52, ms: 32 });
    expect(writeWindow(log.filter((e) => e.method === "GET"))).toBeUndefined();
    expect(headAndTail(log, -5, 520)).toEqual({ head: 5, tail: 5 });
    expect(headAndTail([], 0, 100)).toBeUndefined();
    expect(Object.fromEntries(jobSpans(log))).toEqual({ j1: { start: 40, end: 510 }, j2: { start: 42, end: 100 } });
  });

  it("tells spans in flight together from spans one after another", () => {
    expect(allOverlap([{ start: 0, end: 10 }, { start: 5, end: 20 }])).toBe(true);
    expect(allOverlap([{ start: 0, end: 10 }, { start: 10, end: 20 }])).toBe(false);
    expect(allOverlap([{ start: 0, end: 10 }])).toBe(false);
  });

  it("measures a job's notice delay to the answer of the first poll after it finished", () => {
    expect(noticeDelays(log, [{ id: "j1", finishedAt: 250 }, { id: "j2", finishedAt: 400 }])).toEqual([{ id: "j1", ms: 60 }]);
  });

  it("finds the busiest client within a sliding minute (API calls only)", () => {
    const burst = [0, 1_000, 59_000, 61_000, 62_000].map((t) => entry("GET /api/v2/flows", t, 5, "c"));
    // 59 s, 61 s and 62 s fall within one minute; 0 s and 61 s do not.
    expect(peakClientRate([...burst, entry("POST /oauth/token", 500, 5, "c")])).toEqual({ clientId: "c", count: 3 });
    expect(peakClientRate([...burst, entry("GET /api/v2/flows", 60_500, 5, "c")])).toEqual({ clientId: "c", count: 4 });
    expect(peakClientRate([])).toBeUndefined();
  });

  it("measures the engine's hop between dependent creates, from the last answer before the next kind's first request", () => {
    const log = [
      entry("POST /api/v2/integrations", 0, 10),
      entry("GET /api/v2/integrations", 20, 10),
      entry("POST /api/v2/integrations/actions", 100, 10),
      entry("POST /api/v2/flows/jobs", 150, 10),
      entry("POST /api/v2/flows/jobs", 150, 10),
      entry("GET /api/v2/flows/jobs/{jobId}", 300, 10),
      entry("POST /api/v2/processautomation/triggers", 340, 10),
      // the other workflow, still polling while the first trigger is made
      entry("GET /api/v2/flows/jobs/{jobId}", 345, 10),
      entry("POST /api/v2/processautomation/triggers", 400, 10),
    ];
    expect(engineHops(log)).toEqual([
      { from: "integration", to: "data action", ms: 70 },
      { from: "data action", to: "workflow", ms: 40 },
      { from: "workflow", to: "trigger", ms: 30 },
    ]);
    expect(engineHops(log.slice(0, 2))).toEqual([]);
  });

  it("divides reads by the number of objects of each kind", () => {
    const reads = [
      "GET /api/v2/integrations/{integrationId}",
      "GET /api/v2/integrations/{integrationId}/config/current",
      "GET /api/v2/integrations/actions/{actionId}",
      "GET /api/v2/flows/{flowId}",
      "GET /api/v2/flows/{flowId}",
      "GET /api/v2/processautomation/triggers/{triggerId}",
      "DELETE /api/v2/processautomation/triggers/{triggerId}",
    ].map((route, i) => entry(route, i, 1));
    expect(readsPerObject(reads, { integration: 1, "data action": 1, workflow: 2, trigger: 2 })).toEqual({
      integration: 2,
      "data action": 1,
      workflow: 1,
      trigger: 0.5,
    });
  });
});

describe("tables", () => {
  it("renders markdown, right-aligning numeric columns and escaping pipes", () => {
    expect(markdownTable(["phase", "wall"], [["cold up", "850 ms"], ["a|b", "12.3 s"]])).toBe(
      "| phase | wall |\n| --- | ---: |\n| cold up | 850 ms |\n| a\\|b | 12.3 s |",
    );
    expect(() => markdownTable(["a", "b"], [["1"]])).toThrow(/row 0 has 1 cells; the table has 2 columns/);
  });

  it("formats milliseconds and ratios", () => {
    expect([formatMs(849.6), formatMs(12_345)]).toEqual(["850 ms", "12.3 s"]);
    expect([formatRatio(3300, 2500), formatRatio(5, 0)]).toEqual(["1.32x", "—"]);
  });

  it("formats bytes in decimal units, and the median and max of some milliseconds", () => {
    expect([formatBytes(850), formatBytes(19_812), formatBytes(1_104_000)]).toEqual(["850 B", "19.8 KB", "1.10 MB"]);
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2, undefined]);
    expect(medianAndMax([560, 540, 570])).toBe("560 ms / 570 ms");
  });
});

describe("bounded parallelism (org stacks, the bench's many-orgs scenario)", () => {
  it("counts the most spans in flight at one moment", () => {
    expect(maxConcurrent([])).toBe(0);
    expect(maxConcurrent([{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 20, end: 30 }])).toBe(1);
    expect(maxConcurrent([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 8, end: 9 }, { start: 15, end: 30 }])).toBe(3);
  });

  it("never runs more than the limit at once, starts in order and keeps each result in its item's place", async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const release: (() => void)[] = [];
    const done = runBounded([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return item * 10;
    });
    // Release the tasks one by one, in the order they started, until all have run.
    while (started.length < 5 || release.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50].map((value) => ({ ok: true, value })));
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it("settles every task: one failure does not stop the others", async () => {
    const results = await runBounded(["a", "b", "c"], 1, async (item) => {
      if (item === "b") throw new Error("b failed");
      return item;
    });
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual(["a", "b failed", "c"]);
  });

  it("refuses a limit below one", async () => {
    await expect(runBounded([1], 0, async (x) => x)).rejects.toThrow(/parallelism 0 is not a whole number of at least 1/);
  });
});
