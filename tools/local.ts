// `npm run local`: the handover stack against the local Genesys Cloud emulator, with Pulumi's
// file backend under .local/, so a newcomer sees the whole thing work without any account.
// The one place in the project that runs the Pulumi CLI; no test runs this file.
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { LOCAL_STACK } from "./list-stacks";
import { LOCAL_USAGE, parseLocalArgs } from "./local/args";
import { Invocation, choosePulumiCli, gatherPulumiCliFacts, pulumiUnavailableMessage } from "./local/pulumi-cli";
import { readRememberedPort, startReceiver } from "./local/receiver";
import { LOCAL_CLIENT_ID, PulumiStep, describeStep, localPaths, pulumiEnv, pulumiSteps } from "./local/stack-setup";
import { startUrlProcess } from "./local/url-process";

const PROJECT_ROOT = path.resolve(__dirname, "..");
const WINDOWS = process.platform === "win32";
// ts-node compiles the emulator on start; a slow laptop needs a while.
const EMULATOR_START_TIMEOUT_MS = 120_000;
const EMULATOR_STOP_TIMEOUT_MS = 10_000;
// Bounds the launcher's one download attempt (about 100 MB on a slow line).
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

function run(invocation: Invocation, step: PulumiStep, env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(invocation.command, [...invocation.prefix, ...step.args], {
      cwd: PROJECT_ROOT,
      env,
      shell: WINDOWS,
      stdio: [step.stdin === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.stdin?.end(step.stdin);
    child.once("error", (err) => {
      process.stderr.write(`Could not start ${invocation.command}: ${err.message}\n`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The Pulumi CLI to use, or undefined after telling the user what to do. */
async function findPulumiCli(env: NodeJS.ProcessEnv): Promise<Invocation | undefined> {
  let facts;
  try {
    facts = gatherPulumiCliFacts(env);
  } catch {
    process.stderr.write("The `pulumi` npm package is missing from node_modules: run `npm ci` first.\n");
    return undefined;
  }
  const choice = choosePulumiCli(facts);
  if (choice.kind === "ready") {
    console.log(`Pulumi CLI: ${choice.source}`);
    return choice.invocation;
  }
  console.log(`Pulumi CLI v${facts.launcherVersion} is not installed yet; letting \`npx pulumi\` download it once.`);
  const code = await run(choice.invocation, { args: ["version"] }, env, DOWNLOAD_TIMEOUT_MS);
  if (code === 0) return choice.invocation;
  process.stderr.write(`\n${pulumiUnavailableMessage(facts)}\n`);
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseLocalArgs(argv, PROJECT_ROOT);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${LOCAL_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    console.log(LOCAL_USAGE);
    return 0;
  }
  const paths = localPaths(args.dir);
  fs.mkdirSync(paths.backend, { recursive: true });
  const env = pulumiEnv(process.env, paths);

  // Before anything is started: without a CLI there is nothing to do.
  const pulumi = await findPulumiCli(env);
  if (!pulumi) return 1;

  // Ctrl-C reaches Pulumi too (same terminal); Pulumi winds down and exits, then we clean up.
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    console.log("\nInterrupted: waiting for the running step to stop, then stopping the emulator.");
  };
  process.on("SIGINT", onInterrupt);

  const receiver = await startReceiver(readRememberedPort(paths.receiverPort), (line) => console.log(line));
  fs.writeFileSync(paths.receiverPort, `${receiver.port}\n`);
  let stopEmulator: (() => Promise<void>) | undefined;
  try {
    // A fresh secret each run: the emulator accepts exactly this client until it stops.
    const clientSecret = randomBytes(24).toString("hex");
    const emulator = await startUrlProcess({
      command: "npm",
      args: ["run", "--silent", "emulator", "--", "--port", "0", "--client-id", LOCAL_CLIENT_ID,
        "--client-secret", clientSecret, "--state", paths.emulatorState],
      label: "the emulator (npm run emulator)",
      cwd: PROJECT_ROOT,
      logFile: paths.emulatorLog,
      startTimeoutMs: EMULATOR_START_TIMEOUT_MS,
      stopTimeoutMs: EMULATOR_STOP_TIMEOUT_MS,
    });
    stopEmulator = emulator.stop;
    console.log(`Emulator: ${emulator.url} (state ${paths.emulatorState}, log ${paths.emulatorLog})`);
    console.log(`Cognigy receiver: ${receiver.url} (prints what Cognigy would receive)`);
    console.log(`Pulumi state: ${env.PULUMI_BACKEND_URL}\n`);

    const steps = pulumiSteps(args.command, LOCAL_STACK, { emulatorUrl: emulator.url, receiverUrl: receiver.url }, clientSecret);
    for (const step of steps) {
      if (interrupted) return 130;
      console.log(`› ${describeStep(step)}`);
      const code = await run(pulumi, step, env);
      if (code !== 0) {
        process.stderr.write(`\n\`${describeStep(step)}\` failed (exit code ${code}).\n`);
        return code;
      }
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  } finally {
    await stopEmulator?.();
    await receiver.close();
    process.off("SIGINT", onInterrupt);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  },
);
