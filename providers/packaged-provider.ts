// The provider text each webhook resource stores in its state (`__provider`), made cheap to write.
//
// Pulumi's provider host loads a dynamic resource's `__provider` as a module (require-from-string)
// and calls its `handler()` for the provider object, once per text and process
// (@pulumi/pulumi cmd/dynamic-provider). `pulumi.dynamic.Resource` makes that text with its closure
// serializer, which walks every function the provider reaches and asks V8's inspector for each
// free variable: for the four webhook kinds about 70 functions, about a second of the program's
// time before its first registration, plus 0.2-0.3 s to start the inspector session at all
// (npm run bench). So the program writes the text itself: the modules the webhook provider is made
// of (relative imports from providers/webhook-objects.ts, project files only), each transpiled by
// SWC and wrapped as a CommonJS module, in one module text whose `handler` makes the provider.
// The text is self-contained, as the closure-serialized one is: `read` and `delete` run the text
// stored at the last update, wherever the project's files have moved since; packages
// (purecloud-platform-client-v2, yaml, @pulumi/pulumi) are required by name from the provider host.
//
// Without @swc/core, or when a module reads its own location (__dirname, __filename: it would not
// be where the text runs), packaging is refused and the provider object is serialized by Pulumi's
// closure serializer, as `pulumi.dynamic.Resource` does.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

interface Swc {
  transformSync(code: string, options: Record<string, unknown>): { code: string };
}

/** Left out of the text it makes (its own code names its location; the host never packages). */
const THIS_MODULE = __filename;

const RELATIVE_REQUIRE = /require\("(\.{1,2}\/[^"]+)"\)/g;

function resolveModule(fromDir: string, specifier: string): string {
  const base = path.resolve(fromDir, specifier);
  for (const file of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new Error(`cannot resolve "${specifier}" from ${fromDir}`);
}

/**
 * A function body that, given `hostRequire` for packages, returns the exports of `module` (a path
 * relative to this folder, providers/): every project module reachable from it by relative
 * requires. Undefined when it cannot be made.
 */
export function packageModules(relativePath: string): string | undefined {
  const entry = path.join(path.dirname(THIS_MODULE), relativePath);
  let swc: Swc;
  try {
    swc = require("@swc/core") as Swc;
  } catch {
    return undefined;
  }
  const root = path.dirname(entry);
  const modules: { id: string; code: string; deps: Record<string, string> }[] = [];
  const ids = new Map<string, string>();
  const visit = (file: string): string => {
    const known = ids.get(file);
    if (known) return known;
    const id = path.relative(root, file).split(path.sep).join("/");
    ids.set(file, id);
    const module = { id, code: "", deps: {} as Record<string, string> };
    modules.push(module);
    if (file === THIS_MODULE) {
      // Packaging happens in the program only; the text needs none of this module.
      module.code = "module.exports = {};";
      return id;
    }
    const text = fs.readFileSync(file, "utf8");
    if (file.endsWith(".json")) {
      module.code = `module.exports = ${JSON.stringify(JSON.parse(text))};`;
      return id;
    }
    // Without comments and whitespace (names kept): every resource carries the text twice, in its
    // inputs and its outputs, and the engine rewrites the whole state after every step.
    const { code } = swc.transformSync(text, {
      filename: file,
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true, minify: { compress: false, mangle: false } },
      minify: true,
      module: { type: "commonjs", strict: true },
    });
    if (/\b__dirname\b|\b__filename\b/.test(code)) throw new Error(`${id} reads its own location`);
    module.code = code;
    for (const [, specifier] of code.matchAll(RELATIVE_REQUIRE)) module.deps[specifier] = visit(resolveModule(path.dirname(file), specifier));
    return id;
  };
  try {
    visit(entry);
  } catch {
    return undefined;
  }
  const definitions = modules
    .map((m) => `${JSON.stringify(m.id)}: [${JSON.stringify(m.deps)}, function (module, exports, require) {\n${m.code}\n}]`)
    .join(",\n");
  return [
    `const definitions = {\n${definitions}\n};`,
    "const cache = {};",
    "function load(id) {",
    "  if (cache[id]) return cache[id].exports;",
    "  const [deps, define] = definitions[id];",
    "  const module = (cache[id] = { exports: {} });",
    "  define.call(module.exports, module, module.exports, (specifier) => (deps[specifier] !== undefined ? load(deps[specifier]) : hostRequire(specifier)));",
    "  return module.exports;",
    "}",
    `return load(${JSON.stringify(ids.get(entry))});`,
  ].join("\n");
}

/**
 * The `__provider` text of a provider made by the export `make` of `source` (packageModules'
 * text). The source is code in the text, not a string literal: the state escapes it once, as it
 * escapes any text.
 */
export function providerModuleText(source: string, make: string): string {
  return ["function load(hostRequire) {", source, "}", `exports.handler = function () { return load(require)[${JSON.stringify(make)}](); };`].join("\n");
}

/** The `__provider` text of `provider` as `pulumi.dynamic.Resource` makes it (Pulumi's closure serializer), refusing one that captured a secret. */
export async function closureProviderText(provider: object): Promise<string> {
  const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  if (containsSecrets) throw new Error("The provider object captured a secret; credentials belong in configure(), never in a provider object.");
  return text;
}
