// The seeded fault-injection suite: many full lifecycles (up → update → refresh → destroy) of
// the stack program through Pulumi's dynamic-provider host against emulated orgs with random
// faults, checking the org after every step.
import * as os from "os";
import * as path from "path";
import { DEFAULT_CLIENT, type Emulator, type RandomKind, type StateDump, startEmulator } from "../../emulator/index";
import { LocalEngine, LocalEngineError } from "../engine/local-engine";
import { duplicates, residue, violations } from "./invariants";
import { seedUnrelated } from "./seed";

export interface SuiteOptions {
  lifecycles: number;
  seed: number;
  /** Probability that a Genesys call gets a fault. */
  rate: number;
  /** Independent orgs (emulator + engine) working side by side. */
  concurrency: number;
  projectDir: string;
  /** Run one lifecycle with this fault seed (a failure's `seed`) instead of seeds derived from `seed`. */
  replay?: number;
  /** Called after each lifecycle (progress). */
  onLifecycle?: (result: LifecycleResult) => void;
}

export type Step = "up" | "update" | "refresh" | "destroy";

export interface LifecycleResult {
  index: number;
  /** This lifecycle's fault seed: `--replay <seed>` runs it again (same fault draws, in call order). */
  seed: number;
  apiCalls: number;
  faults: Record<string, number>;
  retries: number;
  duplicates: number;
  residue: number;
  /** The first failed step or broken invariant; undefined when the lifecycle passed. */
  failure?: { step: Step | "cleanup"; message: string };
}

export interface SuiteResult {
  options: Omit<SuiteOptions, "onLifecycle" | "projectDir">;
  lifecycles: number;
  apiCalls: number;
  faults: Record<string, number>;
  retries: number;
  duplicates: number;
  residue: number;
  failures: LifecycleResult[];
  wallMs: number;
}

export const FAULT_KINDS: RandomKind[] = ["429", "500", "503", "latency", "hang"];
/** Single-object reads answer 404 this long after a create (Genesys's eventual consistency). */
export const INVISIBILITY_MS = 250;
/** Client bounds for the suite: hangs outlast the request timeout and must be retried. */
export const SUITE_LIMITS: Record<string, string> = {
  GENESYSCLOUD_REQUEST_TIMEOUT_MS: "1000",
  GENESYSCLOUD_RETRY_MAX_ATTEMPTS: "20",
  GENESYSCLOUD_RETRY_MIN_WAIT_MS: "50",
  GENESYSCLOUD_RETRY_MAX_WAIT_MS: "500",
  GENESYSCLOUD_RETRY_MAX_TOTAL_MS: "60000",
  GENESYSCLOUD_VISIBILITY_TIMEOUT_MS: "10000",
  GENESYSCLOUD_JOB_TIMEOUT_MS: "30000",
};
const HANG_MS = 3_000;
const LATENCY_MS = 300;
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
/** A provider retry as the API layer reports it on the host's stderr (providers/session.ts). */
const RETRY_LINE = /^\[genesyscloud\] .*: attempt \d+ failed .*; retrying in \d+ ms$/;

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

/** Stack config of one lifecycle step: only the endpoint changes between up and update. */
function stackConfig(emulator: Emulator, endpoint: string): Record<string, string> {
  return {
    "genesyscloud:oauthClientId": DEFAULT_CLIENT.id,
    "genesyscloud:oauthClientSecret": DEFAULT_CLIENT.secret,
    "genesyscloud:apiUrl": emulator.url,
    "cognigy:endpointUrl": endpoint,
  };
}

/** One org: an emulator with the other team's objects, and an engine for our stack. */
class Org {
  private emulator!: Emulator;
  private engine!: LocalEngine;
  private seeded = new Set<string>();
  private baseline!: StateDump;
  private readonly retries = retryCounter();

  constructor(
    private readonly name: string,
    private readonly projectDir: string,
  ) {}

  async open(): Promise<void> {
    this.emulator = await startEmulator({ jobMs: 100 });
    this.seeded = await seedUnrelated(this.emulator, DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret);
    this.emulator.configure({ invisibilityMs: INVISIBILITY_MS });
    this.baseline = this.emulator.state();
    this.engine = new LocalEngine({
      programPath: "stacks/index.ts",
      project: "cognigy",
      stack: this.name,
      projectDir: this.projectDir,
      config: stackConfig(this.emulator, "http://127.0.0.1:9/a"),
      secretKeys: SECRET_KEYS,
      env: { ...withoutGenesys(process.env), ...SUITE_LIMITS },
      keepHost: true,
      keepProgramProcess: true,
      compileCacheDir: path.join(os.tmpdir(), "cognigy-engine-compile-cache"),
      onHostStderr: (text) => this.retries.feed(text),
    });
  }

  async close(): Promise<void> {
    await this.engine?.close();
    await this.emulator?.close();
  }

  async lifecycle(index: number, seed: number, rate: number): Promise<LifecycleResult> {
    const emulator = this.emulator;
    const result: LifecycleResult = { index, seed, apiCalls: 0, faults: {}, retries: 0, duplicates: 0, residue: 0 };
    const injectedBefore = emulator.faults().injected;
    const retriesBefore = this.retries.count;
    emulator.clearLog();
    emulator.setRandomFaults({ rate, seed, kinds: FAULT_KINDS, retryAfterSeconds: 1, hangMs: HANG_MS, latencyMs: LATENCY_MS });
    const check = (step: Step) => {
      const state = emulator.state();
      result.duplicates = Math.max(result.duplicates, duplicates(state).length);
      const broken = violations(this.baseline, state, this.seeded);
      if (broken.length > 0) throw Object.assign(new Error(broken.join("; ")), { step });
      return state;
    };
    let step: Step = "up";
    try {
      this.engine.setConfig(stackConfig(emulator, "http://127.0.0.1:9/a"), SECRET_KEYS);
      await this.engine.up();
      check(step);
      step = "update";
      this.engine.setConfig(stackConfig(emulator, "http://127.0.0.1:9/b"), SECRET_KEYS);
      await this.engine.up();
      const urls = check(step).actions.filter((a) => !this.seeded.has(a.id)).map((a) => a.config.request.requestUrlTemplate);
      if (urls.length !== 1 || !urls[0].startsWith("http://127.0.0.1:9/b/")) throw new Error(`the endpoint update did not reach the data action: ${JSON.stringify(urls)}`);
      step = "refresh";
      const refreshed = await this.engine.refresh();
      if (refreshed.summary.drop) throw new Error(`refresh dropped ${refreshed.summary.drop} resource(s) that still exist`);
      check(step);
      step = "destroy";
      await this.engine.destroy();
      result.residue = residue(check(step), this.seeded).length;
      if (result.residue > 0) throw new Error(`residue after destroy: ${residue(emulator.state(), this.seeded).join(", ")}`);
    } catch (error) {
      const message = error instanceof LocalEngineError ? error.message : (error as Error).message;
      result.failure = { step, message };
    }
    emulator.setRandomFaults(null);
    const log = emulator.log();
    result.apiCalls = log.entries.length;
    const injected = emulator.faults().injected;
    for (const kind of Object.keys(injected)) result.faults[kind] = injected[kind] - (injectedBefore[kind] ?? 0);
    result.faults.invisibility = log.entries.filter((e) => e.status === 404 && e.method === "GET").length;
    result.retries = this.retries.count - retriesBefore;
    if (result.failure) await this.recover(result);
    return result;
  }

  /** After a failure: destroy without faults, count what is left, and start the next lifecycle on a fresh org. */
  private async recover(result: LifecycleResult): Promise<void> {
    try {
      await this.engine.destroy();
    } catch (error) {
      result.failure!.message += `\n  cleanup destroy failed too: ${(error as Error).message}`;
    }
    result.residue = Math.max(result.residue, residue(this.emulator.state(), this.seeded).length);
    await this.close();
    await this.open();
  }
}

function withoutGenesys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("GENESYSCLOUD_")));
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Runs the lifecycles over `concurrency` orgs and sums what happened. */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const { onLifecycle, projectDir, ...shown } = options;
  const results: LifecycleResult[] = [];
  let next = 0;
  const worker = async (w: number) => {
    const org = new Org(`reliability-${w}`, projectDir);
    await org.open();
    try {
      for (let index = next++; index < options.lifecycles; index = next++) {
        const seed = options.replay ?? lifecycleSeed(options.seed, index);
        const result = await org.lifecycle(index, seed, options.rate);
        results.push(result);
        onLifecycle?.(result);
      }
    } finally {
      await org.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.lifecycles)) }, (_, w) => worker(w)));
  const faults: Record<string, number> = {};
  for (const r of results) add(faults, r.faults);
  return {
    options: shown,
    lifecycles: results.length,
    apiCalls: results.reduce((n, r) => n + r.apiCalls, 0),
    faults,
    retries: results.reduce((n, r) => n + r.retries, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    residue: results.reduce((n, r) => n + r.residue, 0),
    failures: results.filter((r) => r.failure).sort((a, b) => a.index - b.index),
    wallMs: Date.now() - started,
  };
}
