// `npm run bench` arguments: pure parsing, every bad value named with the fix.

export interface BenchArgs {
  /** One scenario per latency (injected per Genesys call, ms). */
  latenciesMs: number[];
  /** Workflow job processing time in the emulator (upload → Success), ms. */
  jobMs: number;
  /** Org counts of the many-orgs scenario (one emulator, one OAuth client and stack per org). */
  orgs: number[];
  /** How many of those org stacks run at once (tools/org-stacks.ts's --parallel). */
  parallel: number;
  /** The earlier tree of the before/after comparison (a commit of this repository). */
  before: string;
  /** Only the before/after comparison, at the first latency. */
  quick: boolean;
  help: boolean;
}

// 11b863a: the last main of dynamic providers, issue 25's "before".
export const BENCH_DEFAULTS: Omit<BenchArgs, "help"> = { latenciesMs: [50, 200], jobMs: 2000, orgs: [1], parallel: 2, before: "11b863a", quick: false };

/** Each org's run is a CLI, a Node.js host and a provider plugin process; past this the machine, not the product, is measured. */
export const MAX_ORGS = 50;

export const BENCH_USAGE = `Usage: npm run bench [-- --latency-ms 50,200] [--job-ms 2000] [--orgs 1,5,20] [--parallel 2] [--before 11b863a] [--quick]

  --latency-ms <list>  per-call latency the emulator adds, comma-separated ms (default ${BENCH_DEFAULTS.latenciesMs.join(",")})
  --job-ms <ms>        workflow job time from upload to Success (default ${BENCH_DEFAULTS.jobMs})
  --orgs <list>        org counts of the many-orgs scenario, at the first latency, comma-separated (default ${BENCH_DEFAULTS.orgs.join(",")}, at most ${MAX_ORGS})
  --parallel <n>       org stacks running at once in that scenario (default ${BENCH_DEFAULTS.parallel}, at most ${MAX_ORGS})
  --before <commit>    the earlier tree the before/after table compares this checkout with (default ${BENCH_DEFAULTS.before}, the last main of dynamic providers)
  --quick              only the before/after comparison, at the first latency (a few minutes instead of the whole bench)
  --help               this text`;

const FLAGS = ["--latency-ms", "--job-ms", "--orgs", "--parallel", "--before"] as const;
type Flag = (typeof FLAGS)[number];
type NumberFlag = Exclude<Flag, "--before">;
const UNIT: Record<NumberFlag, string> = { "--latency-ms": "milliseconds", "--job-ms": "milliseconds", "--orgs": "orgs", "--parallel": "stacks" };
const EXAMPLE: Record<Flag, string> = { "--latency-ms": "50,200", "--job-ms": "2000", "--orgs": "1,5,20", "--parallel": "2", "--before": "11b863a" };

function integer(flag: NumberFlag, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new Error(`${flag} "${text}" is not a whole number of ${UNIT[flag]}; e.g. ${flag} ${EXAMPLE[flag]}`);
  }
  const value = Number(text.trim());
  if (value < min || value > max) throw new Error(`${flag} ${value} is out of range; use ${min} to ${max}`);
  return value;
}

function list(flag: NumberFlag, text: string, min: number, max: number): number[] {
  const items = text.split(",");
  if (items.some((item) => item.trim() === "")) throw new Error(`${flag} "${text}" has an empty item; write a comma-separated list such as 50,200`);
  return items.map((item) => integer(flag, item, min, max));
}

function commitId(text: string): string {
  if (!/^[0-9a-f]{7,40}$/i.test(text.trim())) throw new Error(`--before "${text}" is not a commit id (7 to 40 hex digits); e.g. --before ${EXAMPLE["--before"]}`);
  return text.trim();
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { ...BENCH_DEFAULTS, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    if (arg === "--quick") {
      args.quick = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = (eq >= 0 ? arg.slice(0, eq) : arg) as Flag;
    if (!FLAGS.includes(flag)) throw new Error(`Unknown argument "${arg}"; known: ${FLAGS.join(", ")}, --quick, --help`);
    if (seen.has(flag)) throw new Error(`${flag} is given twice; give it once (lists are comma-separated)`);
    seen.add(flag);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value, e.g. ${flag} ${EXAMPLE[flag]}`);
    if (flag === "--latency-ms") args.latenciesMs = list(flag, value, 0, 10_000);
    else if (flag === "--job-ms") args.jobMs = integer(flag, value, 0, 15 * 60_000);
    else if (flag === "--orgs") args.orgs = list(flag, value, 1, MAX_ORGS);
    else if (flag === "--parallel") args.parallel = integer(flag, value, 1, MAX_ORGS);
    else args.before = commitId(value);
  }
  return args;
}
