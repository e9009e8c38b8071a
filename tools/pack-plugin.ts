// `npm run pack:plugin [-- --out <dir>]`: packs the provider plugin for programs outside this repo,
// `pulumi plugin install resource cognigy-genesys <version> --file <tarball>`. The tarball is the
// plugin's folder as Pulumi installs it (~/.pulumi/plugins/resource-cognigy-genesys-v<version>/):
// the launcher `pulumi-resource-cognigy-genesys` at its root, the plugin compiled to JavaScript
// under lib/ (no ts-node at run time), and under node_modules/ the packages it loads at run time,
// copied from this checkout's node_modules: the installed plugin needs nothing else but `node`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import * as ts from "typescript";
import { PACKAGE, VERSION } from "../provider-plugin/package-schema";
import { PROJECT_ROOT } from "./pulumi/cli";

/** What the plugin requires at run time (provider-plugin/, providers/, domain/); their own dependencies follow. */
export const RUNTIME_PACKAGES = ["@pulumi/pulumi", "@grpc/grpc-js", "google-protobuf", "purecloud-platform-client-v2", "yaml"];
const LAUNCHER = `pulumi-resource-${PACKAGE}`;

/** `cognigy-genesys-v<version>.tar.gz`. */
export function tarballName(version = VERSION): string {
  return `${PACKAGE}-v${version}.tar.gz`;
}

/** The plugin's TypeScript (main.ts and what it imports) as CommonJS under `outDir`, the tree kept (lib/provider-plugin/main.js). */
function compile(outDir: string): void {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: ["node"],
    rootDir: PROJECT_ROOT,
    outDir,
  };
  const program = ts.createProgram([path.join(PROJECT_ROOT, "provider-plugin", "main.ts")], options);
  const result = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => PROJECT_ROOT, getNewLine: () => "\n" }));
}

/** The folders of `roots` and of everything they depend on (dependencies, optionalDependencies), resolved as Node does from each package. */
export function runtimeClosure(roots: readonly string[], fromDir = PROJECT_ROOT): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string, optional: boolean) => {
    let dir = from;
    for (;;) {
      const candidate = path.join(dir, "node_modules", name);
      if (fs.existsSync(path.join(candidate, "package.json"))) {
        const real = fs.realpathSync(candidate);
        if (found.has(real)) return;
        found.add(real);
        const manifest = JSON.parse(fs.readFileSync(path.join(real, "package.json"), "utf8")) as { dependencies?: object; optionalDependencies?: object };
        for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, real, false);
        for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, real, true);
        return;
      }
      const parent = path.dirname(dir);
      if (parent === dir) {
        if (optional) return;
        throw new Error(`${name} (needed by ${from}) is not installed: run npm ci first`);
      }
      dir = parent;
    }
  };
  for (const root of roots) visit(root, fromDir, false);
  return [...found].sort();
}

/** Packs the plugin into `outDir`; returns the tarball's path. */
export function packPlugin(outDir: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-pack-"));
  try {
    compile(path.join(stage, "lib"));
    const modules = fs.realpathSync(path.join(PROJECT_ROOT, "node_modules"));
    for (const dir of runtimeClosure(RUNTIME_PACKAGES)) {
      fs.cpSync(dir, path.join(stage, "node_modules", path.relative(modules, dir)), { recursive: true, dereference: true });
    }
    fs.writeFileSync(
      path.join(stage, LAUNCHER),
      ["#!/bin/sh", `# The provider plugin ${PACKAGE} ${VERSION}, packed by npm run pack:plugin; its arguments are the engine's address.`, 'exec node "$(dirname "$0")/lib/provider-plugin/main.js" "$@"', ""].join("\n"),
      { mode: 0o755 },
    );
    fs.mkdirSync(outDir, { recursive: true });
    const tarball = path.join(path.resolve(outDir), tarballName());
    execFileSync("tar", ["-czf", tarball, "-C", stage, "."]);
    return tarball;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const at = process.argv.indexOf("--out");
  const tarball = packPlugin(at >= 0 ? process.argv[at + 1] : path.join(PROJECT_ROOT, "dist"));
  process.stdout.write(`${tarball}\nInstall it where a program uses the provider: pulumi plugin install resource ${PACKAGE} ${VERSION} --file ${tarball}\n`);
}
