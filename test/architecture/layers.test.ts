// The folders are layers, each importing only from the layers below it (docs/architecture.md):
// a scan of every relative import and require in the product, operator and development code.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { LAYERS, importsOf, layerOf, sourceFiles } from "./import-scan";

const ROOT = path.join(__dirname, "..", "..");

describe("layers", () => {
  const files = sourceFiles(ROOT);
  const graph = new Map(files.map((file) => [file, importsOf(ROOT, file)]));

  it("finds the code of every layer", () => {
    for (const layer of LAYERS) expect(files.some((file) => layerOf(file) === layer.name), layer.name).toBe(true);
  });

  it("imports only downward (the emulator: nothing of the product)", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file)!;
      for (const target of targets) {
        const to = layerOf(target);
        if (to === undefined) continue; // templates/ (data) and node_modules
        const rank = (name: string) => LAYERS.findIndex((layer) => layer.name === name);
        const emulatorReach = from === "dev/emulator" && to !== "dev/emulator";
        if (emulatorReach || rank(to) > rank(from)) wrong.push(`${file} → ${target} (${from} → ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every folder says what it holds (README.md)", () => {
    const folders = [...new Set(files.map((file) => path.posix.dirname(file)))];
    expect(folders.filter((folder) => !fs.existsSync(path.join(ROOT, folder, "README.md")))).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const walk = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) if (graph.has(target)) walk(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) walk(file, []);
    expect(cycles).toEqual([]);
  });

  it("the scan sees what it should (an upward import in a fixture is caught)", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "domain", ".scan-"));
    try {
      fs.writeFileSync(path.join(dir, "bad.ts"), 'import { x } from "../../providers/provider-base";\nconst y = require("../../stacks/config");\n');
      const relative = path.relative(ROOT, path.join(dir, "bad.ts")).split(path.sep).join("/");
      expect(importsOf(ROOT, relative)).toEqual(["providers/provider-base.ts", "stacks/config.ts"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
