// Lists the Genesys org stacks of this repository: one `Pulumi.<stack>.yaml` per org. CI builds
// its per-org matrix from this list, so adding an org is adding its stack file, nothing else.
//
//   ts-node --transpile-only tools/list-stacks.ts [--dir <project dir>] [--require <stack>]
//
// Prints the stacks as a JSON array on stdout. With `--require`, exits 1 unless that stack is
// one of them (the destroy workflow uses it to refuse a stack that is not an org).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SETTINGS } from "../providers/genesys/settings";

// The stack `npm run local` drives against the emulator; never an org.
export const LOCAL_STACK = "local";

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;
// Pulumi's own rule for stack names; it also keeps names safe as GitHub Environment names and
// concurrency groups.
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** `Pulumi.acme.yaml` → `acme`; undefined for any other file (including `Pulumi.yaml`). */
export function stackNameFromFile(fileName: string): string | undefined {
  const match = STACK_FILE.exec(fileName);
  return match ? match[1] : undefined;
}

export function validateStackName(name: string, fileName: string): string {
  if (!STACK_NAME.test(name)) {
    throw new Error(
      `${fileName}: stack name "${name}" is not a valid Pulumi stack name. ` +
        `Rename the file to Pulumi.<name>.yaml with only letters, digits, "-", "_" or "." in <name>.`,
    );
  }
  return name;
}

export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A stack whose `genesyscloud:apiUrl` is a loopback URL talks to the emulator, not to an org:
 * CI has no emulator and no Environment for it, so it is not an org stack.
 */
export function targetsEmulator(stackFileText: string, fileName: string): boolean {
  let doc: unknown;
  try {
    doc = parse(stackFileText);
  } catch (err) {
    throw new Error(`${fileName}: not valid YAML (${(err as Error).message}). Fix the file's syntax.`);
  }
  const config = (doc as { config?: Record<string, unknown> } | null)?.config;
  const apiUrl = config?.[SETTINGS.apiUrl[0]];
  return typeof apiUrl === "string" && isLoopbackUrl(apiUrl);
}

/** The org stacks in `dir`, sorted, without the local stack and emulator stacks. */
export function listOrgStacks(dir: string): string[] {
  const stacks: string[] = [];
  for (const fileName of fs.readdirSync(dir)) {
    const name = stackNameFromFile(fileName);
    if (name === undefined || name === LOCAL_STACK) continue;
    validateStackName(name, fileName);
    if (targetsEmulator(fs.readFileSync(path.join(dir, fileName), "utf8"), fileName)) continue;
    stacks.push(name);
  }
  const duplicates = stacks.filter((name, i) => stacks.indexOf(name) !== i);
  if (duplicates.length > 0) {
    throw new Error(
      `Stack "${duplicates[0]}" has both a Pulumi.${duplicates[0]}.yaml and a .yml file in ${dir}. Keep one.`,
    );
  }
  return stacks.sort();
}

export function requireOrgStack(stacks: readonly string[], name: string): void {
  if (!stacks.includes(name)) {
    const known = stacks.length > 0 ? stacks.join(", ") : "none";
    throw new Error(
      `"${name}" is not an org stack of this repository (org stacks: ${known}). ` +
        `Type the name of an existing Pulumi.<org>.yaml stack.`,
    );
  }
}

interface ListStacksArgs {
  dir: string;
  require?: string;
}

export function parseListStacksArgs(argv: readonly string[], cwd: string): ListStacksArgs {
  const args: ListStacksArgs = { dir: cwd };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === "--dir" || flag === "--require") && (value === undefined || value.startsWith("--"))) {
      throw new Error(`${flag} needs a value, e.g. ${flag === "--dir" ? "--dir ." : "--require acme"}.`);
    }
    if (flag === "--dir") args.dir = path.resolve(cwd, value);
    else if (flag === "--require") args.require = value;
    else throw new Error(`Unknown argument "${flag}". Use --dir <project dir> and/or --require <stack>.`);
    i++;
  }
  return args;
}

function main(): void {
  try {
    const args = parseListStacksArgs(process.argv.slice(2), process.cwd());
    const stacks = listOrgStacks(args.dir);
    if (args.require !== undefined) requireOrgStack(stacks, args.require);
    process.stdout.write(`${JSON.stringify(stacks)}\n`);
  } catch (err) {
    process.stderr.write(`list-stacks: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
