// Pure readings of the emulator's request log: calls by route, reads and writes, the
// provisioning window, overlaps, job-notice delays and per-client rates.
import type { LogEntry } from "../emulator/index";

/** What a logged request was: a login, a presigned upload (S3 in Genesys), or a Platform API call. */
export type CallKind = "login" | "upload" | "api";

export function callKind(route: string): CallKind {
  if (route === "POST /oauth/token") return "login";
  if (route.startsWith("PUT /uploads/")) return "upload";
  return "api";
}

const isRead = (route: string) => route.startsWith("GET ");

export interface CallCounts {
  /** /api/v2 calls: what Genesys's per-token rate limit counts. */
  api: number;
  apiReads: number;
  apiWrites: number;
  logins: number;
  uploads: number;
  /** Every request (api + logins + uploads). */
  total: number;
  /** Writes of any kind (api writes + uploads). */
  writes: number;
  status429: number;
}

export function countCalls(entries: readonly LogEntry[]): CallCounts {
  const counts: CallCounts = { api: 0, apiReads: 0, apiWrites: 0, logins: 0, uploads: 0, total: 0, writes: 0, status429: 0 };
  for (const e of entries) {
    counts.total++;
    if (e.status === 429) counts.status429++;
    const kind = callKind(e.route);
    if (kind === "login") counts.logins++;
    else if (kind === "upload") counts.uploads++;
    else if (isRead(e.route)) counts.apiReads++;
    else counts.apiWrites++;
  }
  counts.api = counts.apiReads + counts.apiWrites;
  counts.writes = counts.apiWrites + counts.uploads;
  return counts;
}

/** Calls per route key, most frequent first (ties by route). */
export function countByRoute(entries: readonly LogEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.route, (counts.get(e.route) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

export interface Span {
  start: number;
  end: number;
}

/** A request from its arrival to its answer. */
export const spanOf = (e: LogEntry): Span => ({ start: e.t, end: e.t + e.durationMs });

/** First request's arrival to the last answer; undefined without requests. */
export function provisioningWindow(entries: readonly LogEntry[]): (Span & { ms: number }) | undefined {
  if (entries.length === 0) return undefined;
  const start = Math.min(...entries.map((e) => e.t));
  const end = Math.max(...entries.map((e) => e.t + e.durationMs));
  return { start, end, ms: end - start };
}

/** An operation's time before its first request and after its last answer (ms); undefined without requests. */
export function headAndTail(entries: readonly LogEntry[], startedAt: number, wallMs: number): { head: number; tail: number } | undefined {
  const window = provisioningWindow(entries);
  return window ? { head: window.start - startedAt, tail: startedAt + wallMs - window.end } : undefined;
}

/** What changes Genesys: /api/v2 calls other than reads, and presigned uploads (logins change nothing). */
export const isWrite = (route: string) => callKind(route) === "upload" || (callKind(route) === "api" && !isRead(route));

/** The first write's arrival to the last write's answer; undefined without writes. */
export function writeWindow(entries: readonly LogEntry[]): (Span & { ms: number }) | undefined {
  return provisioningWindow(entries.filter((e) => isWrite(e.route)));
}

/** Whether every span overlaps every other one (all in flight together at some moment). */
export function allOverlap(spans: readonly Span[]): boolean {
  if (spans.length < 2) return false;
  return Math.max(...spans.map((s) => s.start)) < Math.min(...spans.map((s) => s.end));
}

const JOB_PATH = /^\/(?:api\/v2\/flows\/jobs|uploads\/architect-jobs)\/([^/]+)$/;

/** Per workflow job: from its upload's arrival to its last poll's answer. */
export function jobSpans(entries: readonly LogEntry[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const e of entries) {
    const id = JOB_PATH.exec(e.path)?.[1];
    if (!id) continue;
    const span = spanOf(e);
    const known = spans.get(id);
    spans.set(id, known ? { start: Math.min(known.start, span.start), end: Math.max(known.end, span.end) } : span);
  }
  return spans;
}

export interface FinishedJob {
  id: string;
  /** When the emulator finished it (epoch ms). */
  finishedAt: number;
}

/**
 * Per job: from the emulator finishing it to our provider receiving the answer of the first
 * poll that arrived after that moment (the emulator settles jobs when a request arrives, so that
 * poll carried Success). Jobs nobody polled after finishing are left out.
 */
export function noticeDelays(entries: readonly LogEntry[], jobs: readonly FinishedJob[]): { id: string; ms: number }[] {
  return jobs.flatMap((job) => {
    const polls = entries
      .filter((e) => e.route === "GET /api/v2/flows/jobs/{jobId}" && e.path.endsWith(`/${job.id}`) && e.t >= job.finishedAt)
      .sort((a, b) => a.t - b.t);
    return polls.length > 0 ? [{ id: job.id, ms: polls[0].t + polls[0].durationMs - job.finishedAt }] : [];
  });
}

/** The most /api/v2 requests one client sent within any `windowMs` (an upper bound on any one token's count). */
export function peakClientRate(entries: readonly LogEntry[], windowMs = 60_000): { clientId: string; count: number } | undefined {
  const byClient = new Map<string, number[]>();
  for (const e of entries) {
    if (callKind(e.route) !== "api" || e.clientId === null) continue;
    const times = byClient.get(e.clientId) ?? [];
    times.push(e.t);
    byClient.set(e.clientId, times);
  }
  let peak: { clientId: string; count: number } | undefined;
  for (const [clientId, times] of byClient) {
    times.sort((a, b) => a - b);
    let first = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[last] - times[first] >= windowMs) first++;
      const count = last - first + 1;
      if (!peak || count > peak.count) peak = { clientId, count };
    }
  }
  return peak;
}

/** The client's requests, plus the uploads of the jobs it polled (uploads carry no token). */
export function clientEntries(entries: readonly LogEntry[], clientId: string): LogEntry[] {
  const own = entries.filter((e) => e.clientId === clientId);
  const jobs = new Set(jobSpans(own).keys());
  return entries.filter((e) => e.clientId === clientId || (callKind(e.route) === "upload" && jobs.has(e.path.split("/").pop() as string)));
}

export type ObjectKind = "integration" | "data action" | "workflow" | "trigger";

/** Which kind of Genesys object a route reads or writes (undefined for logins). */
export function objectKind(route: string): ObjectKind | undefined {
  if (route.includes("/integrations/actions")) return "data action";
  if (route.includes("/integrations")) return "integration";
  if (route.includes("/flows") || route.includes("/architect-jobs")) return "workflow";
  if (route.includes("/processautomation/triggers")) return "trigger";
  return undefined;
}

/** The kinds in the order a cold up creates them: each create needs the one before's outputs. */
export const CREATE_ORDER: readonly ObjectKind[] = ["integration", "data action", "workflow", "trigger"];

/**
 * Per step of CREATE_ORDER: from the last answer to a request for the one kind, among those
 * answered before the next kind's first request, to that first request (ms). That is the
 * engine's time from a create returning to the dependent create's first call (its outputs into
 * the program, the next registration, check, the create call), which no lower bound of API calls
 * counts. Where two objects of a kind go side by side, the other one's answers can only shorten it.
 */
export function engineHops(entries: readonly LogEntry[]): { from: ObjectKind; to: ObjectKind; ms: number }[] {
  const ofKind = (kind: ObjectKind) => entries.filter((e) => objectKind(e.route) === kind);
  return CREATE_ORDER.slice(1).flatMap((to, i) => {
    const from = CREATE_ORDER[i];
    const next = ofKind(to);
    if (next.length === 0) return [];
    const start = Math.min(...next.map((e) => e.t));
    const before = ofKind(from).map((e) => e.t + e.durationMs).filter((end) => end <= start);
    return before.length > 0 ? [{ from, to, ms: start - Math.max(...before) }] : [];
  });
}

/** /api/v2 reads per object of each kind, given how many objects of each kind there are. */
export function readsPerObject(entries: readonly LogEntry[], objects: Readonly<Record<ObjectKind, number>>): Record<ObjectKind, number> {
  const reads: Record<ObjectKind, number> = { integration: 0, "data action": 0, workflow: 0, trigger: 0 };
  for (const e of entries) {
    const kind = objectKind(e.route);
    if (kind && callKind(e.route) === "api" && isRead(e.route)) reads[kind]++;
  }
  for (const kind of Object.keys(reads) as ObjectKind[]) reads[kind] = objects[kind] > 0 ? reads[kind] / objects[kind] : 0;
  return reads;
}

/** The most spans in flight at one moment (a span ending exactly when another starts does not overlap it). */
export function maxConcurrent(spans: readonly Span[]): number {
  const edges = spans.flatMap((s) => [{ t: s.start, d: 1 }, { t: s.end, d: -1 }]).sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.d));
  return most;
}
