// How Pulumi loads the program: without type checking, through Pulumi.yaml's runtime option
// `tsconfig` (tsconfig.pulumi.json), with the project's compiler settings. Pulumi's host reads only
// the named file's own compilerOptions and puts them over its defaults (@pulumi/pulumi
// cmd/run/run.js), so the settings those defaults would replace must be in that file itself.
// The empty program of the bench is loaded the same way, so their difference is the stack's.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EMPTY_PROGRAM_DIR } from "../../dev/bench/run";
import { PROJECT_ROOT } from "../../tools/pulumi/cli";

// The function Pulumi's host and dev/pulumi/inline-host.js read compiler options with.
const { loadTypeScriptCompilerOptions } = require("@pulumi/pulumi/tsutils") as { loadTypeScriptCompilerOptions: (file: string) => Record<string, unknown> };

/** What Pulumi's run.js would replace (target, module, moduleResolution), as the project's tsconfig.json sets them. */
const PROJECT_SETTINGS = (() => {
  const own = loadTypeScriptCompilerOptions(path.join(PROJECT_ROOT, "tsconfig.json"));
  return { target: own.target, module: own.module, moduleResolution: own.moduleResolution };
})();

function runtimeTsconfig(projectDir: string): string | undefined {
  return (parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { runtime: { options?: { tsconfig?: string } } }).runtime.options?.tsconfig;
}

describe("program load", () => {
  it("the handover stack: Pulumi.yaml names tsconfig.pulumi.json, whose own compilerOptions say noCheck and keep the project's settings", () => {
    expect(runtimeTsconfig(PROJECT_ROOT)).toBe("tsconfig.pulumi.json");
    const own = loadTypeScriptCompilerOptions(path.join(PROJECT_ROOT, "tsconfig.pulumi.json"));
    expect(own.noCheck).toBe(true);
    expect({ target: own.target, module: own.module, moduleResolution: own.moduleResolution }).toEqual(PROJECT_SETTINGS);
    expect(PROJECT_SETTINGS.module).toBe("commonjs");
  });

  it("the handover stack: ts-node transpiles it with SWC (the tsconfig's own ts-node section), and @swc/core resolves from the project", () => {
    // Pulumi's host registers ts-node with this file as `project` and names no transpiler, so ts-node reads the section.
    const raw = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "tsconfig.pulumi.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    expect(raw["ts-node"]).toEqual({ swc: true });
    expect(() => require.resolve("@swc/core", { paths: [PROJECT_ROOT] })).not.toThrow();
  });

  it("the bench's empty program is loaded the same way", () => {
    const file = path.join(EMPTY_PROGRAM_DIR, runtimeTsconfig(EMPTY_PROGRAM_DIR) ?? "tsconfig.json");
    const own = loadTypeScriptCompilerOptions(file);
    expect(own.noCheck).toBe(true);
    expect({ target: own.target, module: own.module, moduleResolution: own.moduleResolution }).toEqual(PROJECT_SETTINGS);
  });
});
