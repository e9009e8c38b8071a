// The runbook's step 0 (dev/reliability/recovery.ts, docs/crash-recovery.md): a CLI killed while
// the file backend wrote its checkpoint leaves it torn; the previous one, `<stack>.json.bak`,
// goes back in its place. The long reliability run found it ("failed to load checkpoint: EOF").
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { restoreTornCheckpoint } from "../../dev/reliability/recovery";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function checkpoint(text: string | undefined, backup?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-checkpoint-"));
  dirs.push(dir);
  const file = path.join(dir, "org.json");
  if (text !== undefined) fs.writeFileSync(file, text);
  if (backup !== undefined) fs.writeFileSync(`${file}.bak`, backup);
  return file;
}

const PREVIOUS = JSON.stringify({ version: 3, checkpoint: { latest: { resources: [] } } });

describe("restoreTornCheckpoint", () => {
  it.each([
    ["empty", ""],
    ["cut off mid-write", PREVIOUS.slice(0, 20)],
  ])("puts the backup back over a checkpoint %s", (_, torn) => {
    const file = checkpoint(torn, PREVIOUS);
    expect(restoreTornCheckpoint(file)).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe(PREVIOUS);
  });

  it("leaves a whole checkpoint, and a stack with none yet, alone", () => {
    const whole = checkpoint(JSON.stringify({ version: 3 }), PREVIOUS);
    expect(restoreTornCheckpoint(whole)).toBe(false);
    expect(fs.readFileSync(whole, "utf8")).toBe(JSON.stringify({ version: 3 }));
    expect(restoreTornCheckpoint(checkpoint(undefined))).toBe(false);
  });

  it("says which files when there is no backup to restore", () => {
    const file = checkpoint("");
    expect(() => restoreTornCheckpoint(file)).toThrow(`The checkpoint ${file} is torn (the CLI was killed while writing it) and ${file}.bak does not exist`);
  });
});
