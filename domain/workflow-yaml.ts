import * as fs from "fs";
import * as path from "path";
import { Document, isMap, isScalar, parseDocument, Scalar, visit, YAMLMap } from "yaml";

/** What differs between the rendered workflows; everything else is in templates/workflow.yaml. */
export interface WorkflowYamlValues {
  readonly workflowName: string;
  /** Unset: no `division` in the YAML; the workflow provider fills in the org's home division. */
  readonly division?: string;
  /** Architect finds the data action by category (= the integration's name) and action name. */
  readonly integrationName: string;
  readonly dataActionName: string;
  /** The `topic` literal sent to Cognigy. */
  readonly topic: string;
}

export const WORKFLOW_TEMPLATE_PATH = path.join(__dirname, "..", "templates", "workflow.yaml");

const CALL_DATA = ["workflow", "states", 0, "state", "actions", 0, "callData"] as const;
// A `{{token}}` reaching Genesys fails the flow job with "pre-processor substitution key … not found".
const TOKEN = /\{\{[^}]*\}\}/;

/** Renders the workflow template with the `yaml` package (YAML 1.2): values are set as nodes, never spliced into text. */
export function renderWorkflowYaml(values: WorkflowYamlValues, template = fs.readFileSync(WORKFLOW_TEMPLATE_PATH, "utf8")): string {
  const doc = parseDocument(template);
  if (doc.errors.length > 0) throw new Error(`templates/workflow.yaml does not parse: ${doc.errors[0].message}`);
  // The template's comments explain the template; the uploaded flow does not need them.
  doc.commentBefore = doc.comment = null;
  visit(doc, {
    Node(_key, node) {
      node.commentBefore = node.comment = undefined;
    },
  });

  doc.setIn(["workflow", "name"], quoted(values.workflowName));
  if (values.division === undefined) doc.deleteIn(["workflow", "division"]);
  else doc.setIn(["workflow", "division"], quoted(values.division));
  doc.setIn([...CALL_DATA, "name"], quoted(values.dataActionName));
  renameOnlyKey(doc, [...CALL_DATA, "category"], values.integrationName);
  const action = renameOnlyKey(doc, [...CALL_DATA, "category", values.integrationName, "dataAction"], values.dataActionName);
  action.setIn([values.dataActionName, "inputs", "topic", "lit"], quoted(values.topic));

  const text = doc.toString();
  const leftover = TOKEN.exec(text);
  if (leftover) throw new Error(`templates/workflow.yaml: ${leftover[0]} was not filled`);
  return text;
}

/** Replaces the key of a one-entry map (the template's category and action keys) and returns the map. */
function renameOnlyKey(doc: Document, nodePath: readonly unknown[], key: string): YAMLMap {
  const map = doc.getIn(nodePath, true);
  if (!isMap(map) || map.items.length !== 1 || !isScalar(map.items[0].key)) {
    throw new Error(`templates/workflow.yaml: ${nodePath.join(".")} must be a map with exactly one key`);
  }
  map.items[0].key = quoted(key);
  return map;
}

// Double quotes keep every value a string for any YAML reader, including YAML 1.1 readers that
// would turn a name such as `yes` or `off` into a boolean.
function quoted(value: string): Scalar<string> {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
