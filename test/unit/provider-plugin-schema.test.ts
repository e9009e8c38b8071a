// The plugin's schema (provider-plugin/schema.json) and its TypeScript surface say the same: each
// resource's inputs are its args interface's members (required ones too), its outputs the class's
// declared outputs, its replace-on-change fields the kind's diff rules; the provider's inputs are
// ProviderArgs and the settings the Genesys client reads; getSchema serves it with the package version.
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../providers/genesys/settings";
import { RULES as DATA_ACTION_RULES } from "../../providers/data-action";
import { RULES as EVENTBRIDGE_RULES } from "../../providers/eventbridge-integration";
import { RULES as INTEGRATION_RULES } from "../../providers/integration";
import { RULES as TRIGGER_RULES } from "../../providers/trigger";
import { RULES as WORKFLOW_RULES } from "../../providers/workflow";
import { REFUSAL_ARGUMENT, SCHEMA, typeToken } from "../../provider-plugin/package-schema";
import { GenesysPlugin } from "../../provider-plugin/plugin";

const ROOT = path.join(__dirname, "..", "..");

interface Member {
  name: string;
  optional: boolean;
}

/** The members of an interface, or the `declare`d properties of a class, as the source states them. */
function members(file: string, name: string): Member[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest);
  const found: Member[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name) {
      for (const member of node.members) {
        const declared = ts.isPropertyDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
        if ((ts.isPropertySignature(member) || declared) && member.name && ts.isIdentifier(member.name)) {
          found.push({ name: member.name.text, optional: member.questionToken !== undefined });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found.length === 0) throw new Error(`${name} not found in ${file}, or it declares nothing`);
  return found;
}

const names = (list: Member[]) => list.map((member) => member.name).sort();
const sorted = (list: Iterable<string>) => [...list].sort();

/** Per resource: its args interface (none: it takes no arguments), its class, and the kind's diff rules. */
const RESOURCES: readonly { kind: string; args?: readonly [file: string, name: string]; rules: { replaceOn: readonly string[] } }[] = [
  { kind: "Integration", args: ["providers/integration.ts", "IntegrationArgs"], rules: INTEGRATION_RULES },
  { kind: "DataAction", args: ["providers/data-action.ts", "DataActionArgs"], rules: DATA_ACTION_RULES },
  { kind: "Workflow", args: ["providers/workflow.ts", "WorkflowArgs"], rules: WORKFLOW_RULES },
  { kind: "Trigger", args: ["providers/trigger.ts", "TriggerArgs"], rules: TRIGGER_RULES },
  { kind: "EventBridgeIntegration", args: ["providers/eventbridge-integration.ts", "EventBridgeIntegrationArgs"], rules: EVENTBRIDGE_RULES },
  { kind: "StackIdentity", rules: { replaceOn: [] } },
  { kind: "ExistingSetup", args: ["providers/existing-setup.ts", "ExistingSetupArgs"], rules: { replaceOn: [] } },
];

describe("the provider plugin's schema", () => {
  it("declares exactly the resources the plugin serves", () => {
    expect(sorted(Object.keys(SCHEMA.resources))).toEqual(sorted(RESOURCES.map(({ kind }) => typeToken(kind))));
  });

  for (const { kind, args, rules } of RESOURCES) {
    describe(kind, () => {
      const resource = SCHEMA.resources[typeToken(kind)];

      it("takes the args interface's members as inputs, the required ones required", () => {
        const declared = args ? members(args[0], args[1]) : [];
        expect(sorted(Object.keys(resource.inputProperties))).toEqual(names(declared));
        expect(sorted(resource.requiredInputs)).toEqual(names(declared.filter((member) => !member.optional)));
      });

      it("declares the class's outputs as its properties", () => {
        expect(sorted(Object.keys(resource.properties))).toEqual(names(members("provider-plugin/resources.ts", kind)));
        for (const key of resource.required) expect(Object.keys(resource.properties)).toContain(key);
      });

      it("marks replace-on-change where the kind's diff replaces", () => {
        const marked = Object.entries(resource.inputProperties).filter(([, property]) => property.replaceOnChanges).map(([key]) => key);
        expect(sorted(marked)).toEqual(sorted(rules.replaceOn));
      });

      it("describes every property", () => {
        for (const property of [...Object.values(resource.inputProperties), ...Object.values(resource.properties)]) expect(property.description).toMatch(/\S/);
      });
    });
  }

  it("configures the provider with the Genesys client's settings, the secret one secret, and the refusal", () => {
    const variables = SCHEMA.config.variables;
    const inputs = sorted([...Object.keys(SETTINGS), REFUSAL_ARGUMENT]);
    expect(sorted(Object.keys(variables))).toEqual(sorted(Object.keys(SETTINGS)));
    expect(sorted(Object.keys(SCHEMA.provider.inputProperties))).toEqual(inputs);
    expect(names(members("provider-plugin/resources.ts", "ProviderArgs"))).toEqual(inputs);
    expect(Object.keys(variables).filter((key) => variables[key].secret)).toEqual(["clientSecret"]);
  });

  it("is what getSchema serves, with the package's version", async () => {
    const withClient = JSON.parse(await new GenesysPlugin().getSchema());
    expect(withClient).toEqual({ ...SCHEMA, version: JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version });
  });
});
