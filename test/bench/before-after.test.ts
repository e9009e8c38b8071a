// The before/after comparison's parts that need no Pulumi run (dev/bench/): its table, the module
// probe (in real Node.js processes: one that requires the Genesys SDK, one that does not, and the
// provider plugin's launcher), its lines read back, and the provider's start line.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SideMeasures, beforeAfterTable, countChange, sdkCell } from "../../dev/bench/before-after-table";
import { probeEnv, processRole, readProbeLines, sdkLoads, takeProbe } from "../../dev/bench/probe";
import { portLine, providerStartMs } from "../../dev/bench/provider-start";
import { countCalls } from "../../dev/bench/requests";
import { hasEnded } from "../../dev/pulumi/process-tree";
import { PROJECT_ROOT } from "../../tools/pulumi/cli";

const calls = (api: { reads: number; writes: number }, logins = 1, uploads = 0) => ({
  ...countCalls([]),
  api: api.reads + api.writes,
  apiReads: api.reads,
  apiWrites: api.writes,
  logins,
  uploads,
  total: api.reads + api.writes + logins + uploads,
});

const side = (label: string, over: Partial<SideMeasures> = {}): SideMeasures => ({
  label,
  coldUp: { wallMs: 9000, writeWindowMs: 3000, provisioningWindowMs: 3600, headMs: 4000, tailMs: 1400, calls: calls({ reads: 20, writes: 11 }, 1, 2), providerSdk: { processes: 1, loaded: 1 } },
  preview: { wallMs: 3000, calls: calls({ reads: 0, writes: 0 }, 0), providerSdk: { processes: 1, loaded: 1 }, programSdk: { processes: 1, loaded: 0 } },
  stateBytes: 1_104_000,
  providerStartMs: [400, 380, 420],
  ...over,
});

describe("the before/after table", () => {
  it("sets each measure of the two trees side by side, with the change", () => {
    const before = side("before: 11b863a (dynamic providers)");
    const after = side("after: this checkout (provider plugin)", {
      coldUp: { wallMs: 7200, writeWindowMs: 2850, provisioningWindowMs: 3500, headMs: 2600, tailMs: 1100, calls: calls({ reads: 19, writes: 11 }, 1, 2), providerSdk: { processes: 1, loaded: 1 } },
      preview: { wallMs: 2400, calls: calls({ reads: 0, writes: 0 }, 0), providerSdk: { processes: 1, loaded: 0 }, programSdk: { processes: 1, loaded: 0 } },
      stateBytes: 19_812,
      providerStartMs: [560, 540, 570],
    });
    const lines = beforeAfterTable(before, after).split("\n");
    expect(lines[0]).toBe("| measure | before: 11b863a (dynamic providers) | after: this checkout (provider plugin) | change |");
    const row = (measure: string) => lines.find((line) => line.startsWith(`| ${measure} |`));
    expect(row("cold up: wall (end-to-end)")).toBe("| cold up: wall (end-to-end) | 9000 ms | 7200 ms | 0.80x of before |");
    expect(row("cold up: first → last Genesys write")).toBe("| cold up: first → last Genesys write | 3000 ms | 2850 ms | 0.95x of before |");
    expect(row("cold up: before the first request")).toBe("| cold up: before the first request | 4000 ms | 2600 ms | 0.65x of before |");
    expect(row("cold up: API calls")).toBe("| cold up: API calls | 31 (20 reads, 11 writes) | 30 (19 reads, 11 writes) | −1 |");
    expect(row("cold up: logins, uploads")).toBe("| cold up: logins, uploads | 1, 2 | 1, 2 |  |");
    expect(row("preview: Genesys requests (API calls, logins)")).toBe("| preview: Genesys requests (API calls, logins) | 0 | 0 | ±0 |");
    expect(row("preview: Genesys SDK loaded by the provider")).toBe("| preview: Genesys SDK loaded by the provider | yes (1 of 1 process) | no (1 process) |  |");
    expect(row("state after the cold up (`pulumi stack export`)")).toBe("| state after the cold up (`pulumi stack export`) | 1.10 MB | 19.8 KB | 0.02x of before |");
    expect(row("provider process start (launch → port printed; median / max)")).toBe(
      "| provider process start (launch → port printed; median / max) | 400 ms / 420 ms (3 launches) | 560 ms / 570 ms (3 launches) | 1.40x of before |",
    );
  });

  it("shows what was not measured as such, never as zero", () => {
    const none = side("after", { coldUp: { wallMs: 100, calls: calls({ reads: 0, writes: 0 }, 0), providerSdk: { processes: 0, loaded: 0 } }, providerStartMs: [] });
    const table = beforeAfterTable(side("before"), none);
    expect(table).toContain("| cold up: first → last Genesys write | 3000 ms | — |  |");
    expect(table).toContain("| provider process start (launch → port printed; median / max) | 400 ms / 420 ms (3 launches) | — |  |");
    expect(sdkCell({ processes: 0, loaded: 0 })).toBe("— (none ran)");
    expect(sdkCell({ processes: 2, loaded: 1 })).toBe("yes (1 of 2 processes)");
    expect([countChange(3, 5), countChange(5, 3), countChange(4, 4)]).toEqual(["+2", "−2", "±0"]);
  });
});

describe("the module probe", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-probe-"));
    file = path.join(dir, "probe.jsonl");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const node = (script: string) => execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, env: { ...process.env, ...probeEnv(file, process.env.NODE_OPTIONS) } });

  it("records each Node.js process it is preloaded into, and whether it required the Genesys SDK", () => {
    node("require('purecloud-platform-client-v2'); require('purecloud-platform-client-v2')");
    node("require('yaml')");
    const processes = takeProbe(file);
    expect(processes.map((p) => p.sdk)).toEqual([true, false]);
    expect(sdkLoads(processes, "other")).toEqual({ processes: 2, loaded: 1 });
    expect(takeProbe(file)).toEqual([]);
  });

  it("sees the provider plugin start without the Genesys SDK, and the launch end at its port", async () => {
    const launcher = path.join(PROJECT_ROOT, "provider-plugin", "pulumi-resource-cognigy-genesys");
    const ms = await providerStartMs(launcher, PROJECT_ROOT, { ...process.env, ...probeEnv(file, process.env.NODE_OPTIONS) });
    expect(ms).toBeGreaterThan(0);
    const processes = takeProbe(file);
    expect(processes.map((p) => [p.role, p.sdk])).toEqual([["provider", false]]);
    expect(hasEnded(processes[0].pid)).toBe(true);
  });

  it("tells the program's host and the providers by their script", () => {
    expect(processRole("/work/dev/pulumi/inline-host.js")).toBe("program");
    expect(processRole("/work/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js")).toBe("provider");
    expect(processRole("/work/node_modules/@pulumi/pulumi/cmd/dynamic-provider")).toBe("provider");
    expect(processRole("/work/provider-plugin/launch.js")).toBe("provider");
    expect(processRole("")).toBe("other");
  });

  it("reads its lines back per process, and refuses a line that is not its own", () => {
    const lines = [
      { pid: 7, event: "start", script: "/x/inline-host.js" },
      { pid: 8, event: "start", script: "/x/provider-plugin/launch.js" },
      { pid: 7, event: "sdk", script: "/x/inline-host.js" },
    ].map((l) => JSON.stringify(l));
    expect(readProbeLines(`${lines.join("\n")}\n`)).toEqual([
      { pid: 7, script: "/x/inline-host.js", role: "program", sdk: true },
      { pid: 8, script: "/x/provider-plugin/launch.js", role: "provider", sdk: false },
    ]);
    expect(() => readProbeLines("ready\n")).toThrow(/module probe line is not JSON: ready/);
    expect(() => readProbeLines('{"pid":1,"event":"stop","script":""}')).toThrow(/module probe line is not the probe's/);
  });

  it("keeps NODE_OPTIONS the developer set", () => {
    expect(probeEnv("/tmp/p", "--max-old-space-size=4096").NODE_OPTIONS).toMatch(/^--max-old-space-size=4096 --require ".*module-probe\.js"$/);
  });
});

describe("the provider's start line", () => {
  it("is the first complete stdout line that is a port", () => {
    expect(portLine("")).toBeUndefined();
    expect(portLine("4123")).toBeUndefined();
    expect(portLine("4123\n")).toBe(4123);
    expect(portLine("warning: x\n 39051 \nmore")).toBe(39051);
  });
});
