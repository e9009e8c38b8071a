// The command line and the printed summary of the reliability suite (pure).
import type { SuiteOptions, SuiteResult } from "./suite";

/** What the command line sets: the suite's options but the CLI and the progress callback. */
export type CliOptions = Omit<SuiteOptions, "cli" | "onLifecycle">;

const USAGE = "usage: npm run reliability -- [--lifecycles N] [--seed N] [--rate 0..1] [--concurrency K] [--crash-every N] [--stop-after-minutes M] [--replay SEED]";

/** Parses `--name value` pairs; throws naming the bad flag and the fix. */
export function parseArgs(argv: readonly string[], randomSeed: number): CliOptions {
  // Three orgs side by side keep a 2-core machine busy without starving the CLIs of their timeouts.
  const options: CliOptions = { lifecycles: 200, seed: randomSeed, rate: 0.2, concurrency: 3, crashEvery: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const text = argv[i + 1];
    const value = Number(text);
    const integer = (min: number) => {
      if (text === undefined || !Number.isInteger(value) || value < min) throw new Error(`${flag} needs an integer >= ${min}, got ${JSON.stringify(text)}. ${USAGE}`);
      return value;
    };
    if (flag === "--lifecycles") options.lifecycles = integer(1);
    else if (flag === "--seed") options.seed = integer(0);
    else if (flag === "--concurrency") options.concurrency = integer(1);
    else if (flag === "--replay") options.replay = integer(0);
    else if (flag === "--crash-every") options.crashEvery = integer(0);
    else if (flag === "--stop-after-minutes") options.stopAfterMinutes = integer(1);
    else if (flag === "--rate") {
      if (text === undefined || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`--rate needs a number from 0 to 1, got ${JSON.stringify(text)}. ${USAGE}`);
      options.rate = value;
    } else throw new Error(`unknown option ${JSON.stringify(flag)}. ${USAGE}`);
  }
  if (options.replay !== undefined) options.lifecycles = 1;
  return options;
}

/** The summary table, then the one-line result (always the last line). */
export function formatSummary(result: SuiteResult): string {
  const rows: [string, string][] = [
    ["seed", String(result.options.seed)],
    ["fault rate", String(result.options.rate)],
    ["concurrency (orgs)", String(result.options.concurrency)],
    ["lifecycles", result.lifecycles < result.options.lifecycles ? `${result.lifecycles} of ${result.options.lifecycles}` : String(result.lifecycles)],
    ["API calls", String(result.apiCalls)],
    ...Object.keys(result.faults)
      .sort()
      .map((kind): [string, string] => [`faults: ${kind}`, String(result.faults[kind])]),
    ["retries (provider)", String(result.retries)],
    ...Object.keys(result.crashes)
      .sort()
      .map((point): [string, string] => [`CLI killed at: ${point}`, String(result.crashes[point])]),
    ...Object.keys(result.crashesNotFired)
      .sort()
      .map((point): [string, string] => [`CLI kill armed, not fired: ${point}`, String(result.crashesNotFired[point])]),
    ["duplicates", String(result.duplicates)],
    ["residue", String(result.residue)],
    ["failures", String(result.failures.length)],
    ["wall time", `${(result.wallMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padStart(8)} |`);
  const rule = `|${"-".repeat(width + 2)}|${"-".repeat(10)}|`;
  const failures = result.failures.map(
    (f) =>
      `lifecycle ${f.index} failed at ${f.failure!.step} (replay: npm run reliability -- --replay ${f.seed}${f.crash ? " --crash-every 1" : ""}):\n  ${f.failure!.message}`,
  );
  return [...failures, rule, ...table, rule, lastLine(result)].join("\n");
}

export function totalFaults(result: SuiteResult): number {
  return Object.values(result.faults).reduce((n, v) => n + v, 0);
}

export function lastLine(result: SuiteResult): string {
  return `lifecycles: ${result.lifecycles}, faults: ${totalFaults(result)}, duplicates: ${result.duplicates}, residue: ${result.residue}, failures: ${result.failures.length}`;
}
