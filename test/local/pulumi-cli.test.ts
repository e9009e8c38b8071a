// Which Pulumi CLI the project runs (tools/pulumi/cli.ts): pure choice over facts gathered from
// the disk, and the facts as gathered on this machine (the build the global setup made or found).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, inject, it } from "vitest";
import {
  PulumiCliFacts,
  buildRoot,
  choosePulumiCli,
  fits,
  gatherPulumiCliFacts,
  parsePulumiVersion,
  pinnedPulumiVersion,
} from "../../tools/pulumi/cli";
import { goBuildArgs } from "../../dev/pulumi/build";

const PINNED = "3.248.0";
const BUILD = "/p/.pulumi-cli/v3.248.0";
const base: PulumiCliFacts = { pinned: PINNED };

describe("the pinned version", () => {
  it("is the one the wrapper go.mod requires, and the one @pulumi/pulumi is pinned to", () => {
    expect(pinnedPulumiVersion()).toBe(PINNED);
    expect(pinnedPulumiVersion("require (\n\tgithub.com/pulumi/pulumi/pkg/v3 v3.250.1 // indirect\n)")).toBe("3.250.1");
    expect(() => pinnedPulumiVersion("module x\n")).toThrow(/does not require github.com\/pulumi\/pulumi\/pkg\/v3/);
    const sdk = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
    expect(sdk).toBe(`~${PINNED}`);
  });

  it("is built with the version ldflag (without it the Automation API refuses the CLI)", () => {
    expect(goBuildArgs(PINNED, "/out/pulumi").join(" ")).toContain("-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.248.0");
  });
});

describe("fits", () => {
  it("takes a v3 CLI at least as new as the pinned one", () => {
    expect(fits("3.248.0", PINNED)).toBe(true);
    expect(fits("3.274.1", PINNED)).toBe(true);
    expect(fits("v3.248.1-dev.0", PINNED)).toBe(true);
    expect(fits("3.247.9", PINNED)).toBe(false);
    expect(fits("4.0.0", PINNED)).toBe(false);
    expect(fits(undefined, PINNED)).toBe(false);
  });

  it("reads `pulumi version` output", () => {
    expect(parsePulumiVersion("v3.248.0\n")).toBe("3.248.0");
    expect(parsePulumiVersion("warning: something\n")).toBeUndefined();
  });
});

describe("choosePulumiCli", () => {
  it("prefers the project's build of the pinned version", () => {
    const choice = choosePulumiCli({ ...base, build: { root: BUILD, version: PINNED }, onPath: { root: "/usr/local", version: "3.260.0" } }, BUILD);
    expect(choice).toMatchObject({ kind: "ready", cli: { root: BUILD, version: PINNED } });
  });

  it("uses a fitting CLI on PATH, then the launcher's cache, instead of building", () => {
    expect(choosePulumiCli({ ...base, onPath: { root: "/usr/local", version: "3.260.0" }, go: "go1.26" }, BUILD)).toMatchObject({
      kind: "ready",
      cli: { root: "/usr/local", source: expect.stringContaining("PATH") },
    });
    expect(choosePulumiCli({ ...base, launcher: { root: "/h/.pulumi/versions/3.265.0", version: "3.265.0" }, go: "go1.26" }, BUILD)).toMatchObject({
      kind: "ready",
      cli: { root: "/h/.pulumi/versions/3.265.0", source: expect.stringContaining("launcher") },
    });
  });

  it("builds when nothing fitting is installed and Go is there", () => {
    const facts = { ...base, onPath: { root: "/usr/local", version: "3.100.0" }, go: "go version go1.26.8 linux/amd64" };
    expect(choosePulumiCli(facts, BUILD)).toEqual({ kind: "build", version: PINNED, root: BUILD });
  });

  it("without Go, says what is missing and what to do, naming what it found", () => {
    const choice = choosePulumiCli({ ...base, onPath: { root: "/usr/local", version: "3.100.0" } }, BUILD);
    expect(choice.kind).toBe("unavailable");
    const message = (choice as { message: string }).message;
    expect(message).toContain("Go is not on PATH");
    expect(message).toContain("npm run pulumi:build");
    expect(message).toContain("/usr/local/bin is v3.100.0");
  });
});

describe("on this machine", () => {
  it("finds the CLI the global setup provided, which reports the pinned version", () => {
    const cli = inject("pulumiCli");
    const facts = gatherPulumiCliFacts();
    expect(choosePulumiCli(facts, buildRoot(facts.pinned))).toMatchObject({ kind: "ready", cli: { root: cli.root } });
    expect(fs.existsSync(path.join(cli.root, "bin", "pulumi"))).toBe(true);
  });
});
