// The bench's many-orgs scenario on the real engine, untimed: three org stacks against one
// emulator, two at a time, through the runner tools/org-stacks.ts uses. Each org does its whole
// cold up and destroy with its own client; no more than two are ever at work at once; the
// emulator's per-client rate limit is never hit.
import * as fs from "fs";
import * as os from "os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { OrgsRun, runOrgs } from "../../dev/bench/orgs";
import { maxConcurrent } from "../../dev/bench/requests";
import { benchScratch } from "../../dev/bench/run";

let emu: Emulator;
let scratchDir: string;
let run: OrgsRun;

beforeAll(async () => {
  emu = await startEmulator({ latencyMs: 50, jobMs: 300 });
  scratchDir = benchScratch(os.tmpdir());
  run = await runOrgs(emu, { cli: inject("pulumiCli"), scratchDir, typeCheck: false }, 3, 2);
}, 900_000);
afterAll(async () => {
  await emu?.close();
  if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
});

describe("three org stacks, two at a time, on the real engine", () => {
  it("every org did its cold up with its own client, and its destroy left nothing", () => {
    expect(run.callsPerOrg).toHaveLength(3);
    for (const calls of run.callsPerOrg) expect(calls).toBeGreaterThan(10);
    const clients = new Set(emu.log().entries.flatMap((e) => (e.clientId ? [e.clientId] : [])));
    expect([...clients].sort()).toEqual(["bench-org1", "bench-org2", "bench-org3"]);
    const state = emu.state();
    expect([state.integrations, state.actions, state.flows, state.triggers].map((list) => list.length)).toEqual([0, 0, 0, 0]);
  });

  it("never had more than two orgs at work at once", () => {
    expect(maxConcurrent(run.orgWindows)).toBeLessThanOrEqual(2);
  });

  it("stayed under the per-client rate limit", () => {
    expect(run.status429).toBe(0);
    expect(run.peak?.count ?? 0).toBeLessThan(emu.settings().rateLimitPerMinute);
  });
});
