import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { catalogue, SECRET, valid, withConfig } from "../unit/bad-config-catalogue";
import inputContract from "../../templates/input-contract.json";
import { callDataInputs, OPEN_MESSAGING_CONDITIONS } from "../support/guide";
import { GENESYS_TYPE } from "../support/state";
import { loadProgram, WEBHOOK_REGISTRATIONS } from "./program";
import { drain, Registration, startScenario } from "./registrations";

const MANAGED_BY = "cognigy-genesys-handover cognigy/dev";

/** Inputs the program chose: without the serialized provider, the provider's own version and the kind it routes by (the type's). */
function chosen(registration: Registration): Record<string, unknown> {
  const { __provider, providerVersion, kind, ...rest } = registration.inputs;
  expect(typeof __provider).toBe("string");
  expect(typeof providerVersion).toBe("string");
  expect(registration.type).toBe(`${GENESYS_TYPE}${kind}`);
  return rest;
}

describe("the stack program under mocks, default configuration", async () => {
  const { registrations, outputs } = await loadProgram(valid);
  const byName = (name: string) => {
    const found = registrations.filter((r) => r.name === name);
    expect(found, name).toHaveLength(1);
    return found[0];
  };
  const component = byName("handover");
  const integration = byName("handover-integration");
  const dataAction = byName("handover-data-action");

  it("registers exactly one component and the six Genesys objects, all children of the component, and the stack's identity beside it", () => {
    expect(registrations.map((r) => [r.type, r.name]).sort()).toEqual([...WEBHOOK_REGISTRATIONS].sort());
    const identity = byName("handover-identity");
    for (const child of registrations.filter((r) => r !== component && r !== identity)) expect(child.parent, child.name).toBe(component.urn);
    // At the top level, so an EventBridge-only stack keeps it; aliased from under the component, where it was before.
    expect(identity.parent).not.toBe(component.urn);
    expect(identity.aliases).toEqual([{ name: "", type: "", parentUrn: component.urn, noParent: false }]);
  });

  it("creates the integration active, with the guide's name and the stack's marker", () => {
    expect(chosen(integration)).toEqual({
      name: "Web Services Data Actions Integration",
      enabled: true,
      adopt: false,
      allowReplaceAdopted: false,
      managedBy: MANAGED_BY,
    });
  });

  it("creates the data action on that integration: guide's contract, POST to the endpoint-<domain> URL, category = integration name", () => {
    expect(chosen(dataAction)).toEqual({
      name: "Send Event to Cognigy",
      category: "Web Services Data Actions Integration",
      integrationId: "handover-integration-id",
      integrationAdopted: false,
      inputSchema: inputContract,
      outputSchema: { type: "object", properties: {}, additionalProperties: true },
      requestUrlTemplate: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
      requestType: "POST",
      adopt: false,
      allowReplaceAdopted: false,
      managedBy: MANAGED_BY,
    });
    expect(dataAction.propertyDependencies.integrationId).toEqual([integration.urn]);
  });

  it.each([
    ["acw", "Workflow conversation.id.acw", "v2.detail.events.conversation.id.acw"],
    ["user-end", "Workflow conversation.id.user.end", "v2.detail.events.conversation.id.user.end"],
  ])("creates the %s workflow after the data action, calling it with the guide's inputs", (slug, name, topic) => {
    const workflow = byName(`handover-workflow-${slug}`);
    const { yaml, ...rest } = chosen(workflow);
    // No division: the provider puts the workflow in the org's home division, whatever its name.
    expect(rest).toEqual({ name, adopt: false, allowReplaceAdopted: false, managedBy: MANAGED_BY, dataActionId: "handover-data-action-id" });
    expect(chosen(workflow)).not.toHaveProperty("division");
    expect(workflow.dependencies).toContain(dataAction.urn);
    const doc = parse(yaml as string);
    expect(doc.workflow.name).toBe(name);
    expect(doc.workflow).not.toHaveProperty("division");
    expect(doc.workflow.variables.map((v: any) => [v.stringVariable.name, v.stringVariable.isInput])).toEqual([
      ["Flow.addressTo", true],
      ["Flow.disconnectType", true],
    ]);
    const callData = doc.workflow.states[0].state.actions[0].callData;
    expect(callData.category["Web Services Data Actions Integration"].dataAction["Send Event to Cognigy"].inputs).toEqual(callDataInputs(topic));
  });

  it.each([
    ["acw", "Trigger conversation.id.acw", "v2.detail.events.conversation.{id}.acw"],
    ["user-end", "Trigger conversation.id.user.end", "v2.detail.events.conversation.{id}.user.end"],
  ])("creates the %s trigger on its workflow, enabled, for Open Messaging only", (slug, name, topicName) => {
    const trigger = byName(`handover-trigger-${slug}`);
    const workflow = byName(`handover-workflow-${slug}`);
    expect(chosen(trigger)).toEqual({
      name,
      topicName,
      workflowId: `handover-workflow-${slug}-id`,
      enabled: true,
      matchCriteria: OPEN_MESSAGING_CONDITIONS,
      dataFormat: "TopLevelPrimitives",
      adopt: false,
      allowReplaceAdopted: false,
      managedBy: MANAGED_BY,
    });
    expect(trigger.propertyDependencies.workflowId).toEqual([workflow.urn]);
  });

  it("exports the request URL and every object's id, name and adopted flag", () => {
    expect(outputs).toEqual({
      requestUrl: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
      integration: { id: "handover-integration-id", name: "Web Services Data Actions Integration", adopted: false },
      dataAction: { id: "handover-data-action-id", name: "Send Event to Cognigy", adopted: false },
      workflows: {
        acw: { id: "handover-workflow-acw-id", name: "Workflow conversation.id.acw", adopted: false },
        "user.end": { id: "handover-workflow-user-end-id", name: "Workflow conversation.id.user.end", adopted: false },
      },
      triggers: {
        acw: { id: "handover-trigger-acw-id", name: "Trigger conversation.id.acw", adopted: false },
        "user.end": { id: "handover-trigger-user-end-id", name: "Trigger conversation.id.user.end", adopted: false },
      },
    });
  });

  it("puts the client secret in no input, serialized provider included", () => {
    expect(JSON.stringify(registrations)).not.toContain(SECRET);
  });

  it("serializes one provider for all six objects (providers/webhook-objects.ts), not one per kind", () => {
    const objects = registrations.filter((r) => r.type.startsWith(GENESYS_TYPE));
    expect(objects).toHaveLength(6);
    expect(new Set(objects.map((r) => r.inputs.__provider)).size).toBe(1);
  });
});

describe("the stack program under mocks, overrides", () => {
  it("passes config through: one event, adopt, disabled triggers, description, division, self-hosted URL", async () => {
    const { registrations } = await loadProgram(
      withConfig({
        "cognigy:endpointDomain": undefined,
        "cognigy:endpointUrl": "https://cognigy-endpoint.example.com/",
        "cognigy:events": '["user.end"]',
        "cognigy:adoptExisting": "true",
        "cognigy:triggersEnabled": "false",
        "cognigy:triggerDescription": "Cognigy handover end",
        "cognigy:division": "Cognigy",
        "cognigy:triggerNameUserEnd": "Cognigy user end",
      }),
    );
    expect(registrations.map((r) => r.name).sort()).toEqual(
      ["handover", "handover-identity", "handover-data-action", "handover-integration", "handover-trigger-user-end", "handover-workflow-user-end"].sort(),
    );
    const input = (name: string) => registrations.find((r) => r.name === name)!.inputs;
    expect(input("handover-data-action").requestUrlTemplate).toBe("https://cognigy-endpoint.example.com/handover/genesysCloudOM");
    expect(input("handover-workflow-user-end").division).toBe("Cognigy");
    expect(input("handover-trigger-user-end")).toMatchObject({
      name: "Cognigy user end",
      enabled: false,
      description: "Cognigy handover end",
      adopt: true,
    });
    for (const r of registrations.filter((r) => r.name !== "handover" && r.name !== "handover-identity")) expect(r.inputs.adopt, r.name).toBe(true);
  });
});

describe("the stack program under mocks, bad configuration", () => {
  it.each(catalogue)("%s: fails before registering anything, naming the key and the fix", async (_case, changes, key, fix) => {
    const { registrations } = await startScenario(withConfig(changes));
    const failure = import("../../stacks/index");
    await expect(failure).rejects.toThrow(key);
    await expect(failure).rejects.toThrow(fix);
    await expect(failure).rejects.not.toThrow(SECRET);
    await drain();
    expect(registrations).toEqual([]);
  });
});
