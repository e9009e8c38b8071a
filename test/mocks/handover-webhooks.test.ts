import { describe, expect, it } from "vitest";
import { drain, settled, startScenario } from "./registrations";

async function loadComponent() {
  const { registrations } = await startScenario({});
  const { HandoverWebhooks } = await import("../../components/handover-webhooks");
  return { registrations, HandoverWebhooks };
}

describe("HandoverWebhooks under mocks", () => {
  it("maps over the selected event rows only, and passes protect and retainOnDelete on to the children", async () => {
    const { registrations, HandoverWebhooks } = await loadComponent();
    const component = new HandoverWebhooks(
      "org",
      { endpointUrl: "http://127.0.0.1:4010", events: ["acw"], workflowNames: { acw: "WF acw" } },
      { protect: true, retainOnDelete: true },
    );
    expect(await settled(component.requestUrl)).toBe("http://127.0.0.1:4010/handover/genesysCloudOM");
    await settled(component.triggers.acw!.id);
    await drain();
    expect(registrations.map((r) => r.name).sort()).toEqual(
      ["org", "org-identity", "org-data-action", "org-integration", "org-trigger-acw", "org-workflow-acw"].sort(),
    );
    expect(component.workflows["user.end"]).toBeUndefined();
    for (const r of registrations) {
      expect(r.protect, r.name).toBe(true);
      expect(r.retainOnDelete, r.name).toBe(true);
    }
    expect(registrations.find((r) => r.name === "org-workflow-acw")!.inputs.name).toBe("WF acw");
  });

  it.each([
    ["an unknown event", { endpointDomain: "app.cognigy.ai", events: ["acw", "customer.end"] }, /events \["acw","customer.end"\] names unknown event "customer.end"; use "acw", "user.end"/],
    ["no endpoint", {}, /give exactly one of endpointDomain \(Cognigy SaaS\) and endpointUrl \(self-hosted\)/],
    ["both endpoints", { endpointDomain: "app.cognigy.ai", endpointUrl: "https://c.example.com" }, /exactly one/],
    ["a domain with a scheme", { endpointDomain: "https://app.cognigy.ai" }, /endpointDomain "https:\/\/app.cognigy.ai" includes a scheme/],
    ["a bad trigger name", { endpointDomain: "app.cognigy.ai", triggerNames: { "user.end": "Trigger {{end}}" } }, /triggerNames\["user.end"\] "Trigger \{\{end\}\}" contains "\{\{end\}\}", which Genesys's flow job reads as a substitution key.*without the double braces/],
    ["a too long trigger description", { endpointDomain: "app.cognigy.ai", triggerDescription: "d".repeat(513) }, /triggerDescription "d+" is 513 characters long/],
  ])("rejects %s before registering anything, naming the argument and the fix", async (_case, args, message) => {
    const { registrations, HandoverWebhooks } = await loadComponent();
    expect(() => new HandoverWebhooks("org", args as never)).toThrow(message);
    await drain();
    expect(registrations).toEqual([]);
  });

  it("reports every bad plain argument at once", async () => {
    const { HandoverWebhooks } = await loadComponent();
    expect(() => new HandoverWebhooks("org", { endpointDomain: "", integrationName: " Integration", division: "" })).toThrow(
      /endpointDomain "" is empty.*; integrationName " Integration" starts or ends with whitespace.*; division "" is empty/,
    );
  });
});
