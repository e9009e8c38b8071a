// `npm run bench`: the handover stack's lifecycle through the real Pulumi CLI (Automation API,
// dev/pulumi/stack.ts) against the emulator with injected latency and job time, beside the same
// operations of an empty TypeScript Pulumi program (the engine's fixed cost), and an earlier tree
// of the project against this checkout (before/after). Prints markdown tables (stdout) and ends
// with the one-line cold-up summary (--quick: the before/after table only). Progress goes to stderr.
import * as fs from "fs";
import * as os from "os";
import type { Emulator } from "./emulator/index";
import { ensurePulumiCli } from "./pulumi/build";
import type { RunResult } from "./pulumi/stack";
import { BENCH_USAGE, BenchArgs, parseBenchArgs } from "./bench/args";
import { beforeAndAfter } from "./bench/before-after";
import { beforeAfterTable } from "./bench/before-after-table";
import { CHAINS, PHASES, PhaseName, lowerBoundMs } from "./bench/critical-path";
import { OrgsRun, runOrgs } from "./bench/orgs";
import { BenchStackOptions, PhaseResult, benchScratch, emptyProgramStack, lifecycle, orgStack, withEmulator } from "./bench/run";
import {
  allOverlap,
  countByRoute,
  countCalls,
  engineHops,
  headAndTail,
  jobSpans,
  noticeDelays,
  provisioningWindow,
  readsPerObject,
  spanOf,
} from "./bench/requests";
import { formatMs, formatRatio, markdownTable, medianAndMax } from "./bench/table";

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

/** The empty program's operation each phase of the stack is set against. */
const EMPTY_COUNTERPART: Record<PhaseName, EmptyOp> = {
  "cold up": "up",
  "no-op up": "no-op up",
  preview: "preview",
  "endpoint change": "no-op up",
  refresh: "refresh",
  destroy: "destroy",
};
type EmptyOp = "up" | "no-op up" | "preview" | "refresh" | "destroy";
type EmptyRuns = Record<EmptyOp, RunResult>;

/**
 * The empty program's operations. Before its up and its no-op up it gets stack config, as the
 * stack does before its cold up and its endpoint change: ProjectStack writes config through the
 * CLI at the next operation, which the difference should not count as the stack's.
 */
async function emptyProgram(options: BenchStackOptions): Promise<EmptyRuns> {
  progress("empty program: up, no-op up, preview, refresh, destroy");
  const stack = emptyProgramStack(options, "empty");
  const config = (value: string) => stack.setConfig({ "bench-empty:value": value, "bench-empty:secret": value }, ["bench-empty:secret"]);
  config("before");
  const up = await stack.up();
  config("after");
  return { up, "no-op up": await stack.up(), preview: await stack.preview(), refresh: await stack.refresh(), destroy: await stack.destroy() };
}

function emptyTable(empty: EmptyRuns): string {
  return markdownTable(
    ["operation", "wall (end-to-end)", "program load"],
    (Object.keys(empty) as EmptyOp[]).map((op) => [op, formatMs(empty[op].wallMs), empty[op].programLoadMs === undefined ? "—" : formatMs(empty[op].programLoadMs)]),
  );
}

/** Program load of the stack and of the empty program, as the project sets it up against Pulumi's type-checking default: one preview each. */
async function programLoads(options: BenchStackOptions): Promise<string> {
  const rows: string[][] = [];
  await withEmulator(0, 0, async (emu) => {
    const loads = async (typeCheck: boolean) => {
      const mode = { ...options, typeCheck };
      progress(`program load, ${typeCheck ? "type-checked" : "as set up"}: preview of the stack and of the empty program`);
      const stack = (await orgStack(emu, mode, `load-${typeCheck ? "check" : "default"}`).stack.preview()).programLoadMs;
      const empty = (await emptyProgramStack(mode, "load").preview()).programLoadMs;
      return { stack: stack ?? 0, empty: empty ?? 0 };
    };
    const asSetUp = await loads(false);
    const check = await loads(true);
    rows.push(["handover stack (stacks/index.ts)", formatMs(asSetUp.stack), formatMs(check.stack)]);
    rows.push(["empty program", formatMs(asSetUp.empty), formatMs(check.empty)]);
    rows.push(["what the stack adds", formatMs(asSetUp.stack - asSetUp.empty), formatMs(check.stack - check.empty)]);
  });
  return markdownTable(["program (one preview each)", "as set up (tsconfig.pulumi.json: noCheck)", "type-checked (Pulumi's default, tsconfig.json)"], rows);
}

interface Lifecycle {
  latencyMs: number;
  jobMs: number;
  phases: PhaseResult[];
  notice: { id: string; ms: number }[];
  rateLimit: number;
}

function finishedJobs(emu: Emulator) {
  return emu.state().jobs.flatMap((j) => (j.finishedAt !== undefined ? [{ id: j.id, finishedAt: j.finishedAt }] : []));
}

async function runLifecycle(options: BenchStackOptions, latencyMs: number, jobMs: number): Promise<Lifecycle> {
  return withEmulator(latencyMs, jobMs, async (emu) => {
    progress(`one org, ${latencyMs} ms latency, ${jobMs} ms jobs: ${PHASES.join(", ")}`);
    const phases = await lifecycle(emu, orgStack(emu, options, `bench-${latencyMs}`));
    return { latencyMs, jobMs, phases, notice: noticeDelays(phases[0].entries, finishedJobs(emu)), rateLimit: emu.settings().rateLimitPerMinute };
  });
}

function phaseTable(l: Lifecycle, empty: EmptyRuns): string {
  const rows = l.phases.map((p) => {
    const calls = countCalls(p.entries);
    const window = provisioningWindow(p.entries);
    const edges = headAndTail(p.entries, p.startedAt, p.wallMs);
    const bound = lowerBoundMs(p.phase, l.latencyMs, l.jobMs);
    const counterpart = empty[EMPTY_COUNTERPART[p.phase]];
    return [
      p.phase,
      formatMs(p.wallMs),
      `${formatMs(p.wallMs - counterpart.wallMs)} (${EMPTY_COUNTERPART[p.phase]})`,
      p.run.programLoadMs === undefined ? "—" : formatMs(p.run.programLoadMs),
      edges ? formatMs(edges.head) : "—",
      window ? formatMs(window.ms) : "—",
      edges ? formatMs(edges.tail) : "—",
      String(calls.api),
      String(calls.apiReads),
      String(calls.apiWrites),
      String(calls.logins),
      String(calls.uploads),
      bound > 0 ? formatMs(bound) : "—",
      window ? formatRatio(window.ms, bound) : "—",
    ];
  });
  return markdownTable(
    ["phase", "wall (end-to-end)", "over the empty program's", "program load", "before the first call", "provisioning window", "after the last answer", "API calls", "reads", "writes", "logins", "uploads", "lower bound", "window / bound"],
    rows,
  );
}

/** The cold up's wall over the empty program's up, split into what the stack does before, during and after its API work. */
function addedTable(l: Lifecycle, empty: EmptyRuns): { table: string; outsideWindowMs: number } {
  const coldUp = l.phases[0];
  const added = coldUp.wallMs - empty.up.wallMs;
  const load = (coldUp.run.programLoadMs ?? 0) - (empty.up.programLoadMs ?? 0);
  const window = provisioningWindow(coldUp.entries)?.ms ?? 0;
  const rest = added - load - window;
  const rows = [
    ["program load (over the empty program's)", formatMs(load)],
    ["provisioning window (first API request → last answer)", formatMs(window)],
    ["the rest: the engine's work on the stack's resources (registrations, provider plugin start, steps, state writes)", formatMs(rest)],
    ["**added over the empty program's up**", formatMs(added)],
    ["**of which outside the provisioning window** (target ≤ 1.0 s)", formatMs(added - window)],
  ];
  return { table: markdownTable(["cold up", "ms"], rows), outsideWindowMs: added - window };
}

/** Where the cold up's provisioning window goes: the chain's calls, the engine's hops between dependent creates, the rest. */
function windowLine(l: Lifecycle): string {
  const coldUp = l.phases[0].entries;
  const window = provisioningWindow(coldUp)?.ms ?? 0;
  const bound = lowerBoundMs("cold up", l.latencyMs, l.jobMs);
  const hops = engineHops(coldUp);
  const hopsMs = hops.reduce((sum, h) => sum + h.ms, 0);
  return (
    `Cold up window ${formatMs(window)}: the lower bound ${formatMs(bound)}; the engine's hops between dependent creates ` +
    `${formatMs(hopsMs)} (${hops.map((h) => `${h.from} → ${h.to} ${formatMs(h.ms)}`).join(", ")}), which the bound does not count; ` +
    `the rest ${formatMs(window - bound - hopsMs)} (calls beyond the chain, the job's end being noticed). ` +
    `Window / (bound + hops): ${formatRatio(window, bound + hopsMs)}.`
  );
}

function routeTable(l: Lifecycle): string {
  const routes = countByRoute(l.phases.flatMap((p) => p.entries)).map(([route]) => route);
  const rows = routes.map((route) => [
    route,
    ...l.phases.map((p) => {
      const n = p.entries.filter((e) => e.route === route).length;
      return n > 0 ? String(n) : "";
    }),
  ]);
  return markdownTable(["route", ...l.phases.map((p) => p.phase)], rows);
}

function parallelism(l: Lifecycle): string[] {
  const coldUp = l.phases[0].entries;
  const jobs = [...jobSpans(coldUp).values()];
  const triggers = coldUp.filter((e) => e.route === "POST /api/v2/processautomation/triggers").map(spanOf);
  const refresh = l.phases.find((p) => p.phase === "refresh");
  const reads = refresh ? readsPerObject(refresh.entries, { integration: 1, "data action": 1, workflow: jobs.length, trigger: triggers.length }) : undefined;
  return [
    `- workflow jobs in flight together (upload → last poll): ${allOverlap(jobs) ? "yes" : "NO"} (${jobs.length} jobs)`,
    `- trigger creations in flight together: ${allOverlap(triggers) ? "yes" : "NO"} (${triggers.length} creates)`,
    ...(reads ? [`- refresh reads per object: ${Object.entries(reads).map(([kind, n]) => `${kind} ${n}`).join(", ")}`] : []),
  ];
}

function noticeTable(l: Lifecycle): string {
  const target = 0.2 * l.jobMs + 250;
  return markdownTable(
    ["job", "job time", "finished → noticed", "target (20% of job time + 250 ms)", "met"],
    l.notice.map((n) => [n.id.slice(0, 8), formatMs(l.jobMs), formatMs(n.ms), formatMs(target), n.ms <= target ? "yes" : "no"]),
  );
}

function orgsTable(runs: OrgsRun[], singleOrgWallMs: number, rateLimit: number): string {
  return markdownTable(
    ["orgs", "at a time", "cold up wall (all)", "vs one org's cold up wall", "each org's wall (median / max)", "each org's window (median / max)", "API calls per org", "peak per-client rate (/min)", "limit (/min)", "429s", "destroy wall (all)"],
    runs.map((r) => {
      const min = Math.min(...r.callsPerOrg);
      const max = Math.max(...r.callsPerOrg);
      return [
        String(r.orgs),
        String(r.parallel),
        formatMs(r.wallMs),
        formatRatio(r.wallMs, singleOrgWallMs),
        medianAndMax(r.orgWallsMs),
        medianAndMax(r.orgWindows.map((w) => w.end - w.start)),
        min === max ? String(min) : `${min}–${max}`,
        String(r.peak?.count ?? 0),
        String(rateLimit),
        String(r.status429),
        formatMs(r.destroyWallMs),
      ];
    }),
  );
}

function chainText(phase: PhaseName): string {
  return CHAINS[phase].calls.map((c) => c.route).join(" → ");
}

async function main(args: BenchArgs): Promise<void> {
  const print = (text = "") => process.stdout.write(`${text}\n`);
  const cli = await ensurePulumiCli(progress);
  const scratchDir = benchScratch(os.tmpdir());
  // The program loads as the project sets it up (tsconfig.pulumi.json); the program-load table compares Pulumi's type-checking default.
  const options: BenchStackOptions = { cli, scratchDir, typeCheck: false };
  // Before and after, in this run: an earlier tree (--before) against this checkout, at the first latency.
  const beforeAfter = async () => {
    const { before, after } = await beforeAndAfter(options, args.before, args.latenciesMs[0], args.jobMs, progress);
    print();
    print(`## Before and after: ${args.before} against this checkout (${args.latenciesMs[0]} ms latency, ${args.jobMs} ms job time, one org; load average ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} at the end)`);
    print();
    print(beforeAfterTable(before, after));
    print();
    print(
      "Each tree deploys one org's stack against its own emulator: cold up, `pulumi stack export`, preview, destroy. " +
        "SDK loads are observed by a module probe preloaded into every Node.js process of the operation (dev/bench/module-probe.js). " +
        "Provider start: the tree's provider executable (its plugin's launcher, or Pulumi's dynamic-provider host) launched on its own, no call made.",
    );
  };
  try {
    if (args.quick) {
      print(`# Benchmark (--quick): Pulumi CLI v${cli.version}, before and after only`);
      await beforeAfter();
      return;
    }
    print(`# Benchmark: Pulumi CLI v${cli.version}, latency ${args.latenciesMs.join(", ")} ms, job time ${args.jobMs} ms, orgs ${args.orgs.join(", ")} (${args.parallel} at a time)`);
    print();
    print(`Lower bound of cold up: (${chainText("cold up")}) × latency + job time. ` +
      `"API calls" are /api/v2 requests (what the per-token rate limit counts); logins (POST /oauth/token) and ` +
      `presigned uploads (S3 in Genesys) are counted beside them. "wall" is the whole operation: its host process, ` +
      `the Pulumi CLI, the program and the provider plugin; "provisioning window" is the phase's first API request to its last API response.`);

    const empty = await emptyProgram(options);
    print();
    print("## The engine's fixed cost: an empty TypeScript Pulumi program (dev/bench/empty-program)");
    print();
    print(emptyTable(empty));

    print();
    print("## Program load: without type check (tsconfig.pulumi.json) against Pulumi's type-checking default");
    print();
    print(await programLoads(options));


    const summaries: { latencyMs: number; ratio: number; calls: number; outsideWindowMs: number; coldUpWallMs: number; rateLimit: number }[] = [];
    for (const latencyMs of args.latenciesMs) {
      const l = await runLifecycle(options, latencyMs, args.jobMs);
      print();
      print(`## ${latencyMs} ms latency, ${args.jobMs} ms job time, one org`);
      print();
      print(phaseTable(l, empty));
      print();
      const added = addedTable(l, empty);
      print(added.table);
      print();
      print(windowLine(l));
      print();
      print(routeTable(l));
      print();
      for (const line of parallelism(l)) print(line);
      print();
      print(noticeTable(l));
      const coldUp = l.phases[0];
      summaries.push({
        latencyMs,
        ratio: (provisioningWindow(coldUp.entries)?.ms ?? 0) / lowerBoundMs("cold up", latencyMs, args.jobMs),
        calls: countCalls(coldUp.entries).api,
        outsideWindowMs: added.outsideWindowMs,
        coldUpWallMs: coldUp.wallMs,
        rateLimit: l.rateLimit,
      });
    }
    await beforeAfter();
    // The many-orgs scenario once, at the first latency, after the single-org tables (the longest part).
    const first = summaries[0];
    const runs: OrgsRun[] = [];
    for (const n of args.orgs) {
      progress(`${n} org stack(s), ${args.parallel} at a time, ${first.latencyMs} ms latency: cold up, then destroy`);
      runs.push(await withEmulator(first.latencyMs, args.jobMs, (emu) => runOrgs(emu, options, n, args.parallel)));
    }
    print();
    print(`## Many orgs on this machine (${os.cpus().length} cores; ${first.latencyMs} ms latency; each org its own OAuth client and stack, one emulator)`);
    print();
    print(orgsTable(runs, first.coldUpWallMs, first.rateLimit));
    const worst = summaries.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    print();
    print(`Added over the empty program's up outside the provisioning window: ${summaries.map((s) => `${formatMs(s.outsideWindowMs)} at ${s.latencyMs} ms`).join(", ")} (target ≤ 1.0 s).`);
    print(`Summary ratio over the provisioning window (first API request → last API response).`);
    print(`cold up: ${worst.ratio.toFixed(2)}x of the lower bound at ${worst.latencyMs} ms latency, ${worst.calls} API calls`);
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

let parsed: BenchArgs;
try {
  parsed = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n\n${BENCH_USAGE}\n`);
  process.exit(2);
}
if (parsed.help) {
  console.log(BENCH_USAGE);
} else {
  main(parsed).catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
