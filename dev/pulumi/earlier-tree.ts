// The project as it was at an earlier commit, runnable by ProjectStack (`projectDir`): what the
// upgrade tests deploy stacks with, and what `npm run bench` measures as "before".
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../tools/pulumi/cli";

/** What the stack program needs of a tree, each where the commit has it (`domain` came with issue 16, `provider-plugin` with issue 25). */
const PROGRAM_TREE = ["Pulumi.yaml", "package.json", "tsconfig.json", "tsconfig.pulumi.json", "stacks", "components", "providers", "provider-plugin", "domain", "templates"];

const inCommit = (commit: string, entry: string) => spawnSync("git", ["-C", PROJECT_ROOT, "cat-file", "-e", `${commit}:${entry}`]).status === 0;

/**
 * The program's folders at `commit` (`git archive`) in a new temporary folder, with a link to this
 * checkout's node_modules; the caller removes the folder.
 */
export function extractTree(commit: string): string {
  if (spawnSync("git", ["-C", PROJECT_ROOT, "cat-file", "-e", `${commit}^{commit}`]).status !== 0) {
    throw new Error(`commit ${commit} (an earlier tree of this project) is not in ${PROJECT_ROOT}: it needs main's history; run in a full clone (git fetch --unshallow)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cognigy-${commit}-`));
  const tree = PROGRAM_TREE.filter((entry) => inCommit(commit, entry));
  const archive = execFileSync("git", ["-C", PROJECT_ROOT, "archive", commit, ...tree], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}
