// Semantic comparison of JSON schemas (data action contracts; the provider's diff and verify):
// annotations, key order and the order of `required` and `enum` carry no meaning, and an object
// schema without `additionalProperties` allows them.
import { canonicalJson } from "./diff";

const ANNOTATIONS = ["title", "description", "$schema", "$id", "$comment", "examples", "default"];
const SCHEMA_MAPS = ["properties", "patternProperties", "definitions"];
const UNORDERED = ["required", "enum"];

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

export function normalizeSchema(schema: unknown): unknown {
  if (!isNode(schema)) return schema;
  const out: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.includes(key)) continue;
    if (SCHEMA_MAPS.includes(key) && isNode(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, normalizeSchema(sub)]));
    } else if (UNORDERED.includes(key) && Array.isArray(value)) {
      out[key] = [...value].map(canonicalJson).sort();
    } else if (key === "items") {
      out[key] = Array.isArray(value) ? value.map(normalizeSchema) : normalizeSchema(value);
    } else {
      out[key] = isNode(value) ? normalizeSchema(value) : value;
    }
  }
  if ((out.type === "object" || "properties" in out) && out.additionalProperties === undefined) out.additionalProperties = true;
  return out;
}

export function sameSchema(a: unknown, b: unknown): boolean {
  return canonicalJson(normalizeSchema(a)) === canonicalJson(normalizeSchema(b));
}

/** What differs, in words, property by property (empty when the schemas mean the same). */
export function schemaDifferences(expected: unknown, actual: unknown): string[] {
  const want = normalizeSchema(expected);
  const got = normalizeSchema(actual);
  if (!isNode(got)) return [`the contract is ${canonicalJson(actual)}, not a schema object`];
  if (!isNode(want)) return [];
  const differences: string[] = [];
  const wantProps = isNode(want.properties) ? want.properties : {};
  const gotProps = isNode(got.properties) ? got.properties : {};
  for (const name of Object.keys(wantProps)) {
    if (!(name in gotProps)) differences.push(`property "${name}" is missing`);
    else if (canonicalJson(wantProps[name]) !== canonicalJson(gotProps[name])) {
      differences.push(`property "${name}" is ${canonicalJson(gotProps[name])}, expected ${canonicalJson(wantProps[name])}`);
    }
  }
  for (const name of Object.keys(gotProps)) if (!(name in wantProps)) differences.push(`extra property "${name}"`);
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (key === "properties") continue;
    if (canonicalJson(want[key]) !== canonicalJson(got[key])) {
      differences.push(`${key} is ${got[key] === undefined ? "absent" : canonicalJson(got[key])}, expected ${want[key] === undefined ? "absent" : canonicalJson(want[key])}`);
    }
  }
  return differences;
}
