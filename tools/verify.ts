// `npm run verify -- --stack <org> [--json] [--no-probe]`: checks a live Genesys Cloud org against
// the stack's expected configuration. Exit 0 all pass, 1 a check failed, 2 usage/connection error.
import { parseArgs } from "./verify/args";
import { jsonReport, tableReport } from "./verify/render";
import { ConnectionError, runVerify } from "./verify/run";
import { verifySettings } from "./verify/settings";
import { readProjectName, readStackFile } from "./verify/stack-file";
import { USAGE, UsageError } from "./verify/usage";

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = process.cwd();
  const project = readProjectName(dir);
  const { settings, plan, target } = verifySettings(readStackFile(dir, args.stack), args, process.env);
  const rows = await runVerify({
    settings,
    plan,
    target,
    stack: args.stack,
    project,
    identity: args.identity,
    probe: args.probe,
    progress: (line) => process.stderr.write(`[verify] ${line}\n`),
  });
  const ok = rows.every((row) => row.ok);
  process.stdout.write(
    args.json ? `${JSON.stringify(jsonReport(rows), null, 2)}\n` : `${tableReport(rows, `verify: stack ${args.stack} (cognigy:mode ${plan.mode}) at ${target.apiUrl}`)}\n`,
  );
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ConnectionError;
    // Target and config errors name the key and the fix; none of them repeats the secret.
    process.stderr.write(`verify: ${err instanceof Error ? err.message : String(err)}\n${known ? "" : "(unexpected error; please report it)\n"}`);
    process.exitCode = 2;
  },
);
