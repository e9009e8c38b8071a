// Finding the Pulumi CLI without downloading it behind the user's back.
//
// `npx pulumi` runs the `pulumi` npm package: a launcher that runs the binary cached at
// <PULUMI_HOME or ~/.pulumi>/versions/<version>/bin/pulumi and, when that file is missing,
// downloads it from get.pulumi.com (node_modules/pulumi/lib/resolve.js and lib/cache.js). So
// "available" means: that cached binary exists, or a `pulumi` of its own is on PATH; otherwise
// the one honest test is letting the launcher try its download once.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface PulumiCliFacts {
  /** The version the launcher runs: PULUMI_VERSION or the launcher package's own version. */
  launcherVersion: string;
  /** The launcher's cache directory for that version (it holds bin/pulumi). */
  cacheDir: string;
  /** Set when the launcher's binary is already there. */
  cachedBinary?: string;
  /** A Pulumi CLI on PATH that is not the launcher itself. */
  pathBinary?: string;
}

export interface Invocation {
  command: string;
  /** Arguments placed before the Pulumi arguments. */
  prefix: string[];
}

export type PulumiCliChoice =
  | { kind: "ready"; invocation: Invocation; source: string }
  | { kind: "download"; invocation: Invocation };

const NPX_LAUNCHER: Invocation = { command: "npx", prefix: ["--no-install", "pulumi"] };

export function launcherCacheDir(env: NodeJS.ProcessEnv, homedir: string, version: string): string {
  return path.join(env.PULUMI_HOME || path.join(homedir, ".pulumi"), "versions", version);
}

export function launcherVersion(env: NodeJS.ProcessEnv, packageVersion: string): string {
  return env.PULUMI_VERSION || packageVersion;
}

export function pulumiExecutableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "pulumi.exe" : "pulumi";
}

export function choosePulumiCli(facts: PulumiCliFacts): PulumiCliChoice {
  if (facts.cachedBinary) {
    return { kind: "ready", invocation: NPX_LAUNCHER, source: `npx pulumi (cached at ${facts.cachedBinary})` };
  }
  // Going through npx here would download the launcher's version although a CLI is installed.
  if (facts.pathBinary) {
    return { kind: "ready", invocation: { command: facts.pathBinary, prefix: [] }, source: facts.pathBinary };
  }
  return { kind: "download", invocation: NPX_LAUNCHER };
}

export function pulumiUnavailableMessage(facts: PulumiCliFacts): string {
  const binary = path.join(facts.cacheDir, "bin", "pulumi");
  return [
    "npm run local needs the Pulumi CLI, and it is not installed here and could not be downloaded.",
    `(\`npx pulumi\` downloads Pulumi v${facts.launcherVersion} from get.pulumi.com on first use and caches it at ${binary}.)`,
    "Do one of these, then run `npm run local` again:",
    "  - run `npm run local` once on a machine with internet access (the download is cached per user);",
    "  - install the Pulumi CLI (https://www.pulumi.com/docs/install/) so that `pulumi` is on your PATH;",
    `  - copy a Pulumi v${facts.launcherVersion} installation so that ${binary} exists (PULUMI_HOME moves ~/.pulumi).`,
    "`npm test` does not need the Pulumi CLI.",
  ].join("\n");
}

// The launcher's own check: an executable, non-empty file.
function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() && fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Looks at the disk only: never runs anything, never downloads. */
export function gatherPulumiCliFacts(env: NodeJS.ProcessEnv = process.env): PulumiCliFacts {
  const launcherPackage = require.resolve("pulumi/package.json");
  const version = launcherVersion(env, (require(launcherPackage) as { version: string }).version);
  const cacheDir = launcherCacheDir(env, os.homedir(), version);
  const exe = pulumiExecutableName(process.platform);
  const cached = path.join(cacheDir, "bin", exe);
  // npm puts node_modules/.bin first on PATH, where `pulumi` is the launcher script itself.
  const launcherScript = realpathOrSelf(path.join(path.dirname(launcherPackage), "run.js"));
  const pathBinary = (env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, exe))
    .find((file) => isExecutableFile(file) && realpathOrSelf(file) !== launcherScript);
  return {
    launcherVersion: version,
    cacheDir,
    cachedBinary: isExecutableFile(cached) ? cached : undefined,
    pathBinary,
  };
}
