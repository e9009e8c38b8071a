import { describe, expect, it } from "vitest";
import { HANDOVER_EVENTS } from "../../components/events";
import { configErrorMessage, validateStackConfig } from "../../stacks/config";

const SECRET = "very-secret-client-secret-value";
const valid: Record<string, string> = {
  "cognigy:endpointDomain": "app.cognigy.ai",
  "genesyscloud:oauthClientId": "client-id-1",
  "genesyscloud:oauthClientSecret": SECRET,
  "genesyscloud:region": "eu-central-1",
};

/** `valid` with some keys replaced; `undefined` removes a key. */
function withConfig(changes: Record<string, string | undefined>): Record<string, string> {
  const config: Record<string, string | undefined> = { ...valid, ...changes };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

const long = (n: number) => "x".repeat(n);

// One bad value per row: [case, config changes, key the message must name, the fix it must give].
const catalogue: [string, Record<string, string | undefined>, string, RegExp][] = [
  ["domain with a scheme", { "cognigy:endpointDomain": "https://app.cognigy.ai" }, "cognigy:endpointDomain", /set only the domain .*or use cognigy:endpointUrl/],
  ["domain with a path", { "cognigy:endpointDomain": "app.cognigy.ai/handover/genesysCloudOM" }, "cognigy:endpointDomain", /set only the domain/],
  ["domain with a port", { "cognigy:endpointDomain": "app.cognigy.ai:443" }, "cognigy:endpointDomain", /use cognigy:endpointUrl/],
  ["domain with a space", { "cognigy:endpointDomain": "app .cognigy.ai" }, "cognigy:endpointDomain", /whitespace; set the bare domain/],
  ["domain with a trailing newline", { "cognigy:endpointDomain": "app.cognigy.ai\n" }, "cognigy:endpointDomain", /whitespace/],
  ["domain with a trailing dot", { "cognigy:endpointDomain": "app.cognigy.ai." }, "cognigy:endpointDomain", /remove the trailing dot/],
  ["domain endpoint-endpoint-", { "cognigy:endpointDomain": "endpoint-endpoint-app.cognigy.ai" }, "cognigy:endpointDomain", /write it once/],
  ["IDN domain in unicode", { "cognigy:endpointDomain": "cögnigy.example" }, "cognigy:endpointDomain", /punycode \(xn--\) form/],
  ["empty domain", { "cognigy:endpointDomain": "" }, "cognigy:endpointDomain", /set the Cognigy environment domain/],
  ["domain with an underscore", { "cognigy:endpointDomain": "app_x.cognigy.ai" }, "cognigy:endpointDomain", /letters, digits and hyphens/],
  ["single-label domain", { "cognigy:endpointDomain": "cognigy" }, "cognigy:endpointDomain", /letters, digits and hyphens in dot-separated labels/],
  ["url: http to a non-loopback host", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "http://cognigy.example.com" }, "cognigy:endpointUrl", /use https/],
  ["url without a scheme", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "cognigy.example.com" }, "cognigy:endpointUrl", /write it with its scheme/],
  ["url with another scheme", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "ftp://cognigy.example.com" }, "cognigy:endpointUrl", /use https/],
  ["url with a query", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com/?x=1" }, "cognigy:endpointUrl", /give only the base URL/],
  ["url with a unicode host", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cögnigy.example" }, "cognigy:endpointUrl", /punycode/],
  ["url with a space", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com /x" }, "cognigy:endpointUrl", /remove it/],
  ["url with credentials", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://u:p@cognigy.example.com" }, "cognigy:endpointUrl", /remove them/],
  ["url with a Velocity $ in the path", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com/$x" }, "cognigy:endpointUrl", /Velocity/],
  ["both domain and url", { "cognigy:endpointUrl": "https://cognigy.example.com" }, "cognigy:endpointUrl", /keep exactly one .*pulumi config rm/],
  ["neither domain nor url", { "cognigy:endpointDomain": undefined }, "cognigy:endpointDomain", /pulumi config set cognigy:endpointDomain app\.cognigy\.ai/],
  ["empty integration name", { "cognigy:integrationName": "" }, "cognigy:integrationName", /is empty; give a name/],
  ["blank data action name", { "cognigy:dataActionName": "   " }, "cognigy:dataActionName", /is empty; give a name/],
  ["257-character data action name", { "cognigy:dataActionName": long(257) }, "cognigy:dataActionName", /257 characters long; shorten it to at most 256/],
  ["workflow name with ': '", { "cognigy:workflowNameAcw": "Workflow: acw" }, "cognigy:workflowNameAcw", /contains ": " .*remove it/],
  ["trigger name with '#'", { "cognigy:triggerNameUserEnd": "Trigger #2" }, "cognigy:triggerNameUserEnd", /contains "#".*remove it/],
  ["workflow name with a newline", { "cognigy:workflowNameUserEnd": "Workflow\nuser.end" }, "cognigy:workflowNameUserEnd", /line break; a name must be a single line/],
  ["trigger name with a double quote", { "cognigy:triggerNameAcw": 'Trigger "acw"' }, "cognigy:triggerNameAcw", /quote character.*remove it/],
  ["integration name with a single quote", { "cognigy:integrationName": "Cognigy's integration" }, "cognigy:integrationName", /quote character.*remove it/],
  ["name with a trailing space", { "cognigy:dataActionName": "Send Event to Cognigy " }, "cognigy:dataActionName", /trim it/],
  ["name with braces", { "cognigy:workflowNameAcw": "Workflow {{x}}" }, "cognigy:workflowNameAcw", /contains "\{" "\}"; use only letters, digits, spaces/],
  ["empty division", { "cognigy:division": "" }, "cognigy:division", /give a name/],
  ["unknown region", { "genesyscloud:region": "eu-middle-9" }, "genesyscloud:region", /Use an AWS-style name .*eu-central-1/],
  ["missing client id", { "genesyscloud:oauthClientId": undefined }, "genesyscloud:oauthClientId", /GENESYSCLOUD_OAUTHCLIENT_ID.*pulumi config set/],
  ["empty client id", { "genesyscloud:oauthClientId": "" }, "genesyscloud:oauthClientId", /pulumi config set/],
  ["missing client secret", { "genesyscloud:oauthClientSecret": undefined }, "genesyscloud:oauthClientSecret", /GENESYSCLOUD_OAUTHCLIENT_SECRET.*--secret/],
  ["empty client secret", { "genesyscloud:oauthClientSecret": "" }, "genesyscloud:oauthClientSecret", /--secret/],
  ["neither region nor api url", { "genesyscloud:region": undefined }, "genesyscloud:region", /genesyscloud:apiUrl|pulumi config set/],
  ["api url that is not a URL", { "genesyscloud:apiUrl": "not a url" }, "genesyscloud:apiUrl", /expected e\.g\. http/],
  ["513-character trigger description", { "cognigy:triggerDescription": long(513) }, "cognigy:triggerDescription", /at most 512: shorten it/],
  ["unknown event", { "cognigy:events": '["acw","user.start"]' }, "cognigy:events", /unknown event "user\.start"; use "acw", "user\.end"/],
  ["empty event list", { "cognigy:events": "[]" }, "cognigy:events", /select at least one of "acw", "user\.end"/],
  ["event list not a list", { "cognigy:events": "acw,user.end" }, "cognigy:events", /set it as a list/],
  ["event listed twice", { "cognigy:events": '["acw","acw"]' }, "cognigy:events", /list each once/],
  ["adoptExisting not a boolean", { "cognigy:adoptExisting": "yes" }, "cognigy:adoptExisting", /set it to true or false/],
  ["triggersEnabled not a boolean", { "cognigy:triggersEnabled": "1" }, "cognigy:triggersEnabled", /set it to true or false/],
];

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
        "cognigy:triggerNameAcw": "a#b",
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
      endpointDomain: "app.cognigy.ai",
      adoptExisting: false,
      triggersEnabled: true,
      division: "Home",
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
    expect(settings?.endpointUrl).toBe("http://127.0.0.1:4011");
    expect(settings?.endpointDomain).toBeUndefined();
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
