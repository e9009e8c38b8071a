// The before/after table of `npm run bench` (pure): the same measures of two trees of the project,
// side by side, with the change.
import type { CallCounts } from "./requests";
import { formatBytes, formatMs, formatRatio, markdownTable, median, medianAndMax } from "./table";

/** Of the processes of one role in an operation: how many ran, how many loaded the Genesys SDK. */
export interface SdkLoads {
  processes: number;
  loaded: number;
}

/** What `npm run bench` measures of one tree. */
export interface SideMeasures {
  /** The column's heading, e.g. "before: 11b863a (dynamic providers)". */
  label: string;
  coldUp: {
    wallMs: number;
    /** First Genesys write's arrival → last write's answer. */
    writeWindowMs?: number;
    /** First Genesys request → last answer. */
    provisioningWindowMs?: number;
    /** Start → first Genesys request, and last answer → end (program load, the provider's start, the engine's steps and state writes). */
    headMs?: number;
    tailMs?: number;
    calls: CallCounts;
    /** The provider that calls Genesys loads its SDK: the probe's own check. */
    providerSdk: SdkLoads;
  };
  preview: { wallMs: number; calls: CallCounts; providerSdk: SdkLoads; programSdk: SdkLoads };
  /** Bytes of `pulumi stack export` after the cold up (compact JSON). */
  stateBytes: number;
  /** The provider process's launch → port printed, one per launch (ms). */
  providerStartMs: number[];
}

/** "no (1 process)", "yes (1 of 1 processes)", or "— (none ran)". */
export function sdkCell(loads: SdkLoads): string {
  if (loads.processes === 0) return "— (none ran)";
  const of = `${loads.processes} process${loads.processes === 1 ? "" : "es"}`;
  return loads.loaded === 0 ? `no (${of})` : `yes (${loads.loaded} of ${of})`;
}

/** A count's change: "+2", "−3" or "±0". */
export function countChange(before: number, after: number): string {
  const d = after - before;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "±0";
}

const ms = (value: number | undefined) => (value === undefined ? "—" : formatMs(value));
const ratio = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? "" : `${formatRatio(after, before)} of before`);
const calls = (c: CallCounts) => `${c.api} (${c.apiReads} reads, ${c.apiWrites} writes)`;
const starts = (values: number[]) => (values.length === 0 ? "—" : `${medianAndMax(values)} (${values.length} launches)`);

export function beforeAfterTable(before: SideMeasures, after: SideMeasures): string {
  const row = (measure: string, b: string, a: string, change: string) => [measure, b, a, change];
  return markdownTable(
    ["measure", before.label, after.label, "change"],
    [
      row("cold up: wall (end-to-end)", ms(before.coldUp.wallMs), ms(after.coldUp.wallMs), ratio(before.coldUp.wallMs, after.coldUp.wallMs)),
      row("cold up: first → last Genesys write", ms(before.coldUp.writeWindowMs), ms(after.coldUp.writeWindowMs), ratio(before.coldUp.writeWindowMs, after.coldUp.writeWindowMs)),
      row(
        "cold up: provisioning window (first request → last answer)",
        ms(before.coldUp.provisioningWindowMs),
        ms(after.coldUp.provisioningWindowMs),
        ratio(before.coldUp.provisioningWindowMs, after.coldUp.provisioningWindowMs),
      ),
      row("cold up: before the first request", ms(before.coldUp.headMs), ms(after.coldUp.headMs), ratio(before.coldUp.headMs, after.coldUp.headMs)),
      row("cold up: after the last answer", ms(before.coldUp.tailMs), ms(after.coldUp.tailMs), ratio(before.coldUp.tailMs, after.coldUp.tailMs)),
      row("cold up: API calls", calls(before.coldUp.calls), calls(after.coldUp.calls), countChange(before.coldUp.calls.api, after.coldUp.calls.api)),
      row("cold up: logins, uploads", `${before.coldUp.calls.logins}, ${before.coldUp.calls.uploads}`, `${after.coldUp.calls.logins}, ${after.coldUp.calls.uploads}`, ""),
      row("cold up: Genesys SDK loaded by the provider (the probe's check)", sdkCell(before.coldUp.providerSdk), sdkCell(after.coldUp.providerSdk), ""),
      row("preview: wall (end-to-end)", ms(before.preview.wallMs), ms(after.preview.wallMs), ratio(before.preview.wallMs, after.preview.wallMs)),
      row("preview: Genesys requests (API calls, logins)", String(before.preview.calls.total), String(after.preview.calls.total), countChange(before.preview.calls.total, after.preview.calls.total)),
      row("preview: Genesys SDK loaded by the provider", sdkCell(before.preview.providerSdk), sdkCell(after.preview.providerSdk), ""),
      row("preview: Genesys SDK loaded by the program", sdkCell(before.preview.programSdk), sdkCell(after.preview.programSdk), ""),
      row("state after the cold up (`pulumi stack export`)", formatBytes(before.stateBytes), formatBytes(after.stateBytes), ratio(before.stateBytes, after.stateBytes)),
      row(
        "provider process start (launch → port printed; median / max)",
        starts(before.providerStartMs),
        starts(after.providerStartMs),
        ratio(median(before.providerStartMs), median(after.providerStartMs)),
      ),
    ],
  );
}
