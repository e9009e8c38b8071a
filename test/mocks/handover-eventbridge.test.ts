// HandoverEventBridge under mocks: what it registers, under which parents and aliases, and what it
// exports. Its argument rules, plain and resolved, are pure: test/unit/handover-eventbridge-args.test.ts.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { drain, settled, startScenario } from "./registrations";
import { GENESYS_TYPE, STACK_IDENTITY_TYPE } from "../support/state";

const COMPONENT = "cognigy:genesyscloud:HandoverEventBridge";
const ORG_ID = "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b";
const SUFFIX = "cognigy-org-42";
const SAAS = { awsAccountId: "123456789012", awsRegion: "eu-central-1", organisationId: SUFFIX, cognigyVersion: "4.98" };
// `{ parent: pulumi.rootStackResource }` as the monitor receives it: where the stack program
// registered these objects up to 05805b9.
const FROM_STACK_ROOT = [{ name: "", type: "", parentUrn: "", noParent: true }];
/** What the identity's provider makes (once per stack). */
const IDENTITY = "0f4c2a9e-7b1d-4e3a-8c5f-6a2b9d0e1f3c";

async function loadComponent() {
  const { registrations } = await startScenario({}, {}, {
    // The integration's provider reads the org id; the AWS resources get an ARN.
    outputs: (type) =>
      type === `${GENESYS_TYPE}EventBridgeIntegration`
        ? { genesysOrgId: ORG_ID }
        : type === STACK_IDENTITY_TYPE
          ? { identity: IDENTITY }
          : type.startsWith("aws:")
            ? { arn: `arn:aws:${type}` }
            : {},
  });
  const { HandoverEventBridge } = await import("../../components/handover-eventbridge");
  return { registrations, HandoverEventBridge };
}

describe("HandoverEventBridge under mocks", () => {
  it("registers the integration as its child, aliased from the stack's top level, with the release's topics and the marker with its own identity", async () => {
    const { registrations, HandoverEventBridge } = await loadComponent();
    const component = new HandoverEventBridge(
      "org",
      { ...SAAS, cognigyVersion: "2025.22", agentInfo: true, integrationName: "EventBridge for Cognigy", adoptExisting: true },
      { protect: true, retainOnDelete: true },
    );
    expect(await settled(component.eventSourceName)).toBe(`aws.partner/genesys.com/cloud/${ORG_ID}/${SUFFIX}`);
    await drain();
    expect(registrations.map((r) => [r.type, r.name])).toEqual([
      [COMPONENT, "org"],
      [STACK_IDENTITY_TYPE, "org-identity"],
      [`${GENESYS_TYPE}EventBridgeIntegration`, "org-integration"],
    ]);
    const [parent, identity, integration] = registrations;
    expect(integration.parent).toBe(parent.urn);
    expect(integration.aliases).toEqual(FROM_STACK_ROOT);
    // Used on its own, the component makes the identity its marker carries (new: nothing to alias).
    expect([identity.parent, identity.aliases]).toEqual([parent.urn, []]);
    for (const r of registrations) expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    const inputs = integration.inputs;
    expect(inputs).toEqual({
      name: "EventBridge for Cognigy",
      enabled: true,
      awsAccountId: "123456789012",
      awsRegion: "eu-central-1",
      eventSourceSuffix: SUFFIX,
      topicFilters: ["v2.detail.events.conversation.{id}.customer.end", "v2.detail.events.conversation.{id}.user.start"],
      adopt: true,
      managedBy: `cognigy-genesys-handover cognigy/dev ${IDENTITY}`,
      released: false,
    });
    expect(await settled(component.integration.topicFilters)).toEqual(inputs.topicFilters);
    expect(component.aws).toBeUndefined();
  });

  it("with the identity the program shares with HandoverWebhooks: no identity of its own, the marker carries the given one", async () => {
    const { registrations, HandoverEventBridge } = await loadComponent();
    const component = new HandoverEventBridge("org", { ...SAAS, identity: "shared-identity" });
    await settled(component.eventSourceName);
    await drain();
    expect(registrations.map((r) => r.name)).toEqual(["org", "org-integration"]);
    expect(registrations[1].inputs.managedBy).toBe("cognigy-genesys-handover cognigy/dev shared-identity");
  });

  it("self-hosted: the AWS side as its child too, aliased likewise, fed the org id the integration reads, kept on delete with it", async () => {
    const { registrations, HandoverEventBridge } = await loadComponent();
    const url = "https://cognigy-endpoint.example.com/handover/genesysCloudOM";
    const component = new HandoverEventBridge(
      "org",
      { ...SAAS, selfHosted: true, requestUrl: url, apiKey: pulumi.secret("api-key") },
      { retainOnDelete: true },
    );
    expect(Object.keys(await settled(component.aws!)).sort()).toEqual(["apiDestinationArn", "connectionArn", "eventBusArn", "roleArn", "ruleArn"]);
    await drain();
    const byName = (name: string) => registrations.find((r) => r.name === name)!;
    const aws = byName("org-aws");
    expect(aws.type).toBe("cognigy:aws:EventBridgeHandover");
    expect(aws.parent).toBe(byName("org").urn);
    expect(aws.aliases).toEqual(FROM_STACK_ROOT);
    // The AWS resources keep their parent, so the engine carries the parent's alias over to them.
    const awsResources = registrations.filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("pulumi:providers:"));
    expect(awsResources).toHaveLength(7);
    for (const r of awsResources) expect([r.name, r.parent, r.aliases, r.retainOnDelete]).toEqual([r.name, aws.urn, [], true]);
    expect(byName("org-aws-bus").inputs).toMatchObject({ name: `aws.partner/genesys.com/cloud/${ORG_ID}/${SUFFIX}`, region: "eu-central-1" });
    expect(byName("org-aws-destination").inputs).toMatchObject({ invocationEndpoint: url });
  });

  it.each([
    ["by default, protected: the component, the integration and every AWS resource", undefined, true],
    ["released, none of them is protected", true, false],
  ])("self-hosted %s", async (_label, release, protect) => {
    const { registrations, HandoverEventBridge } = await loadComponent();
    const url = "https://cognigy-endpoint.example.com/handover/genesysCloudOM";
    const component = new HandoverEventBridge("org", { ...SAAS, selfHosted: true, requestUrl: url, apiKey: pulumi.secret("api-key"), release });
    await settled(component.aws!);
    await drain();
    const registered = registrations.filter((r) => !r.type.startsWith("pulumi:providers:"));
    expect(registered.filter((r) => r.type.startsWith("aws:"))).toHaveLength(7);
    expect(registered.map((r) => [r.name, r.protect])).toEqual(registered.map((r) => [r.name, protect]));
    expect(registered.find((r) => r.name === "org-integration")!.inputs.released).toBe(release ?? false);
  });

  it("refuses bad plain arguments before registering anything", async () => {
    const { registrations, HandoverEventBridge } = await loadComponent();
    expect(() => new HandoverEventBridge("org", { ...SAAS, awsRegion: "mypurecloud.de" })).toThrow(
      /^HandoverEventBridge "org": awsRegion "mypurecloud.de" is a Genesys Cloud region/,
    );
    await drain();
    expect(registrations).toEqual([]);
  });
});
