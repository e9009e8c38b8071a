// The one place that decides which Pulumi CLI the project's tools and tests run, and says which.
//
// In order: the project's own build of the pinned version (dev/pulumi/build.ts, built from Pulumi's
// Go modules into .pulumi-cli/), a `pulumi` on PATH of a fitting version, the binary the `pulumi`
// npm launcher cached (<PULUMI_HOME or ~/.pulumi>/versions/<version>/bin/pulumi, see
// node_modules/pulumi/lib/resolve.js), and otherwise a build, when Go is there. The npm launcher
// itself is never run: it downloads from get.pulumi.com, which our machines cannot reach.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
/** The Go module that pins the CLI (go.mod, go.sum): the one home of its version, beside this file. */
export const CLI_MODULE_DIR = __dirname;

/** The pinned version is the one the wrapper module requires: one source for it. */
export function pinnedPulumiVersion(goMod = fs.readFileSync(path.join(CLI_MODULE_DIR, "go.mod"), "utf8")): string {
  const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)(\s*\/\/ indirect)?\s*$/m.exec(goMod);
  if (!match) throw new Error("tools/pulumi/go.mod does not require github.com/pulumi/pulumi/pkg/v3 at a release version");
  return match[1];
}

/** Where the project's build of a version lives (ignored by git); `bin/` holds the CLI and the plugin script. */
export function buildRoot(version: string, projectRoot = PROJECT_ROOT): string {
  return path.join(projectRoot, ".pulumi-cli", `v${version}`);
}

export interface PulumiCli {
  /** Installation root: `<root>/bin/pulumi` is the CLI (the Automation API's `PulumiCommand.get({ root })`). */
  root: string;
  version: string;
  /** Where it came from, for the line the tools print. */
  source: string;
}

export interface CliCandidate {
  root: string;
  /** The version the binary reports, or undefined when it could not be run. */
  version?: string;
}

export interface PulumiCliFacts {
  pinned: string;
  build?: CliCandidate;
  onPath?: CliCandidate;
  launcher?: CliCandidate;
  /** `go version` output, when Go is on PATH. */
  go?: string;
}

export type PulumiCliChoice =
  | { kind: "ready"; cli: PulumiCli }
  | { kind: "build"; version: string; root: string }
  | { kind: "unavailable"; message: string };

/** The Automation API and the provider protocol of @pulumi/pulumi ~3.248 need a v3 CLI at least that new. */
export function fits(version: string | undefined, pinned: string): boolean {
  if (!version) return false;
  const [major, minor, patch] = version.replace(/^v/, "").split(/[.-]/).map(Number);
  const [pMajor, pMinor, pPatch] = pinned.split(".").map(Number);
  if (major !== pMajor) return false;
  return minor > pMinor || (minor === pMinor && patch >= pPatch);
}

export function choosePulumiCli(facts: PulumiCliFacts, buildRootDir: string): PulumiCliChoice {
  const { pinned } = facts;
  if (facts.build && facts.build.version === pinned) {
    return { kind: "ready", cli: { root: facts.build.root, version: pinned, source: `project build of v${pinned} (${facts.build.root})` } };
  }
  if (facts.onPath && fits(facts.onPath.version, pinned)) {
    return { kind: "ready", cli: { root: facts.onPath.root, version: facts.onPath.version!, source: `pulumi on PATH (${path.join(facts.onPath.root, "bin", "pulumi")})` } };
  }
  if (facts.launcher && fits(facts.launcher.version, pinned)) {
    return {
      kind: "ready",
      cli: { root: facts.launcher.root, version: facts.launcher.version!, source: `npm launcher's cached CLI (${path.join(facts.launcher.root, "bin", "pulumi")})` },
    };
  }
  if (facts.go) return { kind: "build", version: pinned, root: buildRootDir };
  return { kind: "unavailable", message: pulumiUnavailableMessage(facts) };
}

export function pulumiUnavailableMessage(facts: PulumiCliFacts): string {
  const seen = [
    facts.onPath ? `  - pulumi on PATH at ${facts.onPath.root}/bin is v${facts.onPath.version ?? "?"} (needs v3, at least v${facts.pinned})` : undefined,
    facts.launcher ? `  - the npm launcher's cache at ${facts.launcher.root} holds v${facts.launcher.version ?? "?"} (needs v3, at least v${facts.pinned})` : undefined,
  ].filter(Boolean);
  return [
    facts.go
      ? `The Pulumi CLI (v3, at least v${facts.pinned}) is not installed here; Go is (${facts.go}), so \`npm run pulumi:build\` can build it.`
      : `The Pulumi CLI (v3, at least v${facts.pinned}) is not installed here, and it cannot be built: Go is not on PATH.`,
    ...(seen.length ? ["Found, but not usable:", ...seen] : []),
    "Do one of these, then run the command again:",
    `  - install Go 1.25 or newer and run \`npm run pulumi:build\` (builds Pulumi v${facts.pinned} from its Go modules into .pulumi-cli/);`,
    "  - install the Pulumi CLI (https://www.pulumi.com/docs/install/) so that `pulumi` is on your PATH.",
  ].join("\n");
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size > 0;
  } catch {
    return false;
  }
}

/** `pulumi version` prints e.g. "v3.248.0". */
export function parsePulumiVersion(output: string): string | undefined {
  return /^v?(\d+\.\d+\.\d+[^\s]*)/.exec(output.trim())?.[1];
}

function reportedVersion(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ["version"], { encoding: "utf8", timeout: 30_000, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" }, stdio: ["ignore", "pipe", "ignore"] });
    return parsePulumiVersion(out);
  } catch {
    return undefined;
  }
}

export function candidateAt(binary: string): CliCandidate | undefined {
  if (!isExecutableFile(binary)) return undefined;
  const real = fs.realpathSync(binary);
  // The Automation API runs `<root>/bin/pulumi`; a CLI outside a bin/ folder gets none.
  if (path.basename(path.dirname(real)) !== "bin") return undefined;
  return { root: path.dirname(path.dirname(real)), version: reportedVersion(real) };
}

/** Looks at the disk and runs `pulumi version` / `go version`; never downloads. */
export function gatherPulumiCliFacts(env: NodeJS.ProcessEnv = process.env, projectRoot = PROJECT_ROOT): PulumiCliFacts {
  const pinned = pinnedPulumiVersion();
  const exe = process.platform === "win32" ? "pulumi.exe" : "pulumi";
  // npm puts node_modules/.bin first on PATH, where `pulumi` is the npm launcher's script.
  const launcherScript = safeRealpath(path.join(projectRoot, "node_modules", "pulumi", "run.js"));
  const onPathFile = (env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, exe))
    .find((file) => isExecutableFile(file) && safeRealpath(file) !== launcherScript);
  const launcherVersion = env.PULUMI_VERSION || readLauncherVersion(projectRoot);
  const launcherRoot = launcherVersion ? path.join(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "versions", launcherVersion) : undefined;
  let go: string | undefined;
  try {
    go = execFileSync("go", ["version"], { encoding: "utf8", timeout: 30_000, env, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    go = undefined;
  }
  return {
    pinned,
    build: candidateAt(path.join(buildRoot(pinned, projectRoot), "bin", exe)),
    onPath: onPathFile ? candidateAt(onPathFile) : undefined,
    launcher: launcherRoot ? candidateAt(path.join(launcherRoot, "bin", exe)) : undefined,
    go,
  };
}

function safeRealpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function readLauncherVersion(projectRoot: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, "node_modules", "pulumi", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
}

export class PulumiCliUnavailable extends Error {}

/**
 * The installed CLI to run, without building one (operators' machines have a Pulumi install;
 * development builds with dev/pulumi/build.ts ensurePulumiCli). `log` gets the line that says which.
 */
export function findPulumiCli(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): PulumiCli {
  const facts = gatherPulumiCliFacts();
  const choice = choosePulumiCli({ ...facts, go: undefined }, buildRoot(facts.pinned));
  if (choice.kind !== "ready") throw new PulumiCliUnavailable(pulumiUnavailableMessage(facts));
  log(`Pulumi CLI: ${choice.cli.source}`);
  return choice.cli;
}
