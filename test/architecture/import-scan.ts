// Pure helpers of the layer test: which files, which layer, which relative imports.
import * as fs from "fs";
import * as path from "path";

/** Lowest first; a file belongs to the longest matching folder. */
export const LAYERS = [
  { name: "domain", why: "pure Cognigy and Genesys rules" },
  { name: "providers/genesys", why: "the Genesys client: transport, retry policy, one module per object kind" },
  { name: "providers", why: "the resource logic of each Genesys object kind (check, diff, create, read, update, delete) over a shared base, which the plugin serves" },
  { name: "provider-plugin", why: "the Pulumi provider plugin cognigy-genesys (its launcher, gRPC service, schema) over the kinds, and its Provider and resource classes" },
  { name: "components", why: "what users compose: HandoverWebhooks, HandoverEventBridge" },
  { name: "stacks", why: "the stack program: config read and checked once, the guard against a dynamic-provider state, the stack's one Provider, the components" },
  { name: "tools", why: "what operators run: verify, stack listing, org stacks, the destroy guard, migrate, pack:plugin; which Pulumi CLI and its pinned version" },
  { name: "dev/emulator", why: "the local Genesys Cloud (imports nothing of the product)" },
  { name: "dev", why: "what development runs: local mode, bench, reliability, the CLI build and its Automation API driver" },
] as const;

export type LayerName = (typeof LAYERS)[number]["name"];

export function layerOf(file: string): LayerName | undefined {
  const matches = LAYERS.filter((layer) => file.startsWith(`${layer.name}/`));
  return matches.sort((a, b) => b.name.length - a.name.length)[0]?.name;
}

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  for (const layer of LAYERS) if (!layer.name.includes("/")) walk(layer.name);
  return out.sort();
}

const SPECIFIER = /(?:from\s+|import\(\s*|require\(\s*)["'](\.{1,2}\/[^"']*)["']/g;

/** The project files `file` imports by relative path, resolved as Node does (extension, index). */
export function importsOf(root: string, file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]));
    const found = ["", ".ts", ".js", ".json", "/index.ts", "/index.js"].map((ext) => base + ext).find((candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile());
    targets.push(found ?? base);
  }
  return targets;
}
