// The stack program under mocks per cognigy:mode: which resources it registers, what it exports,
// and the version gate (refusals before anything is registered, warnings logged).
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECRET, valid, withConfig } from "../unit/bad-config-catalogue";
import { GENESYS_TYPE, STACK_IDENTITY_TYPE } from "../support/state";
import { loadProgram as loadProgramUnderMocks, STACK_IDENTITY, WEBHOOK_REGISTRATIONS } from "./program";
import { drain, Registration, startScenario } from "./registrations";
import { newWebhookObjectRefusal, parseCognigyVersion } from "../../domain/cognigy-version";

const ORG_ID = "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b";
const API_KEY = "eventbridge-api-key-value";
/** The identity the stack's StackIdentity answers (its provider makes one per stack). */
const IDENTITY = "0f4c2a9e-7b1d-4e3a-8c5f-6a2b9d0e1f3c";
const MARKER = `cognigy-genesys-handover cognigy/dev ${IDENTITY}`;
const EVENTBRIDGE_SIDE = [
  ["cognigy:genesyscloud:HandoverEventBridge", "eventbridge"],
  [`${GENESYS_TYPE}EventBridgeIntegration`, "eventbridge-integration"],
];
const AWS_SIDE = [
  ["cognigy:aws:EventBridgeHandover", "eventbridge-aws"],
  ["aws:cloudwatch/eventBus:EventBus", "eventbridge-aws-bus"],
  ["aws:cloudwatch/eventConnection:EventConnection", "eventbridge-aws-connection"],
  ["aws:cloudwatch/eventApiDestination:EventApiDestination", "eventbridge-aws-destination"],
  ["aws:cloudwatch/eventRule:EventRule", "eventbridge-aws-rule"],
  ["aws:iam/role:Role", "eventbridge-aws-role"],
  ["aws:iam/rolePolicy:RolePolicy", "eventbridge-aws-invoke-policy"],
  ["aws:cloudwatch/eventTarget:EventTarget", "eventbridge-aws-target"],
];
const EVENTBRIDGE = {
  "cognigy:version": "4.98",
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};

const loadProgram = (config: Record<string, string>) =>
  loadProgramUnderMocks(config, {
    secretKeys: ["cognigy:eventBridgeApiKey"],
    // The EventBridge provider reads the org id from Genesys; the identity's provider makes the identity.
    outputs: (type) => (type === `${GENESYS_TYPE}EventBridgeIntegration` ? { genesysOrgId: ORG_ID } : type === STACK_IDENTITY_TYPE ? { identity: IDENTITY } : {}),
  });

const kinds = (registrations: Registration[]) =>
  registrations.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => [r.type, r.name]).sort();

afterEach(() => vi.restoreAllMocks());

describe("the stack program per cognigy:mode", () => {
  it("webhooks (the default): the six webhook objects and nothing of EventBridge", async () => {
    const { registrations, outputs } = await loadProgram(withConfig({ "cognigy:version": "4.98" }));
    expect(kinds(registrations)).toEqual([...WEBHOOK_REGISTRATIONS].sort());
    expect(Object.keys(outputs).filter((key) => outputs[key as keyof typeof outputs] !== undefined).sort()).toEqual(
      ["dataAction", "integration", "requestUrl", "stackIdentity", "triggers", "workflows"],
    );
  });

  it("eventbridge (SaaS): only the EventBridge integration, with the version's topics, and no endpoint needed", async () => {
    const { registrations, outputs } = await loadProgram(
      withConfig({ ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:endpointDomain": undefined }),
    );
    expect(kinds(registrations)).toEqual([STACK_IDENTITY, ...EVENTBRIDGE_SIDE].sort());
    const { __provider, providerVersion, ...inputs } = registrations.find((r) => r.name === "eventbridge-integration")!.inputs;
    expect(typeof __provider).toBe("string");
    expect(inputs).toEqual({
      name: "Amazon EventBridge Source - Cognigy",
      enabled: true,
      awsAccountId: "123456789012",
      awsRegion: "eu-central-1",
      eventSourceSuffix: "cognigy-org-42",
      topicFilters: ["v2.detail.events.conversation.{id}.acw", "v2.detail.events.conversation.{id}.user.end"],
      adopt: false,
      managedBy: MARKER,
      released: false,
    });
    expect(outputs).toMatchObject({
      eventBridgeIntegration: {
        id: "eventbridge-integration-id",
        name: "Amazon EventBridge Source - Cognigy",
        adopted: false,
        enabled: true,
        topicFilters: ["v2.detail.events.conversation.{id}.acw", "v2.detail.events.conversation.{id}.user.end"],
      },
      eventSourceName: `aws.partner/genesys.com/cloud/${ORG_ID}/cognigy-org-42`,
      // What `npm run verify -- --identity` takes.
      stackIdentity: IDENTITY,
    });
    for (const key of ["requestUrl", "integration", "dataAction", "workflows", "triggers", "eventBridgeAws"]) {
      expect(outputs[key as keyof typeof outputs], key).toBeUndefined();
    }
    expect(JSON.stringify(registrations)).not.toContain(SECRET);
  });

  it("eventbridge from Cognigy 2025.12: the customer.end topic only", async () => {
    const { registrations } = await loadProgram(withConfig({ ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:version": "2025.12" }));
    expect(registrations.find((r) => r.name === "eventbridge-integration")?.inputs.topicFilters).toEqual([
      "v2.detail.events.conversation.{id}.customer.end",
    ]);
  });

  it("both: the webhook objects and the EventBridge integration side by side, with the same marker: one identity for both", async () => {
    const { registrations, outputs } = await loadProgram(withConfig({ ...EVENTBRIDGE, "cognigy:mode": "both" }));
    expect(kinds(registrations)).toEqual([...WEBHOOK_REGISTRATIONS, ...EVENTBRIDGE_SIDE].sort());
    const markers = new Set(registrations.filter((r) => r.type.startsWith(GENESYS_TYPE)).map((r) => r.inputs.managedBy));
    expect([...markers]).toEqual([MARKER]);
    expect(outputs.requestUrl).toBe("https://endpoint-app.cognigy.ai/handover/genesysCloudOM");
    expect(outputs.eventBridgeIntegration?.id).toBe("eventbridge-integration-id");
  });

  it("eventbridge, self-hosted: the integration plus the AWS side fed with its org id and the endpoint URL", async () => {
    const { registrations, outputs } = await loadProgram(
      withConfig({
        ...EVENTBRIDGE,
        "cognigy:mode": "eventbridge",
        "cognigy:selfHosted": "true",
        "cognigy:eventBridgeApiKey": API_KEY,
        "cognigy:endpointDomain": undefined,
        "cognigy:endpointUrl": "https://cognigy-endpoint.example.com",
      }),
    );
    expect(kinds(registrations)).toEqual([STACK_IDENTITY, ...EVENTBRIDGE_SIDE, ...AWS_SIDE].sort());
    const input = (name: string) => registrations.find((r) => r.name === name)!.inputs;
    expect(input("eventbridge-aws-bus")).toMatchObject({ name: `aws.partner/genesys.com/cloud/${ORG_ID}/cognigy-org-42`, region: "eu-central-1" });
    expect(input("eventbridge-aws-destination")).toMatchObject({
      invocationEndpoint: "https://cognigy-endpoint.example.com/handover/genesysCloudOM",
      httpMethod: "POST",
    });
    expect(Object.keys(outputs.eventBridgeAws ?? {}).sort()).toEqual(["apiDestinationArn", "connectionArn", "eventBusArn", "roleArn", "ruleArn"]);
  });
});

describe("the version gate in the program", () => {
  it.each([
    ["webhooks on 2025.12", { "cognigy:version": "2025.12" }, /no longer has trigger-based handover-end detection.*cognigy:mode eventbridge/],
    ["both on 2025.12", { ...EVENTBRIDGE, "cognigy:mode": "both", "cognigy:version": "2025.12" }, /cognigy:mode=both would deploy workflows and triggers nothing listens to/],
    ["eventbridge without a version", { ...EVENTBRIDGE, "cognigy:mode": "eventbridge", "cognigy:version": undefined }, /cognigy:mode=eventbridge needs cognigy:version/],
  ])("%s: refused with one message before registering anything", async (_case, changes, message) => {
    const { registrations } = await startScenario(withConfig(changes));
    const failure = import("../../stacks/index");
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ __pulumiRunError: true });
    await drain();
    expect(registrations).toEqual([]);
  });

  it("warns and deploys when the version is unset (webhooks), creating allowed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const unset = await loadProgram(valid);
    expect(kinds(unset.registrations)).toEqual([...WEBHOOK_REGISTRATIONS].sort());
    expect(warn.mock.calls.flat().join("\n")).toMatch(/cognigy:version is not set/);
    expect(unset.registrations.filter((r) => "createRefusal" in r.inputs)).toEqual([]);
  });

  // The journey of issue 13: only cognigy:version and cognigy:mode change between these runs.
  it.each([
    ["webhooks on 4.100", { "cognigy:version": "4.100" }, [...WEBHOOK_REGISTRATIONS]],
    [
      "webhooks on 4.100, adopting",
      { "cognigy:version": "4.100", "cognigy:adoptExisting": "true" },
      [...WEBHOOK_REGISTRATIONS, [`${GENESYS_TYPE}ExistingSetup`, "handover-existing-setup"]],
    ],
    ["both on 2025.11", { ...EVENTBRIDGE, "cognigy:version": "2025.11", "cognigy:mode": "both" }, [...WEBHOOK_REGISTRATIONS, ...EVENTBRIDGE_SIDE]],
  ])("%s: deploys with a warning, and every webhook object carries the release's refusal of new objects", async (_case, changes, objects) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { registrations } = await loadProgram(withConfig(changes));
    expect(kinds(registrations)).toEqual(objects.sort());
    expect(warn.mock.calls.flat().join("\n")).toMatch(/webhook method is deprecated \(since 4\.100\).*refuses to create a new one/);
    const refusal = newWebhookObjectRefusal(parseCognigyVersion(changes["cognigy:version"]));
    expect(refusal).toMatch(/^On Cognigy\.AI (4\.100|2025\.11) /);
    const dynamic = registrations.filter((r) => r.type.startsWith(GENESYS_TYPE) && !r.type.endsWith(":ExistingSetup"));
    for (const r of dynamic) expect([r.name, r.inputs.createRefusal]).toEqual([r.name, r.type.endsWith(":EventBridgeIntegration") ? undefined : refusal]);
  });

  it("4.100, adopting: the whole setup is looked up before the integration, the first object taken over", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { registrations } = await loadProgram(withConfig({ "cognigy:version": "4.100", "cognigy:adoptExisting": "true" }));
    const lookup = registrations.find((r) => r.name === "handover-existing-setup")!;
    const { __provider, ...inputs } = lookup.inputs;
    expect(typeof __provider).toBe("string");
    expect(inputs).toEqual({
      integrationName: "Web Services Data Actions Integration",
      dataActionName: "Send Event to Cognigy",
      workflowNames: ["Workflow conversation.id.acw", "Workflow conversation.id.user.end"],
      triggers: [
        { name: "Trigger conversation.id.acw", topicName: "v2.detail.events.conversation.{id}.acw" },
        { name: "Trigger conversation.id.user.end", topicName: "v2.detail.events.conversation.{id}.user.end" },
      ],
      createRefusal: newWebhookObjectRefusal(parseCognigyVersion("4.100")),
      managedBy: MARKER,
      providerVersion: expect.any(String),
    });
    const identity = registrations.find((r) => r.name === "handover-identity")!;
    expect([...registrations.find((r) => r.name === "handover-integration")!.dependencies].sort()).toEqual([lookup.urn, identity.urn].sort());
  });

  it.each([
    ["4.98, adopting", { "cognigy:version": "4.98", "cognigy:adoptExisting": "true" }],
    ["4.100, not adopting", { "cognigy:version": "4.100" }],
  ])("%s: no setup lookup (creating is allowed, or nothing is taken over)", async (_case, changes) => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { registrations } = await loadProgram(withConfig(changes));
    expect(registrations.map((r) => r.name)).not.toContain("handover-existing-setup");
    // Only the stack identity its marker carries.
    const identity = registrations.find((r) => r.name === "handover-identity")!;
    expect(registrations.find((r) => r.name === "handover-integration")!.dependencies).toEqual([identity.urn]);
  });

  it("4.98: no refusal reaches the webhook objects", async () => {
    const { registrations } = await loadProgram(withConfig({ "cognigy:version": "4.98" }));
    expect(registrations.filter((r) => r.inputs.createRefusal !== undefined)).toEqual([]);
  });

  it("reports config problems of every kind in one list, the gate not reached", async () => {
    const { registrations } = await startScenario(
      withConfig({ "cognigy:mode": "eventbridge", "cognigy:version": "v4.98", "cognigy:eventBridgeAwsRegion": "mypurecloud.de", "cognigy:integrationName": "" }),
    );
    const failure = import("../../stacks/index");
    await expect(failure).rejects.toThrow(/has 5 problem\(s\)/);
    for (const key of ["cognigy:version", "cognigy:eventBridgeAwsRegion", "cognigy:eventBridgeAwsAccountId", "cognigy:organisationId", "cognigy:integrationName"]) {
      await expect(failure).rejects.toThrow(key);
    }
    await drain();
    expect(registrations).toEqual([]);
  });
});
