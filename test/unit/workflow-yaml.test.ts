import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import inputContract from "../../templates/input-contract.json";
import { HANDOVER_EVENTS } from "../../domain/events";
import { renderWorkflowYaml, WorkflowYamlValues } from "../../domain/workflow-yaml";
import { FAILURE_OUTPUTS } from "../../dev/emulator/archy";
import { callDataInputs } from "../support/guide";

const guide: WorkflowYamlValues = {
  workflowName: "Workflow conversation.id.acw",
  division: "Home",
  integrationName: "Web Services Data Actions Integration",
  dataActionName: "Send Event to Cognigy",
  topic: "v2.detail.events.conversation.id.acw",
};

// The parsed document, its call-data action and the action's inputs.
function callData(yaml: string, values: WorkflowYamlValues) {
  const doc = parse(yaml);
  const action = doc.workflow.states[0].state.actions[0].callData;
  return { doc, action, inputs: action.category[values.integrationName].dataAction[values.dataActionName].inputs };
}

describe("renderWorkflowYaml", () => {
  it("renders Genesys's fixed failure outputs, all noValue, and ends the workflow on success, failure and timeout", () => {
    const { doc, action } = callData(renderWorkflowYaml(guide), guide);
    const failureOutputs = action.category[guide.integrationName].dataAction[guide.dataActionName].failureOutputs;
    // The emulator's Archy check holds Genesys's list of failure output keys.
    expect(Object.keys(failureOutputs)).toEqual(FAILURE_OUTPUTS);
    expect(Object.values(failureOutputs).every((value) => JSON.stringify(value) === '{"noValue":true}')).toBe(true);
    expect(Object.keys(action.outputs)).toEqual(["success", "failure", "timeout"]);
    for (const branch of Object.values(action.outputs) as { actions: Record<string, unknown>[] }[]) {
      expect(branch.actions).toEqual([{ endWorkflow: { name: "End Workflow", exitReason: { noValue: true } } }]);
    }
    // Nothing after the call: each branch has ended the workflow.
    expect(doc.workflow.states[0].state.actions).toHaveLength(1);
  });

  it("renders the guide's workflow: inputs with lit/exp, input variables, category = integration name", () => {
    const yaml = renderWorkflowYaml(guide);
    const { doc, action, inputs } = callData(yaml, guide);
    expect(doc.workflow.name).toBe("Workflow conversation.id.acw");
    expect(doc.workflow.division).toBe("Home");
    expect(action.name).toBe("Send Event to Cognigy");
    expect(Object.keys(action.category)).toEqual(["Web Services Data Actions Integration"]);
    expect(Object.keys(action.category[guide.integrationName].dataAction)).toEqual(["Send Event to Cognigy"]);
    expect(inputs).toEqual(callDataInputs("v2.detail.events.conversation.id.acw"));
    expect(doc.workflow.variables).toEqual([
      { stringVariable: { name: "Flow.addressTo", initialValue: { noValue: true }, isInput: true, isOutput: false } },
      { stringVariable: { name: "Flow.disconnectType", initialValue: { noValue: true }, isInput: true, isOutput: false } },
    ]);
    const refIds = doc.workflow.states.map((s: { state: { refId: string } }) => s.state.refId);
    expect(doc.workflow.startUpRef).toBe(`/workflow/states/state[${refIds[0]}]`);
    expect(yaml).not.toMatch(/\{\{|#/);
  });

  it("has one input per input-contract property, each expression reading a declared input variable", () => {
    const { doc, inputs } = callData(renderWorkflowYaml(guide), guide);
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(inputContract.properties).sort());
    const declared = doc.workflow.variables.map((v: { stringVariable: { name: string } }) => v.stringVariable.name);
    for (const input of Object.values(inputs) as { exp?: string }[]) {
      if (input.exp) expect(declared).toContain(input.exp);
    }
  });

  it.each(HANDOVER_EVENTS.map((event) => [event.key, event] as const))("renders the %s workflow's topic literal without braces", (_key, event) => {
    const values = { ...guide, workflowName: event.defaultWorkflowName, topic: event.workflowTopic };
    const { doc, inputs } = callData(renderWorkflowYaml(values), values);
    expect(doc.workflow.name).toBe(event.defaultWorkflowName);
    expect(inputs.topic).toEqual({ lit: event.workflowTopic });
    expect(event.workflowTopic).not.toMatch(/[{}]/);
  });

  it("keeps names with YAML-special characters intact through a round trip", () => {
    const values: WorkflowYamlValues = {
      workflowName: 'a: b #c "d" \'e\' {{f}}',
      division: "yes",
      integrationName: "no: #x [y] {z} & *a !b |c >d %e @f `g",
      dataActionName: "- 1.0",
      topic: "on",
    };
    // A value with {{…}} would be taken by the flow job's pre-processor: the render refuses it too.
    expect(() => renderWorkflowYaml(values)).toThrow(/was not filled/);
    const safe = { ...values, workflowName: 'a: b #c "d" \'e\'' };
    const { doc, action, inputs } = callData(renderWorkflowYaml(safe), safe);
    expect(doc.workflow.name).toBe(safe.workflowName);
    expect(doc.workflow.division).toBe("yes");
    expect(action.name).toBe("- 1.0");
    expect(Object.keys(action.category)).toEqual([safe.integrationName]);
    expect(inputs.topic).toEqual({ lit: "on" });
  });

  it("emits the values it sets double-quoted, so YAML 1.1 readers cannot turn them into booleans", () => {
    const yaml = renderWorkflowYaml({ ...guide, division: "off" });
    expect(yaml).toContain('division: "off"');
  });

  it("fails on a template whose placeholder is not set, instead of uploading it", () => {
    const template = 'workflow:\n  name: "{{workflowName}}"\n  description: "{{forgotten}}"\n  division: x\n  states:\n    - state:\n        actions:\n          - callData:\n              name: x\n              category:\n                "{{integrationName}}":\n                  dataAction:\n                    "{{dataActionName}}":\n                      inputs:\n                        topic:\n                          lit: x\n';
    expect(() => renderWorkflowYaml(guide, template)).toThrow("{{forgotten}} was not filled");
  });

  it("fails on a template whose category is not a one-key map", () => {
    const template = "workflow:\n  name: x\n  states:\n    - state:\n        actions:\n          - callData:\n              category: {}\n";
    expect(() => renderWorkflowYaml(guide, template)).toThrow(/category must be a map with exactly one key/);
  });
});
