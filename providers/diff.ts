// Pure comparison of old outputs with new inputs, shared by the four providers' `diff`.
import type { CheckFailure, DiffResult } from "@pulumi/pulumi/provider";

/** What Pulumi passes to check/diff during preview for a value not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** JSON text with object keys sorted and undefined members dropped: equal iff same JSON meaning. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export interface DiffRules {
  /** Every compared field (inputs that reach Genesys, plus adopt and managedBy). */
  fields: readonly string[];
  /** Fields Genesys cannot change in place. */
  replaceOn: readonly string[];
  /** Delete the old object first when replacing (Genesys names are unique). */
  deleteBeforeReplace: boolean;
  /** Per-field comparison where plain JSON equality is too strict. */
  same?: Partial<Record<string, (a: unknown, b: unknown) => boolean>>;
}

/** Fields whose new input differs from the old output; an unknown input always counts. */
export function changedFields(olds: Record<string, unknown>, news: Record<string, unknown>, rules: DiffRules): string[] {
  return rules.fields.filter((field) => {
    const next = news[field];
    if (containsUnknown(next)) return true;
    const same = rules.same?.[field] ?? sameJson;
    return !same(olds[field], next);
  });
}

export function diffResult(olds: Record<string, unknown>, news: Record<string, unknown>, rules: DiffRules): DiffResult {
  const changed = changedFields(olds, news, rules);
  const replaces = changed.filter((field) => rules.replaceOn.includes(field));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && rules.deleteBeforeReplace,
  };
}

/** A check failure list entry for a field that is set, known, and not a non-empty string. */
export function requireText(inputs: Record<string, unknown>, field: string, failures: CheckFailure[]): void {
  const value = inputs[field];
  if (value === UNKNOWN) return;
  if (typeof value !== "string" || value.trim() === "") {
    failures.push({ property: field, reason: `${field} must be a non-empty string (got ${JSON.stringify(value)})` });
  }
}

/** Inputs without the keys the program left unset, so check's defaults apply to them. */
export function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
