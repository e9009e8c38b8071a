import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { UsageError } from "./usage";

export interface StackFile {
  readonly path: string;
  /** `ns:key` → value as Pulumi hands config to programs: text, lists and objects as JSON. */
  readonly config: Record<string, string>;
  /** Keys whose values are encrypted (`secure:`): verify cannot read them. */
  readonly secureKeys: readonly string[];
}

/** Pure: the `config:` map of a Pulumi.<stack>.yaml text. */
export function parseStackFile(text: string, file: string): StackFile {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UsageError(`${file} is not valid YAML: ${doc.errors[0].message}`);
  const root: unknown = doc.toJS() ?? {};
  const config = (root as { config?: unknown }).config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new UsageError(`${file}: "config" must be a map of keys such as cognigy:endpointDomain`);
  }
  const values: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value) secureKeys.push(key);
    else if (value !== null && value !== undefined) values[key] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return { path: file, config: values, secureKeys };
}

export function readStackFile(dir: string, stack: string): StackFile {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    const known = fs
      .readdirSync(dir)
      .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
      .filter((name): name is string => name !== undefined);
    throw new UsageError(
      `No stack file ${file} for --stack ${stack}. Run verify in the project directory; ` +
        (known.length > 0 ? `stacks found: ${known.join(", ")}.` : "create the stack first (docs/onboarding.md)."),
    );
  }
  return parseStackFile(text, file);
}

/** `name` in Pulumi.yaml: part of the marker the providers write on what a stack manages. */
export function readProjectName(dir: string): string {
  const file = path.join(dir, "Pulumi.yaml");
  let name: unknown;
  try {
    name = (parseDocument(fs.readFileSync(file, "utf8")).toJS() as { name?: unknown } | null)?.name;
  } catch {
    throw new UsageError(`No Pulumi project file ${file}: run verify in the project directory.`);
  }
  if (typeof name !== "string" || name === "") throw new UsageError(`${file} has no "name"; it names the project.`);
  return name;
}
