// `npm run pulumi:build`: builds the pinned Pulumi CLI from its Go modules into .pulumi-cli/, the
// way Pulumi's release build does (flags below). The nodejs language host is not served by the Go
// module proxy (its module has no tags), so the project runs programs inline through the Automation
// API (dev/pulumi/inline-host.js), which needs only the CLI. Beside it goes the dynamic-provider
// plugin script of the installed @pulumi/pulumi: the product has no dynamic resource, but the
// trees of earlier layouts that test/upgrade/layout-upgrade.test.ts deploys (up to 11b863a, the
// last of dynamic providers) do, and the CLI starts that script for them.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  CLI_MODULE_DIR,
  PROJECT_ROOT,
  type PulumiCli,
  PulumiCliUnavailable,
  buildRoot,
  candidateAt,
  choosePulumiCli,
  gatherPulumiCliFacts,
  pinnedPulumiVersion,
} from "../../tools/pulumi/cli";

const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const PLUGIN_SCRIPT = "pulumi-resource-pulumi-nodejs";
const PROGRESS_EVERY_MS = 20_000;

export interface BuildOptions {
  version: string;
  root: string;
  log: (line: string) => void;
}

/** Pulumi's release flags; without the version the Automation API refuses the CLI. */
export function goBuildArgs(version: string, output: string): string[] {
  return ["build", "-v", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", `-s -w -X ${VERSION_VARIABLE}=v${version}`, "-o", output, CLI_PACKAGE];
}

function elapsed(since: number): string {
  const s = Math.round((Date.now() - since) / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Runs `go`, feeding each stderr line to `onLine`; rejects with the tail of stderr. */
function go(args: string[], onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("go", args, {
      cwd: CLI_MODULE_DIR,
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const tail: string[] = [];
    let partial = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        onLine(line);
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`go ${args[0]} failed (exit ${code}):\n${tail.join("\n")}`))));
  });
}

export async function buildPulumiCli({ version, root, log }: BuildOptions): Promise<void> {
  const started = Date.now();
  const bin = path.join(root, "bin");
  fs.mkdirSync(bin, { recursive: true });
  log(`Building the Pulumi CLI v${version} from its Go modules into ${root} (several minutes on a cold machine; later runs reuse it).`);

  let downloaded = 0;
  // Every package, the standard library's too: a cold build cache compiles those as well.
  const listing = await go(["list", "-deps", "-f", "{{.ImportPath}}", CLI_PACKAGE], (line) => {
    if (line.startsWith("go: downloading")) downloaded++;
  });
  const total = listing.split("\n").filter(Boolean).length;
  log(`  ${elapsed(started)}: ${downloaded} modules downloaded, ${total} packages to compile (those in the Go build cache are reused).`);

  let compiled = 0;
  const timer = setInterval(() => log(`  ${elapsed(started)}: ${compiled} of ${total} packages compiled`), PROGRESS_EVERY_MS);
  // Built under a temporary name, so a killed build never leaves a half-written CLI behind.
  const partial = path.join(bin, `.pulumi-${process.pid}`);
  try {
    await go(goBuildArgs(version, partial), (line) => {
      if (line && !line.startsWith("go: ")) compiled++;
    });
  } finally {
    clearInterval(timer);
  }
  const pluginSource = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PROJECT_ROOT] })), PLUGIN_SCRIPT);
  fs.copyFileSync(pluginSource, path.join(bin, PLUGIN_SCRIPT));
  fs.chmodSync(path.join(bin, PLUGIN_SCRIPT), 0o755);
  fs.renameSync(partial, path.join(bin, "pulumi"));
  log(`  ${elapsed(started)}: built ${path.join(bin, "pulumi")} (${compiled} packages compiled).`);
}

/**
 * The CLI to run, building the pinned version first when nothing fitting is installed.
 * `log` gets the one line that says which CLI, and the build's progress lines.
 */
export async function ensurePulumiCli(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<PulumiCli> {
  const facts = gatherPulumiCliFacts();
  const choice = choosePulumiCli(facts, buildRoot(facts.pinned));
  if (choice.kind === "unavailable") throw new PulumiCliUnavailable(choice.message);
  if (choice.kind === "ready") {
    log(`Pulumi CLI: ${choice.cli.source}`);
    return choice.cli;
  }
  await buildPulumiCli({ version: choice.version, root: choice.root, log });
  const built = candidateAt(path.join(choice.root, "bin", "pulumi"));
  if (built?.version !== choice.version) {
    throw new PulumiCliUnavailable(`The Pulumi CLI built into ${choice.root} reports version ${built?.version ?? "nothing"}, expected ${choice.version}.`);
  }
  const cli = { root: choice.root, version: choice.version, source: `project build of v${choice.version} (${choice.root}), just built` };
  log(`Pulumi CLI: ${cli.source}`);
  return cli;
}

if (require.main === module) {
  // `npm run pulumi:build`: ensure, so an existing fitting CLI is reported instead of rebuilt.
  const force = process.argv.includes("--force");
  const version = pinnedPulumiVersion();
  const run = force ? buildPulumiCli({ version, root: buildRoot(version), log: console.log }) : ensurePulumiCli(console.log);
  run.then(
    () => undefined,
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
