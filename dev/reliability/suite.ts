// The seeded fault-injection suite: many full lifecycles (up → update → refresh → destroy) of
// the stack through the real Pulumi CLI against emulated orgs with random faults, a tenth of
// them with the CLI killed mid-create and the runbook's recovery, checking the org after every
// step.
import type { RandomKind } from "../emulator/index";
import type { PulumiCli } from "../../tools/pulumi/cli";
import { StackRunError } from "../pulumi/stack";
import { CRASH_POINTS, type CrashPoint } from "./crash-proxy";
import { duplicates, residue, violations } from "./invariants";
import { ReliabilityOrg, SECRET_KEYS, stackConfig } from "./org";

export interface SuiteOptions {
  lifecycles: number;
  seed: number;
  /** Probability that a Genesys call gets a fault. */
  rate: number;
  /** Independent orgs (emulator + stack) working side by side. */
  concurrency: number;
  /** Every this many lifecycles, the CLI is killed mid-create and recovered by the runbook (0: never). */
  crashEvery: number;
  /** Start no lifecycle after this many minutes (the summary then counts the lifecycles that ran). */
  stopAfterMinutes?: number;
  cli: PulumiCli;
  /** Run one lifecycle with this fault seed (a failure's `seed`) instead of seeds derived from `seed`. */
  replay?: number;
  /** Called after each lifecycle (progress). */
  onLifecycle?: (result: LifecycleResult) => void;
}

export type Step = "up" | "recovery" | "update" | "refresh" | "destroy";

export interface LifecycleResult {
  index: number;
  /** This lifecycle's fault seed: `--replay <seed>` runs it again (the same fault for the same call: route, object name, attempt). */
  seed: number;
  apiCalls: number;
  faults: Record<string, number>;
  retries: number;
  duplicates: number;
  residue: number;
  /** Where the CLI was killed, when this lifecycle was one of the crashed tenth. */
  crash?: string;
  /**
   * Where the CLI was to be killed, when this lifecycle was one of the crashed tenth but the kill
   * never came: the proxy kills on the answer to the first write of the armed kind, and a hang or
   * lost-answer fault on that write leaves no answer (the providers' retry then recovers the object).
   */
  crashNotFired?: string;
  /** The first failed step or broken invariant; undefined when the lifecycle passed. */
  failure?: { step: Step | "cleanup"; message: string };
}

export interface SuiteResult {
  options: Omit<SuiteOptions, "onLifecycle" | "cli">;
  lifecycles: number;
  apiCalls: number;
  faults: Record<string, number>;
  retries: number;
  duplicates: number;
  residue: number;
  /** Lifecycles whose CLI was killed, by crash point. */
  crashes: Record<string, number>;
  /** Lifecycles armed to kill the CLI where the kill never came (see crashNotFired), by crash point. */
  crashesNotFired: Record<string, number>;
  failures: LifecycleResult[];
  wallMs: number;
}

export const FAULT_KINDS: RandomKind[] = ["429", "500", "503", "latency", "hang", "lost", "500-after-apply"];
/** Tokens live this long, so every lifecycle outlives several and renews them mid-run. */
export const TOKEN_TTL_SECONDS = 5;
/** Single-object reads answer 404 this long after a create (Genesys's eventual consistency). */
export const INVISIBILITY_MS = 250;
const HANG_MS = 3_000;
const LATENCY_MS = 300;
/** A provider retry as the API layer reports it on the host's stderr (providers/provider-base.ts). */
const RETRY_LINE = /^\s*\[genesyscloud\] .*: attempt \d+ failed .*; retrying in \d+ ms$/;

/** The seed of lifecycle `index` of a run seeded with `seed` (pure; mulberry-style mix). */
export function lifecycleSeed(seed: number, index: number): number {
  let x = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  return (x ^ (x >>> 13)) >>> 0;
}

/** Counts complete retry lines in a stream of stderr chunks. */
export function retryCounter(): { feed(text: string): void; readonly count: number } {
  let partial = "";
  let count = 0;
  return {
    feed(text) {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      count += lines.filter((line) => RETRY_LINE.test(line)).length;
    },
    get count() {
      return count;
    },
  };
}

/** Pure: where lifecycle `index` kills the CLI: every `every`-th lifecycle, at a write point drawn from its seed. */
export function crashPlan(index: number, seed: number, every: number): CrashPoint | undefined {
  if (every <= 0 || index % every !== every - 1) return undefined;
  return CRASH_POINTS[lifecycleSeed(seed, 0x5eed) % CRASH_POINTS.length];
}

/** One org: an emulator with the other team's objects, and our stack on the real CLI. */
class Org {
  private org!: ReliabilityOrg;
  private readonly retries = retryCounter();

  constructor(
    private readonly name: string,
    private readonly cli: PulumiCli,
  ) {}

  async open(): Promise<void> {
    // The CLI prints the providers' stderr twice (as it runs, and under Diagnostics): only the
    // indented Diagnostics copy matches RETRY_LINE.
    this.org = await ReliabilityOrg.open({ cli: this.cli, stack: this.name, emulator: { tokenTtlSeconds: TOKEN_TTL_SECONDS }, onOutput: (text) => this.retries.feed(text) });
    this.org.emulator.configure({ invisibilityMs: INVISIBILITY_MS });
  }

  async close(): Promise<void> {
    await this.org?.close();
  }

  async lifecycle(index: number, seed: number, rate: number, crashEvery: number): Promise<LifecycleResult> {
    const { emulator, stack, proxy, baseline, seeded } = this.org;
    const result: LifecycleResult = { index, seed, apiCalls: 0, faults: {}, retries: 0, duplicates: 0, residue: 0 };
    const injectedBefore = emulator.faults().injected;
    const retriesBefore = this.retries.count;
    emulator.clearLog();
    emulator.setRandomFaults({ rate, seed, kinds: FAULT_KINDS, retryAfterSeconds: 1, hangMs: HANG_MS, latencyMs: LATENCY_MS });
    const check = (step: Step) => {
      const state = emulator.state();
      result.duplicates = Math.max(result.duplicates, duplicates(state).length);
      const broken = violations(baseline, state, seeded);
      if (broken.length > 0) throw new Error(broken.join("; "));
      return state;
    };
    const crash = crashPlan(index, seed, crashEvery);
    let step: Step = "up";
    try {
      stack.setConfig(stackConfig(proxy.url, { "cognigy:endpointUrl": "http://127.0.0.1:9/a" }), SECRET_KEYS);
      if (crash) {
        proxy.arm(crash, () => stack.kill());
        const killed = await stack.up().then(() => undefined, (error: unknown) => error);
        if (proxy.fired) {
          result.crash = crash.name;
          if (!(killed instanceof StackRunError && killed.killed)) throw new Error(`the CLI was killed at "${crash.name}" but the run ended otherwise: ${String(killed)}`);
          check(step);
          step = "recovery";
          await this.org.recover();
        } else if (killed) {
          throw killed;
        } else {
          result.crashNotFired = crash.name;
        }
        proxy.disarm();
      } else {
        await stack.up();
      }
      check(step);
      step = "update";
      stack.setConfig(stackConfig(proxy.url, { "cognigy:endpointUrl": "http://127.0.0.1:9/b" }), SECRET_KEYS);
      await stack.up();
      const urls = check(step).actions.filter((a) => !seeded.has(a.id)).map((a) => a.config.request.requestUrlTemplate);
      if (urls.length !== 1 || !urls[0].startsWith("http://127.0.0.1:9/b/")) throw new Error(`the endpoint update did not reach the data action: ${JSON.stringify(urls)}`);
      step = "refresh";
      const refreshed = await stack.refresh();
      if (refreshed.changes.delete) throw new Error(`refresh dropped ${refreshed.changes.delete} resource(s) that still exist`);
      check(step);
      step = "destroy";
      await stack.destroy();
      result.residue = residue(check(step), seeded).length;
      if (result.residue > 0) throw new Error(`residue after destroy: ${residue(emulator.state(), seeded).join(", ")}`);
    } catch (error) {
      result.failure = { step, message: (error as Error).message };
    }
    proxy.disarm();
    emulator.setRandomFaults(null);
    const log = emulator.log();
    result.apiCalls = log.entries.length;
    const injected = emulator.faults().injected;
    for (const kind of Object.keys(injected)) result.faults[kind] = injected[kind] - (injectedBefore[kind] ?? 0);
    result.faults.invisibility = log.entries.filter((e) => e.status === 404 && e.method === "GET").length;
    // Not injected but provoked: calls with a token that had just expired, and writes whose
    // version a lost answer had already bumped.
    result.faults["expired token"] = log.entries.filter((e) => e.status === 401 && e.route !== "POST /oauth/token").length;
    result.faults["stale version"] = log.entries.filter((e) => e.status === 409).length;
    result.retries = this.retries.count - retriesBefore;
    if (result.failure) await this.recoverFromFailure(result);
    return result;
  }

  /** After a failure: destroy without faults, count what is left, and start the next lifecycle on a fresh org. */
  private async recoverFromFailure(result: LifecycleResult): Promise<void> {
    try {
      // A killed or timed-out run leaves the stack locked; an unlocked stack needs no cancel.
      await this.org.stack.cancel().catch(() => undefined);
      await this.org.stack.destroy();
    } catch (error) {
      result.failure!.message += `\n  cleanup destroy failed too: ${(error as Error).message}`;
    }
    result.residue = Math.max(result.residue, residue(this.org.emulator.state(), this.org.seeded).length);
    await this.close();
    await this.open();
  }
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Runs the lifecycles over `concurrency` orgs and sums what happened. */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const { onLifecycle, cli, ...shown } = options;
  const results: LifecycleResult[] = [];
  let next = 0;
  const worker = async (w: number) => {
    const org = new Org(`reliability-${w}`, cli);
    await org.open();
    try {
      const due = () => options.stopAfterMinutes === undefined || Date.now() - started < options.stopAfterMinutes * 60_000;
      for (let index = next++; index < options.lifecycles && due(); index = next++) {
        const seed = options.replay ?? lifecycleSeed(options.seed, index);
        const result = await org.lifecycle(index, seed, options.rate, options.crashEvery);
        results.push(result);
        onLifecycle?.(result);
      }
    } finally {
      await org.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.lifecycles)) }, (_, w) => worker(w)));
  const faults: Record<string, number> = {};
  const crashes: Record<string, number> = {};
  const crashesNotFired: Record<string, number> = {};
  for (const r of results) {
    add(faults, r.faults);
    if (r.crash) crashes[r.crash] = (crashes[r.crash] ?? 0) + 1;
    if (r.crashNotFired) crashesNotFired[r.crashNotFired] = (crashesNotFired[r.crashNotFired] ?? 0) + 1;
  }
  return {
    options: shown,
    lifecycles: results.length,
    apiCalls: results.reduce((n, r) => n + r.apiCalls, 0),
    faults,
    retries: results.reduce((n, r) => n + r.retries, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    residue: results.reduce((n, r) => n + r.residue, 0),
    crashes,
    crashesNotFired,
    failures: results.filter((r) => r.failure).sort((a, b) => a.index - b.index),
    wallMs: Date.now() - started,
  };
}
