// This project as another release of it: the program's files copied, some template files
// replaced, this checkout's node_modules. A TestStack with `projectDir` set to it deploys what
// that release would have deployed, with the objects Genesys holds exactly as it made them (an
// edited state file would claim objects the org does not have).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const PROGRAM = ["Pulumi.yaml", "package.json", "tsconfig.json", "tsconfig.pulumi.json", "stacks", "components", "provider-plugin", "providers", "domain", "templates"];

export interface Release {
  readonly dir: string;
  dispose(): void;
}

/** `templates`: file name under templates/ → its JSON content in that release. */
export function releaseWith(templates: Record<string, unknown>): Release {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-release-"));
  execFileSync("cp", ["-r", ...PROGRAM.map((entry) => path.join(ROOT, entry)), dir]);
  for (const [file, content] of Object.entries(templates)) {
    fs.writeFileSync(path.join(dir, "templates", file), JSON.stringify(content, null, 2));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
