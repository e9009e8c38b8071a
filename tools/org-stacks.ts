// Many org stacks on one machine, at most N at a time: `pulumi preview|up|refresh` for every
// Pulumi.<org>.yaml, as the CI matrix runs them across runners (.github/workflows, docs/ci.md).
//
//   npx ts-node --transpile-only tools/org-stacks.ts up --parallel 2
//
// Each org uses its own OAuth client and Genesys rate-limits per client, so orgs do not slow each
// other down; this machine's cores do (each run is a Pulumi CLI, a Node.js program and a provider
// host): the default parallelism is the number of cores (measured by `npm run bench -- --orgs`).
// Uses the Pulumi CLI tools/pulumi/cli.ts chooses, with this shell's backend and passphrase.
// Output lines are prefixed with the stack; a summary follows; exit code 1 if any org failed.
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { listOrgStacks } from "./list-stacks";
import { ORG_STACKS_USAGE, OrgCommand, parseOrgStacksArgs, pulumiArgs, sharedCredentialVariables, sharedCredentialsMessage } from "./org-stacks/args";
import { runBounded } from "./org-stacks/bounded";
import { PROJECT_ROOT, findPulumiCli } from "./pulumi/cli";

interface OrgRun {
  stack: string;
  code: number;
  wallMs: number;
}

function runOne(pulumi: string, command: OrgCommand, stack: string): Promise<OrgRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(pulumi, pulumiArgs(command, stack), { cwd: PROJECT_ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
      readline.createInterface({ input: stream }).on("line", (line) => out.write(`[${stack}] ${line}\n`));
    }
    child.once("error", (err) => {
      process.stderr.write(`[${stack}] could not start ${pulumi}: ${err.message}\n`);
      resolve({ stack, code: 127, wallMs: Date.now() - started });
    });
    child.once("exit", (code, signal) => resolve({ stack, code: code ?? (signal ? 1 : 0), wallMs: Date.now() - started }));
  });
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseOrgStacksArgs(argv, listOrgStacks(PROJECT_ROOT), os.availableParallelism());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${ORG_STACKS_USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    console.log(ORG_STACKS_USAGE);
    return 0;
  }
  const shared = sharedCredentialVariables(process.env);
  if (shared.length > 0) {
    process.stderr.write(`${sharedCredentialsMessage(shared)}\n`);
    return 2;
  }
  const cli = findPulumiCli();
  const pulumi = path.join(cli.root, "bin", "pulumi");
  console.log(`pulumi ${args.command} for ${args.stacks.length} org stack(s), ${args.parallel} at a time: ${args.stacks.join(", ")}`);
  const started = Date.now();
  const settled = await runBounded(args.stacks, args.parallel, (stack) => runOne(pulumi, args.command, stack));
  const runs = settled.flatMap((s) => (s.ok ? [s.value] : []));
  console.log(`\n| stack | result | wall |\n| --- | --- | ---: |`);
  for (const run of runs) console.log(`| ${run.stack} | ${run.code === 0 ? "ok" : `failed (exit code ${run.code})`} | ${Math.round(run.wallMs / 1000)} s |`);
  const failed = runs.filter((r) => r.code !== 0).length;
  console.log(`\n${args.stacks.length - failed} of ${args.stacks.length} org stack(s) ok in ${Math.round((Date.now() - started) / 1000)} s`);
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`org-stacks failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
