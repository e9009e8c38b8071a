// The pure pieces of verify, without an org: arguments, stack file, settings, expected setup,
// schema comparison and rendering.
import { describe, expect, it } from "vitest";
import { HANDOVER_EVENTS } from "../../domain/events";
import { parseArgs } from "../../tools/verify/args";
import { expectedSetup } from "../../tools/verify/expected";
import { jsonReport, tableReport } from "../../tools/verify/render";
import { fail, notCheckable, pass } from "../../tools/verify/rows";
import { sameSchema, schemaDifferences } from "../../providers/json-schema";
import { effectiveConfig, verifySettings } from "../../tools/verify/settings";
import { parseStackFile } from "../../tools/verify/stack-file";
import { UsageError } from "../../tools/verify/usage";
import inputContract from "../../templates/input-contract.json";

const CREDENTIALS = { GENESYSCLOUD_OAUTHCLIENT_ID: "client", GENESYSCLOUD_OAUTHCLIENT_SECRET: "s3cr3t-value" };

describe("parseArgs", () => {
  it("reads flags in both forms", () => {
    expect(parseArgs(["--stack", "org-a", "--json", "--probe", "--endpoint-url=https://cognigy.example.com", "--region", "eu-central-1"])).toEqual({
      stack: "org-a",
      json: true,
      probe: true,
      help: false,
      endpointUrl: "https://cognigy.example.com",
      region: "eu-central-1",
    });
  });

  it("takes the stack's identity, a UUID as the stack makes it", () => {
    expect(parseArgs(["--stack", "org-a", "--identity", "0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90"]).identity).toBe("0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90");
  });

  it("probes Cognigy unless --no-probe", () => {
    expect(parseArgs(["--stack", "org-a"]).probe).toBe(true);
    expect(parseArgs(["--stack", "org-a", "--no-probe"]).probe).toBe(false);
  });

  it.each([
    [["--stack", "a", "--probe", "--no-probe"], /--probe and --no-probe are both given/],
    [[], /--stack <org> is required/],
    [["--stack"], /--stack needs a value/],
    [["--stack", "--json"], /--stack needs a value/],
    [["--stack", "a", "--stack", "b"], /given twice/],
    [["--stack", "a b"], /not a stack name/],
    [["--stack", "a", "--verbose"], /Unknown argument "--verbose"/],
    [["--stack", "a", "--json=yes"], /--json takes no value/],
    [["--stack", "a", "--endpoint-domain", "x", "--endpoint-url", "y"], /both given/],
    [["--stack", "a", "--api-url", "http://127.0.0.1:1", "--region", "eu-central-1"], /both given/],
    [["--stack", "a", "--identity", "prod"], /--identity "prod" is not a stack identity .*pulumi stack output stackIdentity --stack <org>/],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("stack file and settings", () => {
  const file = parseStackFile(
    [
      "config:",
      "  genesyscloud:region: eu-central-1",
      "  genesyscloud:oauthClientSecret:",
      "    secure: AAABAJ0encrypted",
      "  cognigy:endpointDomain: app.cognigy.ai",
      "  cognigy:triggersEnabled: true",
      "  cognigy:events:",
      "    - acw",
    ].join("\n"),
    "Pulumi.org.yaml",
  );

  it("reads values as Pulumi hands them to programs and skips encrypted ones", () => {
    expect(file.config).toEqual({
      "genesyscloud:region": "eu-central-1",
      "cognigy:endpointDomain": "app.cognigy.ai",
      "cognigy:triggersEnabled": "true",
      "cognigy:events": '["acw"]',
    });
    expect(file.secureKeys).toEqual(["genesyscloud:oauthClientSecret"]);
  });

  it("flags replace the setting they compete with", () => {
    const args = parseArgs(["--stack", "org", "--endpoint-url", "https://c.example.com", "--region", "us-east-1"]);
    const { config, env } = effectiveConfig({ ...file, config: { ...file.config, "genesyscloud:apiUrl": "http://127.0.0.1:9" } }, args, {
      GENESYSCLOUD_API_URL: "http://127.0.0.1:8",
    });
    expect(config["cognigy:endpointDomain"]).toBeUndefined();
    expect(config["cognigy:endpointUrl"]).toBe("https://c.example.com");
    expect(config["genesyscloud:apiUrl"]).toBeUndefined();
    expect(config["genesyscloud:region"]).toBe("us-east-1");
    expect(env.GENESYSCLOUD_API_URL).toBeUndefined();
  });

  it("validates with the stack's own checks, credentials from the environment", () => {
    const { settings, target } = verifySettings(file, parseArgs(["--stack", "org"]), CREDENTIALS);
    expect(settings.events).toEqual(["acw"]);
    expect(target.apiUrl).toBe("https://api.mypurecloud.de");
    expect(target.clientId).toBe("client");
  });

  it("names every bad key, says an encrypted secret cannot be read, and never shows the secret", () => {
    const bad = { ...file, config: { ...file.config, "cognigy:endpointDomain": "https://app.cognigy.ai", "cognigy:triggersEnabled": "yes" } };
    let message = "";
    try {
      verifySettings(bad, parseArgs(["--stack", "org"]), { GENESYSCLOUD_OAUTHCLIENT_ID: "client" });
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      message = (err as Error).message;
    }
    expect(message).toContain('cognigy:endpointDomain = "https://app.cognigy.ai" includes a scheme');
    expect(message).toContain('cognigy:triggersEnabled = "yes" is not a boolean');
    expect(message).toContain("GENESYSCLOUD_OAUTHCLIENT_SECRET");
    expect(message).toContain("genesyscloud:oauthClientSecret is encrypted in Pulumi.org.yaml");
    expect(message).not.toContain("AAABAJ0encrypted");
  });
});

describe("expectedSetup", () => {
  const { settings } = verifySettings(parseStackFile("config:\n  cognigy:endpointUrl: https://cognigy.example.com/base/\n", "f"), parseArgs(["--stack", "s"]), {
    ...CREDENTIALS,
    GENESYSCLOUD_REGION: "eu-central-1",
  });
  const setup = expectedSetup(settings, "Home");

  it("takes names and topics from the event table and the URL from the endpoint rules", () => {
    expect(setup.requestUrl).toBe("https://cognigy.example.com/base/handover/genesysCloudOM");
    expect(setup.events.map((event) => [event.workflowName, event.triggerName, event.triggerTopic])).toEqual(
      HANDOVER_EVENTS.map((event) => [event.defaultWorkflowName, event.defaultTriggerName, event.triggerTopic]),
    );
    expect(setup.inputSchema).toEqual(inputContract);
  });

  it("reads the workflow inputs and the Call Data Action wiring from the rendered template", () => {
    expect(setup.events[0].inputs).toEqual([
      { name: "addressTo", type: "string" },
      { name: "disconnectType", type: "string" },
    ]);
    expect(setup.events[1].callData).toBe(
      'category "Web Services Data Actions Integration", action "Send Event to Cognigy": userId ← exp Flow.addressTo, topic ← lit v2.detail.events.conversation.id.user.end, disconnectType ← exp Flow.disconnectType',
    );
  });
});

describe("schema comparison", () => {
  it("ignores annotations, key order, required order and an implicit additionalProperties", () => {
    const reordered = {
      required: ["b", "a"],
      properties: { topic: { type: "string" }, userId: { type: "string" }, disconnectType: { type: "string" } },
      type: "object",
      $schema: "http://json-schema.org/draft-04/schema#",
    };
    expect(sameSchema({ ...inputContract, required: ["a", "b"] }, reordered)).toBe(true);
    expect(schemaDifferences(inputContract, { ...inputContract, title: "other" })).toEqual([]);
  });

  it("names each difference", () => {
    const actual = { type: "object", properties: { userId: { type: "integer" }, topic: { type: "string" }, extra: { type: "string" } }, additionalProperties: false };
    expect(sameSchema(inputContract, actual)).toBe(false);
    expect(schemaDifferences(inputContract, actual)).toEqual([
      'property "userId" is {"type":"integer"}, expected {"type":"string"}',
      'property "disconnectType" is missing',
      'extra property "extra"',
      "additionalProperties is false, expected true",
    ]);
    // A property called like an annotation is still a property.
    expect(sameSchema({ type: "object", properties: { title: { type: "string" } } }, { type: "object", properties: {} })).toBe(false);
  });
});

describe("rendering", () => {
  const rows = [pass("A: exists"), fail("A: active", "ENABLED", "DISABLED", "Activate it."), notCheckable("B: wiring", "x ← y", "no API")];

  it("JSON has exactly the documented shape", () => {
    expect(jsonReport(rows)).toEqual({
      ok: false,
      checks: [
        { name: "A: exists", ok: true },
        { name: "A: active", ok: false, expected: "ENABLED", actual: "DISABLED", hint: "Activate it." },
        { name: "B: wiring", ok: true, expected: "x ← y", actual: "not checked: no API" },
      ],
    });
    expect(jsonReport([rows[0]]).ok).toBe(true);
  });

  it("the table marks each row and shows details only where they matter", () => {
    const text = tableReport(rows, "verify: stack s");
    expect(text.split("\n")).toEqual([
      "verify: stack s",
      "",
      "PASS  A: exists",
      "FAIL  A: active",
      "        expected: ENABLED",
      "        actual:   DISABLED",
      "        hint:     Activate it.",
      "SKIP  B: wiring",
      "        expected: x ← y",
      "        actual:   not checked: no API",
      "",
      "3 checks: 1 passed, 1 failed, 1 could not be checked through the API.",
      "NOT OK: see the FAIL rows and their hints.",
    ]);
  });
});
