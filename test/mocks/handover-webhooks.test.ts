import { describe, expect, it } from "vitest";
import { drain, settled, startScenario } from "./registrations";

async function loadComponent() {
  const { registrations } = await startScenario({});
  const { HandoverWebhooks } = await import("../../components/handover-webhooks");
  return { registrations, HandoverWebhooks };
}

const LOCAL_URL = "http://127.0.0.1:4010/handover/genesysCloudOM";
const SAAS_URL = "https://endpoint-app.cognigy.ai/handover/genesysCloudOM";

describe("HandoverWebhooks under mocks", () => {
  it("maps over the selected event rows only, and passes protect and retainOnDelete on to the children", async () => {
    const { registrations, HandoverWebhooks } = await loadComponent();
    const component = new HandoverWebhooks(
      "org",
      { requestUrl: LOCAL_URL, events: ["acw"], workflowNames: { acw: "WF acw" } },
      { protect: true, retainOnDelete: true },
    );
    expect(await settled(component.requestUrl)).toBe(LOCAL_URL);
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
    // The URL as given is the data action's: the component makes none of its own.
    expect(registrations.find((r) => r.name === "org-data-action")!.inputs.requestUrlTemplate).toBe(LOCAL_URL);
  });

  it.each([
    ["a SaaS domain", { endpointDomain: "app.cognigy.ai" }, SAAS_URL],
    ["a self-hosted base URL", { endpointUrl: "http://127.0.0.1:4010" }, LOCAL_URL],
  ])("makes the data action's URL from %s, as before the stack made it once", async (_case, endpoint, url) => {
    const { registrations, HandoverWebhooks } = await loadComponent();
    const component = new HandoverWebhooks("org", { ...endpoint, events: ["acw"] });
    expect(await settled(component.requestUrl)).toBe(url);
    await settled(component.triggers.acw!.id);
    await drain();
    expect(registrations.find((r) => r.name === "org-data-action")!.inputs.requestUrlTemplate).toBe(url);
  });

  it.each([
    ["an unknown event", { requestUrl: SAAS_URL, events: ["acw", "customer.end"] }, /events \["acw","customer.end"\] names unknown event "customer.end"; use "acw", "user.end"/],
    ["no endpoint", {}, /give exactly one of endpointDomain \(Cognigy SaaS\), endpointUrl \(self-hosted base URL\) and requestUrl/],
    ["both a domain and a request URL", { endpointDomain: "app.cognigy.ai", requestUrl: SAAS_URL }, /exactly one/],
    ["a domain with a scheme", { endpointDomain: "https://app.cognigy.ai" }, /endpointDomain "https:\/\/app.cognigy.ai" includes a scheme/],
    ["a base URL for the request URL", { requestUrl: "https://endpoint-app.cognigy.ai" }, /requestUrl "https:\/\/endpoint-app.cognigy.ai" does not end with \/handover\/genesysCloudOM; give the whole URL/],
    ["a request URL over plain http", { requestUrl: "http://endpoint-app.cognigy.ai/handover/genesysCloudOM" }, /requestUrl "http:.*" uses plain http to a non-loopback host; use https/],
    ["a bad trigger name", { requestUrl: SAAS_URL, triggerNames: { "user.end": "Trigger {{end}}" } }, /triggerNames\["user.end"\] "Trigger \{\{end\}\}" contains "\{\{end\}\}", which Genesys's flow job reads as a substitution key.*without the double braces/],
    ["a too long trigger description", { requestUrl: SAAS_URL, triggerDescription: "d".repeat(513) }, /triggerDescription "d+" is 513 characters long/],
  ])("rejects %s before registering anything, naming the argument and the fix", async (_case, args, message) => {
    const { registrations, HandoverWebhooks } = await loadComponent();
    expect(() => new HandoverWebhooks("org", args as never)).toThrow(message);
    await drain();
    expect(registrations).toEqual([]);
  });

  it("reports every bad plain argument at once", async () => {
    const { HandoverWebhooks } = await loadComponent();
    expect(() => new HandoverWebhooks("org", { requestUrl: "", integrationName: " Integration", division: "" })).toThrow(
      /requestUrl "" is empty.*; integrationName " Integration" starts or ends with whitespace.*; division "" is empty/,
    );
  });
});
