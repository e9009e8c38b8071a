// After a local deploy: the point of the whole setup in one screen. Publishes, on the emulator,
// an AfterCallWorkEvent and a UserEndEvent for an Open Messaging conversation and for a voice
// call, and reports what reached Cognigy's endpoint (the local receiver) for each.
import { postEvent } from "../emulator/event-cli";
import { formatEventRecord } from "../emulator/event-report";
import type { EventRecord } from "../emulator/events";
import { type SampleChannel, type SampleKind, sampleEvent, sampleTopic } from "../emulator/sample-events";
import type { HttpExchange } from "../emulator/action-run";
import { EVENT_KEYS, type EventKey } from "../../domain/events";

export interface RehearseOptions {
  /** Also print each event's whole execution log; default false. */
  readonly verbose?: boolean;
  /** The events the stack deployed (`cognigy:events`); the others must reach nothing. Default both. */
  readonly events?: readonly EventKey[];
}

export interface Rehearsal {
  readonly kind: SampleKind;
  readonly channel: SampleChannel;
  /** Whether this event should reach Cognigy: an Open Messaging event the stack deployed. */
  readonly expected: boolean;
  /** Every request a workflow sent for this event, with the answer (or why none came). */
  readonly sent: readonly HttpExchange[];
  readonly record: EventRecord;
}

export interface RehearsalReport {
  readonly rehearsals: readonly Rehearsal[];
  /** Each deployed Open Messaging event reached Cognigy once with a 2xx answer, and no other event did. */
  readonly ok: boolean;
  /** Printable, one line per event (plus the logs when verbose). */
  readonly text: string;
}

const GENESYS_EVENT: Record<string, string> = { acw: "AfterCallWorkEvent", "user.end": "UserEndEvent" };
const CHANNEL: Record<SampleChannel, string> = { "open-messaging": "Open Messaging", voice: "voice call" };
const CASES: readonly [SampleKind, SampleChannel][] = [
  ["acw", "open-messaging"],
  ["user.end", "open-messaging"],
  ["acw", "voice"],
  ["user.end", "voice"],
];

/** Pure: the requests the event's workflows sent. */
export function sentRequests(record: EventRecord): HttpExchange[] {
  return record.triggers.flatMap((t) => t.execution?.steps ?? []).flatMap((s) => (s.http ? [s.http] : []));
}

/** Pure: whether a rehearsal went as the setup intends. */
export function asIntended(r: Pick<Rehearsal, "expected" | "sent">): boolean {
  if (!r.expected) return r.sent.length === 0;
  return r.sent.length === 1 && (r.sent[0].response?.status ?? 0) >= 200 && (r.sent[0].response?.status ?? 0) < 300;
}

/** Pure: one line on what Cognigy got for the event, or why nothing was sent. */
export function rehearsalLine(r: Rehearsal): string {
  const label = `${GENESYS_EVENT[r.kind]}, ${CHANNEL[r.channel]}`;
  const mark = asIntended(r) ? "ok  " : "FAIL";
  if (r.sent.length === 0) {
    const why = r.record.triggers.map((t) => (t.fired ? `"${t.triggerName}" fired but its workflow sent nothing (${t.execution?.errorMessage ?? t.execution?.status})` : `"${t.triggerName}": ${t.reason}`));
    return `${mark} ${label}: nothing sent to Cognigy (${why.length ? why.join("; ") : "no trigger on this topic"})`;
  }
  return r.sent
    .map((h) => {
      const answer = h.response ? `HTTP ${h.response.status}` : `no answer: ${h.failure}`;
      return `${mark} ${label}: ${h.request.method} ${h.request.url} ${h.request.body ?? ""} → ${answer}`;
    })
    .join("\n");
}

/** Publishes the four events on the emulator at `emulatorUrl` (its control API) and reports. */
export async function rehearse(emulatorUrl: string, options: RehearseOptions = {}): Promise<RehearsalReport> {
  const rehearsals: Rehearsal[] = [];
  const deployed: readonly string[] = options.events ?? EVENT_KEYS;
  for (const [kind, channel] of CASES) {
    const body = await postEvent(emulatorUrl, sampleTopic(kind), sampleEvent(kind, channel));
    rehearsals.push({ kind, channel, expected: channel === "open-messaging" && deployed.includes(kind), record: body, sent: sentRequests(body) });
  }
  const lines = ["Rehearsal: what Cognigy is told when an agent ends a conversation", ...rehearsals.map(rehearsalLine)];
  if (options.verbose) lines.push("", ...rehearsals.map((r) => formatEventRecord(r.record)));
  return { rehearsals, ok: rehearsals.every(asIntended), text: lines.join("\n") };
}
