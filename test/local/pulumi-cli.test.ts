import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import {
  PulumiCliFacts,
  choosePulumiCli,
  gatherPulumiCliFacts,
  launcherCacheDir,
  launcherVersion,
  pulumiExecutableName,
  pulumiUnavailableMessage,
} from "../../tools/local/pulumi-cli";

// The launcher's own code, to check that our reading of its cache layout matches it.
const launcherCache = require("pulumi/lib/cache") as { cacheDir(version: string): string };
const launcherResolve = require("pulumi/lib/resolve") as { isExecutable(file: string): boolean };
const LAUNCHER_VERSION = (require("pulumi/package.json") as { version: string }).version;

const dirs: string[] = [];
const savedHome = process.env.PULUMI_HOME;
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  if (savedHome === undefined) delete process.env.PULUMI_HOME;
  else process.env.PULUMI_HOME = savedHome;
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
  dirs.push(dir);
  return dir;
}

/** A file where a CLI would be; it is only looked at, never run. */
function placeFile(file: string, mode: number, text = "#!/bin/sh\nexit 99\n"): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
  return file;
}

const FACTS: PulumiCliFacts = { launcherVersion: "3.265.0", cacheDir: "/home/dev/.pulumi/versions/3.265.0" };

describe("where the launcher keeps its binary", () => {
  it("matches the launcher's cacheDir with and without PULUMI_HOME", () => {
    delete process.env.PULUMI_HOME;
    expect(launcherCacheDir({}, os.homedir(), "3.265.0")).toBe(launcherCache.cacheDir("3.265.0"));
    process.env.PULUMI_HOME = "/opt/pulumi-home";
    expect(launcherCacheDir(process.env, os.homedir(), "3.265.0")).toBe(launcherCache.cacheDir("3.265.0"));
  });

  it("uses PULUMI_VERSION over the launcher package version, as the launcher does", () => {
    expect(launcherVersion({}, "3.265.0")).toBe("3.265.0");
    expect(launcherVersion({ PULUMI_VERSION: "3.200.0" }, "3.265.0")).toBe("3.200.0");
  });

  it("names the executable per platform", () => {
    expect(pulumiExecutableName("linux")).toBe("pulumi");
    expect(pulumiExecutableName("win32")).toBe("pulumi.exe");
  });
});

describe("choosePulumiCli", () => {
  it("uses npx pulumi when the launcher's binary is cached", () => {
    const choice = choosePulumiCli({ ...FACTS, cachedBinary: "/c/bin/pulumi", pathBinary: "/usr/local/bin/pulumi" });
    expect(choice).toMatchObject({ kind: "ready", invocation: { command: "npx", prefix: ["--no-install", "pulumi"] } });
  });

  it("uses an installed CLI from PATH directly rather than downloading another one", () => {
    expect(choosePulumiCli({ ...FACTS, pathBinary: "/usr/local/bin/pulumi" })).toEqual({
      kind: "ready",
      invocation: { command: "/usr/local/bin/pulumi", prefix: [] },
      source: "/usr/local/bin/pulumi",
    });
  });

  it("asks for one download attempt through npx when neither exists", () => {
    expect(choosePulumiCli(FACTS)).toEqual({ kind: "download", invocation: { command: "npx", prefix: ["--no-install", "pulumi"] } });
  });

  it("tells the user what to do when the CLI cannot be had", () => {
    const message = pulumiUnavailableMessage(FACTS);
    expect(message).toContain("needs the Pulumi CLI");
    expect(message).toContain("machine with internet access");
    expect(message).toContain("https://www.pulumi.com/docs/install/");
    expect(message).toContain(path.join(FACTS.cacheDir, "bin", "pulumi"));
    expect(message).toContain("v3.265.0");
    expect(message).toContain("`npm test` does not need the Pulumi CLI");
  });
});

describe("gatherPulumiCliFacts (disk only)", () => {
  it("finds nothing in an empty PULUMI_HOME and with an empty PATH", () => {
    const home = tempDir();
    const facts = gatherPulumiCliFacts({ PULUMI_HOME: home, PATH: "" });
    expect(facts).toEqual({
      launcherVersion: LAUNCHER_VERSION,
      cacheDir: path.join(home, "versions", LAUNCHER_VERSION),
      cachedBinary: undefined,
      pathBinary: undefined,
    });
  });

  it("finds the binary in the launcher's cache exactly when the launcher would accept it", () => {
    const home = tempDir();
    const binary = path.join(home, "versions", "3.999.0", "bin", "pulumi");
    const env = { PULUMI_HOME: home, PULUMI_VERSION: "3.999.0", PATH: "" };

    placeFile(binary, 0o644);
    expect(launcherResolve.isExecutable(binary)).toBe(false);
    expect(gatherPulumiCliFacts(env).cachedBinary).toBeUndefined();

    fs.chmodSync(binary, 0o755);
    expect(launcherResolve.isExecutable(binary)).toBe(true);
    expect(gatherPulumiCliFacts(env).cachedBinary).toBe(binary);

    fs.writeFileSync(binary, "");
    expect(launcherResolve.isExecutable(binary)).toBe(false);
    expect(gatherPulumiCliFacts(env).cachedBinary).toBeUndefined();
  });

  it("finds an installed CLI on PATH but not the npm launcher that npm puts on PATH", () => {
    const home = tempDir();
    const installed = placeFile(path.join(tempDir(), "bin", "pulumi"), 0o755);
    const launcherBin = path.resolve(__dirname, "../../node_modules/.bin");
    expect(fs.existsSync(path.join(launcherBin, "pulumi"))).toBe(true);

    expect(gatherPulumiCliFacts({ PULUMI_HOME: home, PATH: launcherBin }).pathBinary).toBeUndefined();
    expect(gatherPulumiCliFacts({ PULUMI_HOME: home, PATH: [launcherBin, path.dirname(installed)].join(path.delimiter) }).pathBinary).toBe(installed);
  });
});
