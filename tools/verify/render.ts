import type { CheckRow } from "./rows";

export interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; expected?: string; actual?: string; hint?: string }[];
}

/** The machine-readable report (`--json`). */
export function jsonReport(rows: readonly CheckRow[]): Report {
  return {
    ok: rows.every((row) => row.ok),
    checks: rows.map(({ name, ok, expected, actual, hint }) => ({
      name,
      ok,
      ...(expected !== undefined ? { expected } : {}),
      ...(actual !== undefined ? { actual } : {}),
      ...(hint !== undefined ? { hint } : {}),
    })),
  };
}

const STATUS = { pass: "PASS", fail: "FAIL", skip: "SKIP" };

/** One line per check, its details indented below it; a summary at the end. */
export function tableReport(rows: readonly CheckRow[], title: string): string {
  const lines = [title, ""];
  for (const row of rows) {
    lines.push(`${row.skipped ? STATUS.skip : row.ok ? STATUS.pass : STATUS.fail}  ${row.name}`);
    for (const [label, value] of [["expected", row.expected], ["actual", row.actual], ["hint", row.hint]] as const) {
      if (value !== undefined) lines.push(`        ${`${label}:`.padEnd(10)}${value}`);
    }
  }
  const failed = rows.filter((row) => !row.ok).length;
  const skipped = rows.filter((row) => row.skipped).length;
  lines.push(
    "",
    `${rows.length} checks: ${rows.length - failed - skipped} passed, ${failed} failed, ${skipped} could not be checked through the API.`,
    failed === 0 ? "OK" : "NOT OK: see the FAIL rows and their hints.",
  );
  return lines.join("\n");
}
