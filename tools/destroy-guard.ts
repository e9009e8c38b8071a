// Refuses `pulumi destroy` of an org stack whose live EventBridge path is not released: in
// `cognigy:mode` eventbridge or both the stack holds the Amazon EventBridge Source integration
// (self-hosted: also the AWS side), and destroying it stops handover-end detection for the org.
// The destroy workflow runs it before anything else touches the org (docs/teardown.md).
//
//   ts-node --transpile-only tools/destroy-guard.ts <stack> [--dir <project dir>]
//
// Reads the committed Pulumi.<stack>.yaml: on main it is the config deploy's `pulumi up` last
// applied, so a release committed there has lifted the protection before the destroy runs.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { EVENTBRIDGE_CONFIG_KEYS } from "../domain/eventbridge-settings";
import { cognigyModeProblem, parseCognigyMode, usesEventBridge } from "../domain/modes";

const MODE_KEY = "cognigy:mode";

/** Pure: why `pulumi destroy` of this stack is refused (its stack file's text), or undefined. */
export function destroyRefusal(stack: string, stackFileText: string, fileName: string): string | undefined {
  let doc: unknown;
  try {
    doc = parse(stackFileText);
  } catch (err) {
    return `${fileName}: not valid YAML (${(err as Error).message}); fix the file's syntax.`;
  }
  const config = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  const modeValue = config[MODE_KEY];
  const modeText = modeValue === undefined || modeValue === null ? undefined : String(modeValue);
  const modeProblem = modeText === undefined || modeText.trim() === "" ? undefined : cognigyModeProblem(modeText);
  if (modeProblem) return `${fileName}: ${MODE_KEY} = ${JSON.stringify(modeText)} ${modeProblem}.`;
  const mode = parseCognigyMode(modeText);
  const release = EVENTBRIDGE_CONFIG_KEYS.release;
  if (!usesEventBridge(mode) || String(config[release]) === "true") return undefined;
  return (
    `Refusing to destroy ${stack}: ${MODE_KEY} is ${mode}, so the stack holds the live Amazon EventBridge Source ` +
    `integration (self-hosted: also the AWS side), and destroying it stops handover-end detection for the org. ` +
    (mode === "both"
      ? `To remove only the webhook objects, set ${MODE_KEY}: eventbridge in ${fileName} and let deploy run; no destroy is needed. `
      : "") +
    `To remove the EventBridge path as well, set ${release}: "true" in ${fileName} and merge it to main (deploy's pulumi up ` +
    `lifts the protection, changing nothing in Genesys), then start destroy again (docs/teardown.md).`
  );
}

function stackFile(dir: string, stack: string): string {
  const found = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].find((name) => fs.existsSync(path.join(dir, name)));
  if (!found) throw new Error(`Pulumi.${stack}.yaml not found in ${dir}; type the name of an existing org stack.`);
  return found;
}

function main(): void {
  const [stack, flag, dirArg] = process.argv.slice(2);
  const dir = path.resolve(process.cwd(), flag === "--dir" ? dirArg ?? "" : "");
  try {
    if (!stack || stack.startsWith("--") || (flag !== undefined && flag !== "--dir")) {
      throw new Error("usage: destroy-guard.ts <stack> [--dir <project dir>]");
    }
    const fileName = stackFile(dir, stack);
    const refusal = destroyRefusal(stack, fs.readFileSync(path.join(dir, fileName), "utf8"), fileName);
    if (refusal) throw new Error(refusal);
    process.stdout.write(`${stack}: no live EventBridge path is held unreleased; destroy may go on.\n`);
  } catch (err) {
    process.stdout.write(`::error::${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
