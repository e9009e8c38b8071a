// Markdown rendering of the bench's results (pure).

/** A GitHub-flavoured markdown table; cells are escaped for `|`. Numeric-looking columns align right. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== headers.length) throw new Error(`row ${i} has ${row.length} cells; the table has ${headers.length} columns`);
  }
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => /^[-–—]?$|^[\d.,]+( ?(ms|s|x|%))?$/.test(row[c].trim())));
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), `|${headers.map((_, c) => (numeric[c] ? " ---: " : " --- ")).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Milliseconds as "850 ms" or "12.3 s". */
export function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A ratio as "1.23x"; "—" when there is nothing to divide by. */
export function formatRatio(value: number, bound: number): string {
  return bound > 0 ? `${(value / bound).toFixed(2)}x` : "—";
}

/** The middle value (the lower of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** "median / max" of some milliseconds. */
export function medianAndMax(values: readonly number[]): string {
  return `${formatMs(median(values) as number)} / ${formatMs(Math.max(...values))}`;
}

/** Bytes as "850 B", "19.8 KB" or "1.10 MB" (decimal units, as the 50 KB target). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  return bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} KB` : `${(bytes / 1_000_000).toFixed(2)} MB`;
}
