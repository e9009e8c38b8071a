import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

// An opt-in, faster way to load the TypeScript program in the program's process: each `.ts` file
// is transpiled once (with the project's tsconfig, as ts-node's transpile-only mode does) and
// the JavaScript is kept in a cache directory keyed by the source's hash. Later processes load
// the cached JavaScript without loading `typescript` or ts-node at all, which is most of a
// program process's start-up. Pulumi itself uses ts-node: the engine's default stays ts-node.

type TypeScript = typeof import("typescript");
type CompilerOptions = import("typescript").CompilerOptions;

/** Cache file name for one source text under one tsconfig and compiler version (pure). */
export function cacheKey(file: string, source: string, tsconfigText: string, compilerVersion: string): string {
  return crypto.createHash("sha256").update(`${file}\0${source}\0${tsconfigText}\0${compilerVersion}`).digest("hex") + ".js";
}

/**
 * Registers a `.ts` loader that serves JavaScript from `cacheDir`, transpiling (and caching) on
 * a miss. Must not import anything but Node's built-ins: it runs before any TypeScript can load.
 */
export function installCompileCache(cacheDir: string, projectDir: string): void {
  const tsconfigPath = path.join(projectDir, "tsconfig.json");
  const tsconfigText = fs.readFileSync(tsconfigPath, "utf8");
  const compilerVersion = (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json", { paths: [projectDir] }), "utf8")) as {
    version: string;
  }).version;
  let compiler: { ts: TypeScript; options: CompilerOptions } | undefined;
  const load = (): { ts: TypeScript; options: CompilerOptions } => {
    if (!compiler) {
      const ts: TypeScript = require(require.resolve("typescript", { paths: [projectDir] }));
      const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(tsconfigPath, ts.sys.readFile).config, ts.sys, projectDir);
      // What ts-node's transpile-only mode overrides: CommonJS output, no declaration files.
      const options = { ...parsed.options, module: ts.ModuleKind.CommonJS, declaration: false, sourceMap: false, inlineSourceMap: true };
      compiler = { ts, options };
    }
    return compiler;
  };
  fs.mkdirSync(cacheDir, { recursive: true });
  const extensions = require.extensions as NodeJS.RequireExtensions;
  extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const cached = path.join(cacheDir, cacheKey(filename, source, tsconfigText, compilerVersion));
    let js: string;
    try {
      js = fs.readFileSync(cached, "utf8");
    } catch {
      const { ts, options } = load();
      js = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
      // Rename into place: processes starting side by side never read a half-written file.
      const temp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temp, js);
      fs.renameSync(temp, cached);
    }
    (module as unknown as { _compile(code: string, file: string): void })._compile(js, filename);
  };
}

/**
 * Writes the loader script the program's process starts with: this module transpiled to
 * JavaScript, then a call installing the cache and loading `entry`. Returns its path.
 */
export function writeCompileCacheEntry(cacheDir: string, projectDir: string, entry: string): string {
  const key = JSON.stringify([cacheDir, projectDir, entry]);
  const known = entries.get(key);
  if (known && fs.existsSync(known)) return known;
  const ts: TypeScript = require(require.resolve("typescript", { paths: [projectDir] }));
  const own = ts.transpileModule(fs.readFileSync(__filename.replace(/\.js$/, ".ts"), "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const script = `${own}\ninstallCompileCache(${JSON.stringify(cacheDir)}, ${JSON.stringify(projectDir)});\nrequire(${JSON.stringify(entry)});\n`;
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `entry-${crypto.createHash("sha256").update(script).digest("hex").slice(0, 16)}.js`);
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script);
    fs.renameSync(temp, file);
  }
  entries.set(key, file);
  return file;
}

// Loading `typescript` to write the entry costs as much as the cache saves: once per process.
const entries = new Map<string, string>();
