// `npm run bench`: the handover stack's lifecycle through Pulumi's dynamic-provider host (local
// engine, no CLI) against the emulator with injected latency and job time. Prints markdown
// tables (stdout) and ends with the one-line cold-up summary. Progress goes to stderr.
import { Emulator, startEmulator } from "../emulator/index";
import { BENCH_USAGE, BenchArgs, parseBenchArgs } from "./bench/args";
import { CHAINS, PHASES, PhaseName, lowerBoundMs } from "./bench/critical-path";
import { PhaseResult, lifecycle, measure, orgStack } from "./bench/run";
import {
  allOverlap,
  countByRoute,
  countCalls,
  jobSpans,
  noticeDelays,
  peakClientRate,
  provisioningWindow,
  readsPerObject,
  spanOf,
} from "./bench/requests";
import { formatMs, formatRatio, markdownTable } from "./bench/table";

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

interface Lifecycle {
  latencyMs: number;
  jobMs: number;
  phases: PhaseResult[];
  notice: { id: string; ms: number }[];
  rateLimit: number;
}

async function withEmulator<T>(latencyMs: number, jobMs: number, body: (emu: Emulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator({ latencyMs, jobMs });
  try {
    return await body(emu);
  } finally {
    await emu.close();
  }
}

function finishedJobs(emu: Emulator) {
  return emu.state().jobs.flatMap((j) => (j.finishedAt !== undefined ? [{ id: j.id, finishedAt: j.finishedAt }] : []));
}

async function runLifecycle(latencyMs: number, jobMs: number): Promise<Lifecycle> {
  return withEmulator(latencyMs, jobMs, async (emu) => {
    progress(`one org, ${latencyMs} ms latency, ${jobMs} ms jobs: ${PHASES.join(", ")}`);
    const phases = await lifecycle(emu, orgStack(emu, "bench"));
    const coldUp = phases[0].entries;
    return { latencyMs, jobMs, phases, notice: noticeDelays(coldUp, finishedJobs(emu)), rateLimit: emu.settings().rateLimitPerMinute };
  });
}

function phaseTable(l: Lifecycle): string {
  const rows = l.phases.map((p) => {
    const calls = countCalls(p.entries);
    const window = provisioningWindow(p.entries);
    const bound = lowerBoundMs(p.phase, l.latencyMs, l.jobMs);
    return [
      p.phase,
      formatMs(p.wallMs),
      window ? formatMs(window.ms) : "—",
      String(calls.api),
      String(calls.apiReads),
      String(calls.apiWrites),
      String(calls.logins),
      String(calls.uploads),
      bound > 0 ? formatMs(bound) : "—",
      formatRatio(p.wallMs, bound),
      window ? formatRatio(window.ms, bound) : "—",
    ];
  });
  return markdownTable(
    ["phase", "wall (end-to-end)", "provisioning window", "API calls", "reads", "writes", "logins", "uploads", "lower bound", "wall / bound", "window / bound"],
    rows,
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

interface OrgsRun {
  orgs: number;
  wallMs: number;
  windowMs: number;
  callsPerOrg: number[];
  /** Each org's own first request → last answer. */
  orgWindowsMs: number[];
  peak?: { clientId: string; count: number };
  status429: number;
  destroyWallMs: number;
}

async function runOrgs(latencyMs: number, jobMs: number, orgs: number): Promise<OrgsRun> {
  return withEmulator(latencyMs, jobMs, async (emu) => {
    progress(`${orgs} org(s) at once, ${latencyMs} ms latency: cold up, then destroy`);
    const stacks = Array.from({ length: orgs }, (_, i) => orgStack(emu, `org${i + 1}`, `org${i + 1}`));
    const started = Date.now();
    const ups = await Promise.all(stacks.map((s) => measure(emu, s, "cold up", () => s.engine.up())));
    const wallMs = Date.now() - started;
    const upEntries = emu.log().entries;
    const destroyStarted = Date.now();
    await Promise.all(stacks.map((s) => s.engine.destroy()));
    const destroyWallMs = Date.now() - destroyStarted;
    const all = emu.log().entries;
    return {
      orgs,
      wallMs,
      windowMs: provisioningWindow(upEntries)?.ms ?? 0,
      callsPerOrg: ups.map((u) => countCalls(u.entries).api),
      orgWindowsMs: ups.map((u) => provisioningWindow(u.entries)?.ms ?? 0).sort((a, b) => a - b),
      peak: peakClientRate(all),
      status429: countCalls(all).status429,
      destroyWallMs,
    };
  });
}

function orgsTable(runs: OrgsRun[], singleOrgWallMs: number, rateLimit: number): string {
  return markdownTable(
    ["orgs at once", "cold up wall (all)", "provisioning window (all)", "each org's window (median / max)", "vs one org's cold up wall", "API calls per org", "peak per-client rate (/min)", "limit (/min)", "429s", "destroy wall (all)"],
    runs.map((r) => {
      const min = Math.min(...r.callsPerOrg);
      const max = Math.max(...r.callsPerOrg);
      return [
        String(r.orgs),
        formatMs(r.wallMs),
        formatMs(r.windowMs),
        `${formatMs(r.orgWindowsMs[Math.floor((r.orgWindowsMs.length - 1) / 2)])} / ${formatMs(r.orgWindowsMs[r.orgWindowsMs.length - 1])}`,
        formatRatio(r.wallMs, singleOrgWallMs),
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
  const out: string[] = [];
  const print = (text = "") => {
    out.push(text);
    process.stdout.write(`${text}\n`);
  };
  print(`# Benchmark: latency ${args.latenciesMs.join(", ")} ms, job time ${args.jobMs} ms, orgs ${args.orgs.join(", ")}`);
  print();
  print(`Lower bound of cold up: (${chainText("cold up")}) × latency + job time. ` +
    `"API calls" are /api/v2 requests (what the per-token rate limit counts); logins (POST /oauth/token) and ` +
    `presigned uploads (S3 in Genesys) are counted beside them. "wall" is the whole engine run, including its ` +
    `provider-host and program processes (ts-node); "provisioning window" is the phase's first API request to its last API response.`);
  const summaries: { latencyMs: number; ratio: number; calls: number; wallRatio: number }[] = [];
  for (const latencyMs of args.latenciesMs) {
    const l = await runLifecycle(latencyMs, args.jobMs);
    print();
    print(`## ${latencyMs} ms latency, ${args.jobMs} ms job time, one org`);
    print();
    print(phaseTable(l));
    print();
    print(routeTable(l));
    print();
    for (const line of parallelism(l)) print(line);
    print();
    print(noticeTable(l));
    const coldUp = l.phases[0];
    const bound = lowerBoundMs("cold up", latencyMs, args.jobMs);
    summaries.push({
      latencyMs,
      ratio: (provisioningWindow(coldUp.entries)?.ms ?? 0) / bound,
      wallRatio: coldUp.wallMs / bound,
      calls: countCalls(coldUp.entries).api,
    });
    const multi = args.orgs.filter((n) => n > 0);
    if (multi.length > 0) {
      const runs: OrgsRun[] = [];
      for (const n of multi) runs.push(await runOrgs(latencyMs, args.jobMs, n));
      const single = runs.find((r) => r.orgs === 1)?.wallMs ?? coldUp.wallMs;
      print();
      print(`### Orgs at once (${latencyMs} ms latency; each org its own OAuth client and stack, one emulator)`);
      print();
      print(orgsTable(runs, single, l.rateLimit));
    }
  }
  const worst = summaries.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  print();
  print(`Summary ratio over the provisioning window (first API request → last API response); ` +
    `end-to-end wall at that latency: ${worst.wallRatio.toFixed(2)}x of the bound.`);
  print(`cold up: ${worst.ratio.toFixed(2)}x of the lower bound at ${worst.latencyMs} ms latency, ${worst.calls} API calls`);
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
