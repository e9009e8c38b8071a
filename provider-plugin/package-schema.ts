// The plugin's schema (schema.json; this module is not named schema.ts: Node would resolve "./schema" to the JSON): every property declared once, served by getSchema and
// checked against the TypeScript resource classes (test/unit/provider-plugin-schema.test.ts).
import schema = require("./schema.json");
import packageJson = require("../package.json");

/** The plugin's version: the project's (package.json), recorded in state with every provider and resource. */
export const VERSION: string = packageJson.version;

/** The plugin's package name: not `genesyscloud`, the name of Genesys's own Pulumi package (its Terraform bridge). */
export const PACKAGE = "cognigy-genesys";

export interface PropertySchema {
  readonly type?: string;
  readonly $ref?: string;
  readonly description?: string;
  readonly secret?: boolean;
  readonly replaceOnChanges?: boolean;
}

export interface ResourceSchema {
  readonly description: string;
  readonly inputProperties: Readonly<Record<string, PropertySchema>>;
  readonly requiredInputs: readonly string[];
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required: readonly string[];
}

export const SCHEMA = schema as {
  readonly name: string;
  readonly config: { readonly variables: Readonly<Record<string, PropertySchema>> };
  readonly provider: { readonly inputProperties: Readonly<Record<string, PropertySchema>> };
  readonly resources: Readonly<Record<string, ResourceSchema>>;
};

/**
 * The provider input that makes Configure fail with its text (serve.ts): how the stack program's
 * guard (stacks/dynamic-state-guard.ts) refuses a run. A failed provider step ends the run in the
 * engine before any resource reaches the plugin; a failure in the program would leave it waiting.
 */
export const REFUSAL_ARGUMENT = "refusal";

/** `cognigy-genesys:index:<Kind>`. */
export function typeToken(kind: string): string {
  return `${PACKAGE}:index:${kind}`;
}
