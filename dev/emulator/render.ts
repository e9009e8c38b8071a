// The slice of Velocity that Genesys data actions use in this project, as pure functions:
// `${input.x}` / `$!{input.x}` in request templates, `${input.rawRequest}`, `${rawResult}`
// and translation-map variables in success templates. Unresolved `${…}` stays literal, as in Velocity.

export function renderRequest(template: string, input: Record<string, unknown>): string {
  return template.replace(/\$(!?)\{input\.([A-Za-z0-9_]+)\}/g, (whole, quiet: string, key: string) => {
    if (key === "rawRequest") return JSON.stringify(input);
    const v = input[key];
    if (v === undefined || v === null) return quiet ? "" : whole;
    return typeof v === "string" ? v : JSON.stringify(v);
  });
}

/** Success templates get JSON values: `${name}` of a string renders with its quotes. */
export function renderSuccess(template: string, rawResult: string, vars: Record<string, unknown>): string {
  return template.replace(/\$(!?)\{([A-Za-z0-9_]+)\}/g, (whole, quiet: string, key: string) => {
    if (key === "rawResult") return rawResult;
    if (!(key in vars)) return quiet ? "" : whole;
    return JSON.stringify(vars[key]);
  });
}

/** Resolves `$.a.b[0].c` against a JSON value; undefined when any step is missing. */
export function jsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith("$")) return undefined;
  const steps = path.slice(1).match(/\.[A-Za-z0-9_]+|\[\d+\]|\['[^']*'\]/g) ?? [];
  if (steps.join("") !== path.slice(1)) return undefined;
  let cur: unknown = root;
  for (const s of steps) {
    if (cur === null || typeof cur !== "object") return undefined;
    const key = s.startsWith(".") ? s.slice(1) : s.startsWith("['") ? s.slice(2, -2) : Number(s.slice(1, -1));
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Problems of a value against a (flat) JSON schema: required keys and primitive types. */
export function schemaProblems(schema: { properties?: Record<string, unknown>; required?: string[] }, value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["value must be a JSON object"];
  const obj = value as Record<string, unknown>;
  const problems = (schema.required ?? []).filter((k) => obj[k] === undefined).map((k) => `required property '${k}' is missing`);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const type = (prop as { type?: string }).type;
    const v = obj[key];
    if (v === undefined || v === null || !type) continue;
    const ok =
      type === "string" ? typeof v === "string"
      : type === "integer" ? Number.isInteger(v)
      : type === "number" ? typeof v === "number"
      : type === "boolean" ? typeof v === "boolean"
      : type === "array" ? Array.isArray(v)
      : type === "object" ? typeof v === "object" && !Array.isArray(v)
      : true;
    if (!ok) problems.push(`property '${key}' must be of type ${type}`);
  }
  return problems;
}
