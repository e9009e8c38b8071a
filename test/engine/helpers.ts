import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalEngine } from "../../tools/engine/local-engine";

export const programPath = path.join(__dirname, "..", "fixtures", "engine", "program.ts");
export const token = "fixture-token-5f1c9a";

export interface Fixture {
  dir: string;
  engine: LocalEngine;
  /** Provider writes since the last call (the fixture provider's journal). */
  newJournal(): Array<{ op: string; id: string; name?: string }>;
  objectIds(): string[];
}

/** An engine over the fixture program, with its own store directory and stack. */
export function fixture(stack: string, config: Record<string, string> = {}): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `engine-${stack}-`));
  fs.writeFileSync(path.join(dir, "token"), token);
  const engine = new LocalEngine({
    programPath,
    project: "fixture",
    stack,
    config: { "fixture:token": token, ...config },
    secretKeys: ["fixture:token"],
    env: { ...process.env, ENGINE_FIXTURE_DIR: dir },
    stateFile: path.join(dir, "state.json"),
    secretsPassphrase: "test-passphrase",
  });
  let seen = 0;
  const journalFile = path.join(dir, "journal.jsonl");
  return {
    dir,
    engine,
    newJournal() {
      const lines = fs.existsSync(journalFile) ? fs.readFileSync(journalFile, "utf8").trim().split("\n").filter(Boolean) : [];
      const fresh = lines.slice(seen).map((l) => JSON.parse(l));
      seen = lines.length;
      return fresh;
    },
    objectIds() {
      const objects = path.join(dir, "objects");
      return fs.existsSync(objects) ? fs.readdirSync(objects).map((f) => f.replace(/\.json$/, "")).sort() : [];
    },
  };
}

export function urnOf(name: string, stack: string): string {
  const type = "pulumi-nodejs:dynamic/fixture:FileObject";
  return name === "extra"
    ? `urn:pulumi:${stack}::fixture::${type}::extra`
    : `urn:pulumi:${stack}::fixture::fixture:index:Group$${type}::${name}`;
}
