// The many-orgs scenario: N org stacks against one emulator (each its own OAuth client, stack and
// object names), at most `parallel` operations at a time through the runner tools/org-stacks.ts
// uses: every cold up, then every destroy.
import type { Emulator } from "../emulator/index";
import { Settled, runBounded } from "../../tools/org-stacks/bounded";
import { countCalls, peakClientRate, provisioningWindow, Span } from "./requests";
import { BenchStackOptions, measure, orgStack } from "./run";

export interface OrgsRun {
  orgs: number;
  parallel: number;
  /** All cold ups, from the first start to the last end. */
  wallMs: number;
  callsPerOrg: number[];
  /** Each org's own first request → last answer of its cold up, in org order. */
  orgWindows: Span[];
  /** Each org's cold up wall, in org order. */
  orgWallsMs: number[];
  peak?: { clientId: string; count: number };
  status429: number;
  destroyWallMs: number;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/** The values of tasks that all succeeded; otherwise an error naming how many failed and the first failure. */
export function allValues<T>(what: string, settled: Settled<T>[]): T[] {
  const failed = settled.flatMap((s) => (s.ok ? [] : [s.error]));
  if (failed.length > 0) throw new Error(`${failed.length} of ${settled.length} ${what}s failed; the first: ${firstLine(failed[0])}`);
  return settled.flatMap((s) => (s.ok ? [s.value] : []));
}

export async function runOrgs(emu: Emulator, options: BenchStackOptions, orgs: number, parallel: number): Promise<OrgsRun> {
  const stacks = Array.from({ length: orgs }, (_, i) => orgStack(emu, options, `org${i + 1}`, `org${i + 1}`));
  const started = Date.now();
  const ups = allValues("cold up", await runBounded(stacks, parallel, (s) => measure(emu, s, "cold up", () => s.stack.up())));
  const wallMs = Date.now() - started;
  const destroyStarted = Date.now();
  allValues("destroy", await runBounded(stacks, parallel, (s) => s.stack.destroy()));
  const destroyWallMs = Date.now() - destroyStarted;
  const all = emu.log().entries;
  return {
    orgs,
    parallel,
    wallMs,
    callsPerOrg: ups.map((u) => countCalls(u.entries).api),
    orgWindows: ups.map((u) => provisioningWindow(u.entries) ?? { start: u.startedAt, end: u.startedAt }),
    orgWallsMs: ups.map((u) => u.wallMs),
    peak: peakClientRate(all),
    status429: countCalls(all).status429,
    destroyWallMs,
  };
}
