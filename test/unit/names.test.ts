// Names: Genesys's rule is 1 to 256 characters (its Terraform provider checks no more), so names
// such as "Sales & Service" are accepted and survive the workflow YAML; refused are only what
// breaks this tool (a flow job substitution key, control characters, surrounding whitespace).
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { objectNameProblem } from "../../domain/names";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";

const ACCEPTED = ["Sales & Service", "Support: EMEA #2", `Team "Blue" / 'Green'`, "Ventas – Atención al cliente", "100% {ok} [x] *y* !z | > @ `"];

describe("object names", () => {
  it.each(ACCEPTED)("accepts %j, which renders into the workflow and reads back unchanged", (name) => {
    expect(objectNameProblem(name)).toBeUndefined();
    const values = { workflowName: name, division: name, integrationName: name, dataActionName: name, topic: "v2.detail.events.conversation.id.acw" };
    const workflow = parse(renderWorkflowYaml(values)).workflow;
    expect([workflow.name, workflow.division]).toEqual([name, name]);
    const callData = workflow.states[0].state.actions[0].callData;
    expect(Object.keys(callData.category)).toEqual([name]);
    expect(Object.keys(callData.category[name].dataAction)).toEqual([name]);
  });

  it("accepts 256 characters and refuses 257, a substitution key, control characters and surrounding spaces", () => {
    expect(objectNameProblem("x".repeat(256))).toBeUndefined();
    expect(objectNameProblem("x".repeat(257))).toMatch(/257 characters long/);
    expect(objectNameProblem("Sales {{team}}")).toMatch(/"\{\{team\}\}".*substitution key/);
    expect(objectNameProblem("Sales\tService")).toMatch(/control character/);
    expect(objectNameProblem(" Sales")).toMatch(/trim it/);
  });
});
