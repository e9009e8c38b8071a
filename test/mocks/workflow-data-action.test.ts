// Each workflow takes the data action's id as an input (a property dependency), so replacing
// the action (a contract change gives it a new id) republishes both workflows.
import { expect, it } from "vitest";
import { drain, settled, startScenario } from "./registrations";

it("both workflows depend on the data action's id through their dataActionId input", async () => {
  const { registrations } = await startScenario({});
  const { HandoverWebhooks } = await import("../../components/handover-webhooks");
  const component = new HandoverWebhooks("org", { requestUrl: "http://127.0.0.1:4010/handover/genesysCloudOM" });
  await settled(component.triggers["user.end"]!.id);
  await drain();
  const action = registrations.find((r) => r.name === "org-data-action")!;
  const workflows = registrations.filter((r) => r.name.startsWith("org-workflow-"));
  expect(workflows.map((w) => w.name).sort()).toEqual(["org-workflow-acw", "org-workflow-user-end"]);
  for (const workflow of workflows) {
    expect(workflow.inputs.dataActionId, workflow.name).toBe("org-data-action-id");
    expect(workflow.propertyDependencies.dataActionId, workflow.name).toEqual([action.urn]);
  }
});
