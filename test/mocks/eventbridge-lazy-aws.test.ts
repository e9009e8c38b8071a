// @pulumi/aws is loaded only when the stack builds the AWS side (self-hosted EventBridge). Its own
// file: Node's module cache is per process, and another scenario in the same file would load it.
import { describe, expect, it } from "vitest";
import { withConfig } from "../unit/bad-config-catalogue";
import { settled, startScenario } from "./registrations";

const EVENTBRIDGE = {
  "cognigy:version": "4.98",
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};

const awsLoaded = () => Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]@pulumi[\\/]aws[\\/]/.test(path));

async function run(config: Record<string, string>) {
  await startScenario(config, {}, {
    outputs: (type) => (type.endsWith(":EventBridgeIntegration") ? { genesysOrgId: "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b" } : {}),
  });
  await settled({ ...(await import("../../stacks/index")) });
}

describe("loading @pulumi/aws", () => {
  it("is skipped by webhook and SaaS EventBridge runs, and done by a self-hosted run", async () => {
    expect(awsLoaded()).toBe(false);
    await run(withConfig({ ...EVENTBRIDGE, "cognigy:mode": "both" }));
    expect(awsLoaded()).toBe(false);
    await run(
      withConfig({
        ...EVENTBRIDGE,
        "cognigy:mode": "eventbridge",
        "cognigy:selfHosted": "true",
        "cognigy:eventBridgeApiKey": "key",
        "cognigy:endpointDomain": undefined,
        "cognigy:endpointUrl": "https://cognigy-endpoint.example.com",
      }),
    );
    expect(awsLoaded()).toBe(true);
  });
});
