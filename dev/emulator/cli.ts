import { startEmulator, type EmulatorOptions } from "./index";

// npm run emulator -- --port <n|0> --client-id <id> --client-secret <secret>
//   [--state <file.json>] [--job-ms <ms>] [--latency-ms <ms>] [--rate-limit <requests-per-minute>]

const USAGE =
  "usage: npm run emulator -- --port <n|0> --client-id <id> --client-secret <secret> " +
  "[--state <file.json>] [--job-ms <ms>] [--latency-ms <ms>] [--rate-limit <requests-per-minute>]";

const FLAGS = ["--port", "--client-id", "--client-secret", "--state", "--job-ms", "--latency-ms", "--rate-limit"];

export class UsageError extends Error {}

/** Pure: argv (after the script) → emulator options, or a UsageError naming the bad flag. */
export function parseArgs(argv: string[]): EmulatorOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown flag '${flag}'`);
    if (values.has(flag)) throw new UsageError(`flag '${flag}' given twice`);
    const value = argv[i + 1];
    if (value === undefined || FLAGS.includes(value)) throw new UsageError(`flag '${flag}' needs a value`);
    values.set(flag, value);
  }
  for (const required of ["--port", "--client-id", "--client-secret"]) {
    if (!values.get(required)) throw new UsageError(`missing required flag '${required}'`);
  }
  const int = (flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`'${flag} ${raw}' must be an integer from ${min} to ${max}`);
    return n;
  };
  return {
    port: int("--port", 0, 65535),
    clients: [{ id: values.get("--client-id")!, secret: values.get("--client-secret")! }],
    statePath: values.get("--state"),
    jobMs: int("--job-ms", 0),
    latencyMs: int("--latency-ms", 0),
    rateLimitPerMinute: int("--rate-limit", 1),
  };
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`Genesys Cloud Platform API emulator listening on ${emulator.url}\n`);
  process.stdout.write(`client id: ${options.clients![0].id}; state file: ${options.statePath ?? "(none)"}; control: ${emulator.url}/__emulator/state\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => {
        process.stdout.write(`emulator stopped (${signal})${options.statePath ? `, state written to ${options.statePath}` : ""}\n`);
        process.exit(0);
      },
      (e: Error) => {
        process.stderr.write(`emulator: failed to stop cleanly: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`emulator: ${e.message}\n`);
    process.exit(1);
  });
}
