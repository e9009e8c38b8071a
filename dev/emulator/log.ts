export interface LogEntry {
  /** Epoch milliseconds when the request arrived. */
  t: number;
  method: string;
  path: string;
  /** The query string as sent ("" or "?expand=…"): what the read asked for (always recorded). */
  query?: string;
  /** Route template key such as `PUT /api/v2/integrations/{integrationId}/config/current`. */
  route: string;
  /** HTTP status sent, or 0 when the client went away before an answer (hangs). */
  status: number;
  clientId: string | null;
  durationMs: number;
}

export interface LogSnapshot {
  entries: LogEntry[];
  counts: Record<string, number>;
}

export class RequestLog {
  private entries: LogEntry[] = [];

  record(entry: LogEntry): void {
    this.entries.push(entry);
  }

  snapshot(): LogSnapshot {
    const counts: Record<string, number> = {};
    for (const e of this.entries) counts[e.route] = (counts[e.route] ?? 0) + 1;
    return { entries: this.entries.map((e) => ({ ...e })), counts };
  }

  clear(): void {
    this.entries = [];
  }
}
