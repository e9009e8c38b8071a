// `npm run local`: the handover stack against the local Genesys Cloud emulator, on the real Pulumi
// CLI with a file backend under .local/, so a newcomer sees the whole thing work without any
// account: deploy, the stack outputs, then one rehearsal of each handover event.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { LOCAL_STACK } from "../tools/list-stacks";
import { LOCAL_USAGE, parseLocalArgs } from "./local/args";
import { readRememberedPort, startReceiver } from "./local/receiver";
import { rehearse } from "./local/rehearse";
import { LOCAL_CLIENT_ID, LOCAL_PASSPHRASE, localConfig, localEnv, localPaths } from "./local/stack-setup";
import { startUrlProcess } from "./local/url-process";
import { PulumiCliUnavailable } from "../tools/pulumi/cli";
import { ensurePulumiCli } from "./pulumi/build";
import { ProjectStack, StackRunError, fileBackend } from "./pulumi/stack";

const PROJECT_ROOT = path.resolve(__dirname, "..");
// ts-node compiles the emulator on start; a slow laptop needs a while.
const EMULATOR_START_TIMEOUT_MS = 120_000;
const EMULATOR_STOP_TIMEOUT_MS = 10_000;

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

  // Before anything is started: without a CLI there is nothing to do.
  let cli;
  try {
    cli = await ensurePulumiCli(console.log);
  } catch (err) {
    if (!(err instanceof PulumiCliUnavailable)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }

  const receiver = await startReceiver(readRememberedPort(paths.receiverPort), (line) => console.log(line));
  fs.mkdirSync(args.dir, { recursive: true });
  fs.writeFileSync(paths.receiverPort, `${receiver.port}\n`);
  let stopEmulator: (() => Promise<void>) | undefined;
  const stack = new ProjectStack({
    cli,
    stack: LOCAL_STACK,
    backendUrl: fileBackend(paths.backend),
    passphrase: LOCAL_PASSPHRASE,
    env: localEnv(process.env),
    onOutput: (text) => process.stdout.write(text),
  });
  // Ctrl-C reaches the CLI too (same terminal); it winds down, then we clean up.
  const onInterrupt = () => console.log("\nInterrupted: waiting for Pulumi to stop, then stopping the emulator.");
  process.on("SIGINT", onInterrupt);
  try {
    // The emulator accepts exactly this client; the secret is made once and kept (see localPaths).
    if (!fs.existsSync(paths.clientSecret)) fs.writeFileSync(paths.clientSecret, randomBytes(24).toString("hex"), { mode: 0o600 });
    const clientSecret = fs.readFileSync(paths.clientSecret, "utf8").trim();
    const startEmulator = (port: number) =>
      startUrlProcess({
        command: "npm",
        args: ["run", "--silent", "emulator", "--", "--port", String(port), "--client-id", LOCAL_CLIENT_ID, "--client-secret", clientSecret, "--state", paths.emulatorState],
        label: "the emulator (npm run emulator)",
        cwd: PROJECT_ROOT,
        logFile: paths.emulatorLog,
        startTimeoutMs: EMULATOR_START_TIMEOUT_MS,
        stopTimeoutMs: EMULATOR_STOP_TIMEOUT_MS,
      });
    // The same port as last time (see localPaths).
    const remembered = readRememberedPort(paths.emulatorPort);
    const emulator = await startEmulator(remembered).catch((err: Error) => {
      if (!remembered) throw err;
      console.log(`The emulator could not listen on its last port ${remembered} (${err.message.split("\n")[0]}); a new port is used, and destroy/refresh of objects made before will not reach it.`);
      return startEmulator(0);
    });
    stopEmulator = emulator.stop;
    fs.writeFileSync(paths.emulatorPort, `${new URL(emulator.url).port}\n`);
    console.log(`Emulator: ${emulator.url} (state ${paths.emulatorState}, log ${paths.emulatorLog})`);
    console.log(`Cognigy receiver: ${receiver.url} (prints what Cognigy would receive)`);
    console.log(`Pulumi state: ${paths.backend} (stack "${LOCAL_STACK}", config in Pulumi.${LOCAL_STACK}.yaml)\n`);

    const { config, secretKeys } = localConfig({ emulatorUrl: emulator.url, receiverUrl: receiver.url }, clientSecret);
    stack.setConfig(config, secretKeys);
    console.log(`› pulumi ${args.command} --stack ${LOCAL_STACK}`);
    const result = await stack[args.command]();
    if (args.command !== "up") return 0;

    console.log("\nStack outputs:");
    console.log(JSON.stringify(result.outputs, null, 2));
    console.log("\nRehearsal: one handover end of each kind, published on the emulator:");
    const rehearsal = await rehearse(emulator.url);
    console.log(rehearsal.text);
    console.log(`\nTear it down with \`npm run local -- destroy\`${args.dir === path.join(PROJECT_ROOT, ".local") ? "" : ` --dir ${args.dir}`}.`);
    return rehearsal.ok ? 0 : 1;
  } catch (err) {
    // The CLI's standard output was streamed above; its error lines are on its standard error.
    if (err instanceof StackRunError) {
      process.stderr.write(`${err.stderr}\n\`pulumi ${err.op}\` failed${err.killed ? " (its process was killed)" : ""}.\n`);
      return 1;
    }
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
