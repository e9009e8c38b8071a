// `npm run migrate -- --stack <org>`: moves a stack deployed before the provider plugin (Pulumi
// dynamic resources) to the plugin, in its state only: no write to Genesys, and the next preview
// shows no change (tools/migrate/migrate.ts, docs/provider-plugin.md). Runs the installed `pulumi`
// (tools/pulumi/cli.ts) in this folder, against the backend it is logged in to. Exit 0 migrated or
// nothing to do, 1 refused or failed, 2 usage.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findPulumiCli } from "./pulumi/cli";
import { type MigrationOps, migrateStack } from "./migrate/migrate";
import type { ExportedState } from "./migrate/rewrite";
import { readProjectName } from "./verify/stack-file";

const USAGE = `Usage: npm run migrate -- --stack <org>

Moves the stack <org>, deployed before the provider plugin, to the plugin: rewrites the exported
state (pulumi stack export / import: each record under the plugin's provider, whose record it adds)
and runs a preview, which must change no Genesys object. Writes nothing to Genesys. A backup of
the state is written first; a stack already on the plugin is left as it is.`;

function parseStack(argv: readonly string[]): string | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const at = argv.indexOf("--stack");
  const stack = at >= 0 ? argv[at + 1] : undefined;
  const unknown = argv.filter((arg, i) => arg.startsWith("--") && arg !== "--stack" && i !== at + 1);
  if (!stack || stack.startsWith("--") || unknown.length > 0) throw new UsageError(unknown.length ? `Unknown argument ${unknown[0]}` : "--stack <org> is required");
  return stack;
}

class UsageError extends Error {}

function cliOps(pulumi: string, stack: string, dir: string, scratch: string): MigrationOps {
  const run = (args: string[]) =>
    execFileSync(pulumi, [...args, "--stack", stack, "--non-interactive"], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  return {
    exportState: async () => JSON.parse(run(["stack", "export"])) as ExportedState,
    importState: async (state) => {
      const file = path.join(scratch, "migrated.json");
      fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
      run(["stack", "import", "--file", file]);
    },
    preview: async () => {
      const steps = (JSON.parse(run(["preview", "--json"])) as { steps?: { op: string; urn: string }[] }).steps ?? [];
      const changes = steps.filter((step) => step.op !== "same").map((step) => `${step.op} ${step.urn}`);
      return { changes, output: steps.map((step) => `  ${step.op} ${step.urn}`).join("\n") };
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const stack = parseStack(argv);
  if (stack === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = process.cwd();
  const cli = findPulumiCli((line) => process.stderr.write(`[migrate] ${line}\n`));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-migrate-"));
  try {
    const backup = path.join(dir, `${stack}.before-plugin-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await migrateStack(cliOps(path.join(cli.root, "bin", "pulumi"), stack, dir, scratch), stack, readProjectName(dir), backup, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`migrate: ${err instanceof Error ? err.message : String(err)}\n${err instanceof UsageError ? `\n${USAGE}\n` : ""}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
