import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../tools/engine/local-engine";
import { token } from "./helpers";

const programPath = path.join(__dirname, "..", "fixtures", "engine", "outputs-program.ts");

function engine(options: Partial<ConstructorParameters<typeof LocalEngine>[0]> = {}): LocalEngine {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-outputs-"));
  fs.writeFileSync(path.join(dir, "token"), token);
  return new LocalEngine({
    programPath,
    project: "fixture",
    stack: "outputs",
    config: { "fixture:token": token },
    secretKeys: ["fixture:token"],
    env: { ...process.env, ENGINE_FIXTURE_DIR: dir },
    ...options,
  });
}

describe("stack outputs", () => {
  it("keeps false, 0 and empty outputs, top-level and nested", async () => {
    const e = engine();
    const result = await e.up();
    expect(result.outputs).toMatchObject({ falseFlag: false, plainFalse: false, zero: 0, empty: "", nested: { off: false, list: [false, 0] } });
    expect(e.stackState.outputs).toMatchObject({ falseFlag: false, plainFalse: false });
    await e.destroy();
  });

  // The reported "missing false output" came from resource classes, not the engine: an output
  // redeclared with `!` is a class field that wipes the value the Resource constructor set.
  it("an output redeclared as a defined class field is undefined in the program; `declare` keeps it", async () => {
    const e = engine();
    const result = await e.up();
    expect(result.outputs.declaredContent).toBe("declared-content");
    expect(result.outputs).not.toHaveProperty("definedFieldContent");
    const defined = e.stackState.resources.find((r) => r.urn.endsWith("::defined"));
    expect(defined?.outputs.content).toBe("defined-content");
    await e.destroy();
  });

  it("a kept host and program process give the same results over several runs, and close() ends them", async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cache-"));
    const kept = engine({ keepHost: true, keepProgramProcess: true, compileCacheDir: cache });
    const first = await kept.up();
    const pid = kept.hostPid;
    const second = await kept.up();
    expect(second.summary).toEqual({ same: 2 });
    expect(second.outputs).toEqual(first.outputs);
    expect(kept.hostPid).toBe(pid);
    expect(second.operations.map((o) => o.op)).not.toContain("host-start");
    expect(fs.readdirSync(cache).some((f) => f.endsWith(".js"))).toBe(true);
    await kept.destroy();
    await kept.close();
    expect(kept.hostPid).toBeUndefined();
    expect(() => process.kill(pid!, 0)).toThrow();
  });
});
