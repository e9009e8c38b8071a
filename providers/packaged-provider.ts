// The provider text each webhook resource stores in its state (`__provider`), made cheap to write.
//
// Pulumi serializes a provider object by walking every function it reaches and asking V8's
// inspector for each free variable (@pulumi/pulumi runtime/closure): for the four webhook kinds
// about 70 functions, 1.2-1.6 s of the program's time before its first registration (npm run
// bench). A provider object whose code is one string serializes in a few tens of milliseconds,
// so the program hands Pulumi a PackagedProvider: the modules the webhook provider is made of
// (relative imports from providers/webhook-objects.ts, project files only), each transpiled by
// SWC and wrapped as a CommonJS module, in one text the provider host evaluates on its first call.
// The text is self-contained, as the closure-serialized one is: `read` and `delete` run the text
// stored at the last update, wherever the project's files have moved since; packages
// (purecloud-platform-client-v2, yaml, @pulumi/pulumi) are required by name from the provider host.
//
// Without @swc/core, or when a module reads its own location (__dirname, __filename: it would not
// be where the text runs), packaging is refused and the provider object is serialized by Pulumi
// as before.
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";

type Provider = pulumi.dynamic.ResourceProvider & { configure?(req: pulumi.dynamic.ConfigureRequest): Promise<void> };

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
 * One text that evaluates, given a `require` for packages, to the exports of `module` (a path
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
    const { code } = swc.transformSync(text, {
      filename: file,
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
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
 * A provider whose code is `source` (packageModules' text); `make` names the export that makes
 * the provider object. Loaded on the first call in the provider host; every call is passed on.
 */
export class PackagedProvider implements pulumi.dynamic.ResourceProvider {
  private loaded: Provider | undefined;

  constructor(
    private readonly source: string,
    private readonly make: string,
  ) {}

  private provider(): Provider {
    if (!this.loaded) {
      const exports = new Function("hostRequire", this.source)(require) as Record<string, () => Provider>;
      this.loaded = exports[this.make]();
    }
    return this.loaded;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await this.provider().configure?.(req);
  }

  check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    return this.provider().check!(olds, news);
  }

  diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    return this.provider().diff!(id, olds, news);
  }

  create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    return this.provider().create(inputs);
  }

  read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    return this.provider().read!(id, props);
  }

  update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    return this.provider().update!(id, olds, news);
  }

  delete(id: string, props: any): Promise<void> {
    return this.provider().delete!(id, props);
  }
}
