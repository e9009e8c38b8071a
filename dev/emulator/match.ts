import type { MatchCriterion } from "./store";
import { TOPICS } from "./topics";

// Process Automation match criteria: validation at create/update and evaluation for the
// test endpoints. Pure functions. All criteria must match; no criteria matches everything.

/**
 * The operators Genesys takes, as its SDKs list them (MatchCriteria.operator's allowed values in
 * Genesys's Python SDK, kept in test/fixtures/genesys-sources/trigger-operators.txt).
 */
export const OPERATORS = [
  "GreaterThanOrEqual",
  "LessThanOrEqual",
  "Equal",
  "NotEqual",
  "LessThan",
  "GreaterThan",
  "NotIn",
  "In",
  "Contains",
  "All",
  "Exists",
  "Size",
];
const LIST_OPERATORS = ["In", "NotIn", "All"];
const NUMERIC_OPERATORS = ["GreaterThanOrEqual", "LessThanOrEqual", "LessThan", "GreaterThan"];

const isPrimitive = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Field path without an optional `$.` prefix, split on dots. */
const steps = (jsonPath: string) => jsonPath.replace(/^\$\.?/, "").split(".");

/** The problem with criterion i, or undefined when it is valid for the topic. */
export function criterionProblem(c: unknown, i: number, topic: string): string | undefined {
  const at = `matchCriteria[${i}]`;
  if (typeof c !== "object" || c === null || Array.isArray(c)) return `${at} must be an object`;
  const { jsonPath, operator, value, values } = c as Record<string, unknown>;
  if (typeof jsonPath !== "string" || !jsonPath.trim()) return `${at}.jsonPath is required`;
  const field = steps(jsonPath)[0];
  if (TOPICS[topic] && !(field in TOPICS[topic])) return `${at}.jsonPath '${jsonPath}' names no field of topic ${topic}`;
  if (typeof operator !== "string" || !OPERATORS.includes(operator)) {
    return `${at}.operator must be one of ${OPERATORS.join(", ")}, got ${JSON.stringify(operator)}`;
  }
  if ((value === undefined) === (values === undefined)) return `${at} must have exactly one of 'value' or 'values'`;
  if (LIST_OPERATORS.includes(operator)) {
    // The list may come as `values` or as `value` (MatchCriteria.value is any JSON in the SDK).
    const list = values ?? value;
    if (!Array.isArray(list) || list.length === 0 || !list.every(isPrimitive)) {
      return `${at}: operator ${operator} needs a non-empty list of plain JSON values in 'values' (or 'value')`;
    }
    return undefined;
  }
  if (values !== undefined) return `${at}: operator ${operator} takes 'value', not 'values'`;
  if (operator === "Exists" && typeof value !== "boolean") return `${at}: operator Exists needs a boolean 'value'`;
  if (operator === "Size" && (!Number.isInteger(value) || (value as number) < 0)) return `${at}: operator Size needs a non-negative integer 'value'`;
  if (NUMERIC_OPERATORS.includes(operator) && typeof value !== "number") return `${at}: operator ${operator} needs a number 'value'`;
  if (!isPrimitive(value)) return `${at}.value must be a plain JSON string, number or boolean (no UI quoting)`;
  return undefined;
}

export function fieldValue(event: unknown, jsonPath: string): unknown {
  let cur: unknown = event;
  for (const s of steps(jsonPath)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

export function criterionMatches(c: MatchCriterion, event: unknown): boolean {
  const v = fieldValue(event, c.jsonPath);
  const values = c.values ?? (Array.isArray(c.value) ? c.value : []);
  switch (c.operator) {
    case "Equal":
      return v !== undefined && v === c.value;
    case "NotEqual":
      return v !== c.value;
    case "GreaterThan":
      return typeof v === "number" && v > (c.value as number);
    case "GreaterThanOrEqual":
      return typeof v === "number" && v >= (c.value as number);
    case "LessThan":
      return typeof v === "number" && v < (c.value as number);
    case "LessThanOrEqual":
      return typeof v === "number" && v <= (c.value as number);
    case "In":
      return values.includes(v);
    case "NotIn":
      return !values.includes(v);
    case "Contains":
      return typeof v === "string" ? typeof c.value === "string" && v.includes(c.value) : Array.isArray(v) && v.includes(c.value);
    case "All":
      return Array.isArray(v) && values.every((x) => v.includes(x));
    case "Exists":
      return (v !== undefined && v !== null) === c.value;
    case "Size":
      return Array.isArray(v) && v.length === c.value;
    default:
      return false;
  }
}

export const allMatch = (criteria: MatchCriterion[], event: unknown): boolean => criteria.every((c) => criterionMatches(c, event));
