/** One line of the verify report. `expected`/`actual`/`hint` are kept only on failing or skipped rows. */
export interface CheckRow {
  readonly name: string;
  readonly ok: boolean;
  readonly expected?: string;
  readonly actual?: string;
  readonly hint?: string;
  /** The API offers no way to check this; `actual` says why. Counts as ok (nothing is known to be wrong). */
  readonly skipped?: boolean;
}

/** Values shown in a row: text as is, anything else as compact JSON. */
export function shown(value: unknown): string {
  return typeof value === "string" ? value : value === undefined ? "(none)" : JSON.stringify(value);
}

export function pass(name: string): CheckRow {
  return { name, ok: true };
}

export function fail(name: string, expected: unknown, actual: unknown, hint: string): CheckRow {
  return { name, ok: false, expected: shown(expected), actual: shown(actual), hint };
}

/** A row whose outcome is `ok`; the details only matter when it fails. */
export function check(name: string, ok: boolean, expected: unknown, actual: unknown, hint: string): CheckRow {
  return ok ? pass(name) : fail(name, expected, actual, hint);
}

export function notCheckable(name: string, expected: string, why: string): CheckRow {
  return { name, ok: true, skipped: true, expected, actual: `not checked: ${why}` };
}
