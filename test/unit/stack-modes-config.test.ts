import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../stacks/config";
import { SECRET, withConfig } from "./bad-config-catalogue";

const EVENTBRIDGE = {
  "cognigy:version": "4.98",
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};
const SELF_HOSTED = {
  ...EVENTBRIDGE,
  "cognigy:mode": "eventbridge",
  "cognigy:selfHosted": "true",
  "cognigy:eventBridgeApiKey": "api-key-value",
  "cognigy:endpointDomain": undefined,
  "cognigy:endpointUrl": "https://cognigy-endpoint.example.com",
};

describe("validateStackConfig: mode, version and EventBridge keys", () => {
  it("plans webhooks by default, with the version when given", () => {
    expect(validateStackConfig(withConfig({}), {}).plan).toEqual({ genesys: expect.objectContaining({ clientId: "client-id-1" }), mode: "webhooks", version: undefined, eventBridge: undefined });
    expect(validateStackConfig(withConfig({ "cognigy:version": "4.98" }), {}).plan).toEqual({ genesys: expect.objectContaining({ clientId: "client-id-1" }),
      mode: "webhooks",
      version: { major: 4, minor: 98, text: "4.98" },
      eventBridge: undefined,
    });
  });

  it("ignores the EventBridge keys in webhooks mode, so they can be prepared before the switch", () => {
    const { errors, plan } = validateStackConfig(withConfig({ "cognigy:eventBridgeAwsRegion": "not a region" }), {});
    expect(errors).toEqual([]);
    expect(plan?.eventBridge).toBeUndefined();
  });

  it("plans the EventBridge integration for eventbridge (no endpoint needed for SaaS) and both", () => {
    const saas = validateStackConfig(withConfig({ ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:endpointDomain": undefined }), {});
    expect(saas.errors).toEqual([]);
    expect(saas.plan).toEqual({ genesys: expect.objectContaining({ clientId: "client-id-1" }),
      mode: "eventbridge",
      version: { major: 4, minor: 98, text: "4.98" },
      eventBridge: {
        awsAccountId: "123456789012",
        awsRegion: "eu-central-1",
        organisationId: "cognigy-org-42",
        selfHosted: false,
        agentInfo: false,
        release: false,
        integrationName: "Amazon EventBridge Source - Cognigy",
      },
    });
    const both = validateStackConfig(
      withConfig({ ...EVENTBRIDGE, "cognigy:mode": "Both", "cognigy:eventBridgeIntegrationName": "EB (prod)", "cognigy:releaseEventBridge": "true" }),
      {},
    );
    expect(both.errors).toEqual([]);
    expect(both.plan).toMatchObject({ mode: "both", eventBridge: { integrationName: "EB (prod)", release: true } });
    expect(both.settings?.requestUrl).toBe("https://endpoint-app.cognigy.ai/handover/genesysCloudOM");
  });

  it("asks for the optional user.start topic only from Cognigy 2025.22, refusing it before with the way out", () => {
    const eventbridge = { ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:endpointDomain": undefined, "cognigy:eventBridgeAgentInfo": "true" };
    const current = validateStackConfig(withConfig({ ...eventbridge, "cognigy:version": "2025.22" }), {});
    expect(current.errors).toEqual([]);
    expect(current.plan?.eventBridge?.agentInfo).toBe(true);
    const older = validateStackConfig(withConfig({ ...eventbridge, "cognigy:version": "2025.21" }), {});
    expect(older.errors).toEqual([
      expect.stringMatching(/^cognigy:eventBridgeAgentInfo = "true" is true, but .* only from 2025.22 \(cognigy:version is 2025.21\)/),
    ]);
    expect(validateStackConfig(withConfig({ ...eventbridge, "cognigy:eventBridgeAgentInfo": "yes" }), {}).errors).toContainEqual(
      expect.stringMatching(/cognigy:eventBridgeAgentInfo = "yes" is not a boolean/),
    );
  });

  it("treats optional keys left at their declared default \"\" as not set", () => {
    const { errors, settings, plan } = validateStackConfig(
      withConfig({ "cognigy:endpointUrl": "", "cognigy:triggerDescription": "", "cognigy:version": "", "cognigy:eventBridgeApiKey": "" }),
      {},
    );
    expect(errors).toEqual([]);
    expect(settings?.triggerDescription).toBeUndefined();
    expect(plan?.version).toBeUndefined();
  });

  it("plans the self-hosted AWS side with the request URL from cognigy:endpointUrl, the webhooks' one", () => {
    const { errors, plan, settings } = validateStackConfig(withConfig(SELF_HOSTED), {});
    expect(errors).toEqual([]);
    expect(plan?.eventBridge).toMatchObject({ selfHosted: true, requestUrl: "https://cognigy-endpoint.example.com/handover/genesysCloudOM" });
    expect(settings?.requestUrl).toBe(plan?.eventBridge?.requestUrl);
    expect(JSON.stringify(plan)).not.toContain("api-key-value");
  });

  it.each<[string, Record<string, string | undefined>, string, RegExp]>([
    ["unknown mode", { "cognigy:mode": "eventbus" }, "cognigy:mode", /not a mode; set one of webhooks, eventbridge, both/],
    ["version with a v", { "cognigy:version": "v4.98" }, "cognigy:version", /leading "v"/],
    ["version not a version", { "cognigy:version": "latest" }, "cognigy:version", /quoted in YAML/],
    ["missing account id", { ...EVENTBRIDGE, "cognigy:mode": "both", "cognigy:eventBridgeAwsAccountId": undefined }, "cognigy:eventBridgeAwsAccountId", /required for cognigy:mode eventbridge or both/],
    ["short account id", { ...EVENTBRIDGE, "cognigy:mode": "both", "cognigy:eventBridgeAwsAccountId": "12345678901" }, "cognigy:eventBridgeAwsAccountId", /has 11 digits/],
    ["Genesys region as AWS region", { ...EVENTBRIDGE, "cognigy:mode": "both", "cognigy:eventBridgeAwsRegion": "mypurecloud.de" }, "cognigy:eventBridgeAwsRegion", /Genesys Cloud region/],
    ["organisation id with a slash", { ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:organisationId": "org/1" }, "cognigy:organisationId", /only letters, digits and \. _ -/],
    ["selfHosted not a boolean", { ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:selfHosted": "yes" }, "cognigy:selfHosted", /not a boolean/],
    ["self-hosted without API key", { ...SELF_HOSTED, "cognigy:eventBridgeApiKey": undefined }, "cognigy:eventBridgeApiKey", /--secret/],
    ["self-hosted without endpoint", { ...SELF_HOSTED, "cognigy:endpointUrl": undefined }, "cognigy:endpointDomain", /cognigy:endpointUrl/],
    ["self-hosted to an http endpoint", { ...SELF_HOSTED, "cognigy:endpointUrl": "http://127.0.0.1:8080" }, "cognigy:endpointUrl", /API destination .*not https/],
    ["bad EventBridge integration name", { ...EVENTBRIDGE, "cognigy:mode": "both", "cognigy:eventBridgeIntegrationName": "EB\n1" }, "cognigy:eventBridgeIntegrationName", /contains a line break/],
  ])("%s: one error naming the key and the fix", (_case, changes, key, fix) => {
    const { errors, settings, plan } = validateStackConfig(withConfig(changes), {});
    expect(settings).toBeUndefined();
    expect(plan).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(key);
    expect(errors[0]).toMatch(fix);
    expect(errors[0]).not.toContain(SECRET);
    expect(errors[0]).not.toContain("api-key-value");
  });

  it("lists EventBridge problems together with the webhook and credential ones", () => {
    const { errors } = validateStackConfig(
      withConfig({ "cognigy:mode": "both", "cognigy:dataActionName": "", "genesyscloud:oauthClientId": undefined }),
      {},
    );
    const keys = ["cognigy:dataActionName", "cognigy:eventBridgeAwsAccountId", "cognigy:eventBridgeAwsRegion", "cognigy:organisationId", "genesyscloud:oauthClientId"];
    expect(errors).toHaveLength(keys.length);
    for (const key of keys) expect(errors.filter((error) => error.includes(key)), key).toHaveLength(1);
  });
});
