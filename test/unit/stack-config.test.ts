import { describe, expect, it } from "vitest";
import { HANDOVER_EVENTS } from "../../domain/events";
import { configErrorMessage, validateStackConfig } from "../../stacks/config";
import { catalogue, long, SECRET, valid, withConfig } from "./bad-config-catalogue";

describe("validateStackConfig: the bad-input catalogue", () => {
  it("has at least 30 cases", () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(30);
  });

  it.each(catalogue)("%s: one error naming the key and the fix", (_case, changes, key, fix) => {
    const result = validateStackConfig(withConfig(changes), {});
    expect(result.settings).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(key);
    expect(result.errors[0]).toMatch(fix);
    expect(result.errors[0]).not.toContain(SECRET);
  });

  it("reports every problem at once", () => {
    const result = validateStackConfig(
      withConfig({
        "cognigy:endpointDomain": "https://app.cognigy.ai",
        "cognigy:integrationName": "",
        "cognigy:triggerNameAcw": "a{{b}}",
        "cognigy:events": "[]",
        "genesyscloud:oauthClientSecret": undefined,
      }),
      {},
    );
    expect(result.errors).toHaveLength(5);
    const message = configErrorMessage(result.errors);
    for (const key of ["cognigy:endpointDomain", "cognigy:integrationName", "cognigy:triggerNameAcw", "cognigy:events", "genesyscloud:oauthClientSecret"]) {
      expect(message).toContain(key);
    }
    expect(message).toMatch(/^The stack configuration has 5 problem\(s\); nothing was changed:/);
  });

  it("never repeats the client secret, whatever else is wrong", () => {
    const result = validateStackConfig(withConfig({ "genesyscloud:region": SECRET, "cognigy:dataActionName": "" }), {
      GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET,
    });
    expect(result.errors.length).toBeGreaterThan(0);
    // The region holds the text here, so the region error may show it; nothing else may.
    const others = result.errors.filter((error) => !error.includes("genesyscloud:region"));
    expect(others.join("\n")).not.toContain(SECRET);
  });
});

describe("validateStackConfig: good input", () => {
  it("gives the guide's names and the defaults when only the required keys are set", () => {
    const { errors, settings } = validateStackConfig(valid, {});
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      requestUrl: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
      adoptExisting: false,
      allowReplaceAdopted: false,
      triggersEnabled: true,
      integrationName: "Web Services Data Actions Integration",
      dataActionName: "Send Event to Cognigy",
      workflowNames: { acw: "Workflow conversation.id.acw", "user.end": "Workflow conversation.id.user.end" },
      triggerNames: { acw: "Trigger conversation.id.acw", "user.end": "Trigger conversation.id.user.end" },
      triggerDescription: undefined,
      events: ["acw", "user.end"],
    });
  });

  it("takes credentials and region from the environment", () => {
    const config = withConfig({ "genesyscloud:oauthClientId": undefined, "genesyscloud:oauthClientSecret": undefined, "genesyscloud:region": undefined });
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET, GENESYSCLOUD_REGION: "mypurecloud.de" };
    expect(validateStackConfig(config, env).errors).toEqual([]);
    expect(validateStackConfig(config, {}).errors).toHaveLength(1);
  });

  it("accepts an API URL instead of a region (the emulator) and a loopback http endpoint", () => {
    const config = withConfig({
      "genesyscloud:region": undefined,
      "genesyscloud:apiUrl": "http://127.0.0.1:4010",
      "cognigy:endpointDomain": undefined,
      "cognigy:endpointUrl": "http://127.0.0.1:4011",
    });
    const { errors, settings } = validateStackConfig(config, {});
    expect(errors).toEqual([]);
    expect(settings?.requestUrl).toBe("http://127.0.0.1:4011/handover/genesysCloudOM");
  });

  it("passes every override through", () => {
    const overrides: Record<string, string> = {
      "cognigy:adoptExisting": "true",
      "cognigy:triggersEnabled": "false",
      "cognigy:division": "Cognigy Division",
      "cognigy:events": '["user.end"]',
      "cognigy:triggerDescription": long(512),
      "cognigy:integrationName": "Cognigy Webhooks (prod)",
      "cognigy:dataActionName": "Send_Event-2",
      ...Object.fromEntries(
        HANDOVER_EVENTS.flatMap((event) => [
          [`cognigy:workflowName${event.configSuffix}`, `WF ${event.slug}`],
          [`cognigy:triggerName${event.configSuffix}`, `TR ${event.slug}`],
        ]),
      ),
    };
    const { errors, settings } = validateStackConfig(withConfig(overrides), {});
    expect(errors).toEqual([]);
    expect(settings).toMatchObject({
      adoptExisting: true,
      triggersEnabled: false,
      division: "Cognigy Division",
      events: ["user.end"],
      triggerDescription: long(512),
      integrationName: "Cognigy Webhooks (prod)",
      dataActionName: "Send_Event-2",
      workflowNames: { acw: "WF acw", "user.end": "WF user-end" },
      triggerNames: { acw: "TR acw", "user.end": "TR user-end" },
    });
  });

  it("accepts a 256-character name", () => {
    expect(validateStackConfig(withConfig({ "cognigy:integrationName": long(256) }), {}).errors).toEqual([]);
  });
});
