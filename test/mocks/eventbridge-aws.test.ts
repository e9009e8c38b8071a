import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

// The AWS provider cannot run here: the mocks record what the component registers and answer
// with the inputs plus a fake ARN, which is enough to follow the references between children.
interface Registration {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

const ORG = "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b";
const SUFFIX = "5f1e2d3c4b5a697887766554";
const URL = "https://cognigy-endpoint.example.com/handover/genesysCloudOM";
const API_KEY = "cognigy-api-key-value";
const COMPONENT = "cognigy:aws:EventBridgeHandover";

const registrations: Registration[] = [];
let targetRegistered: () => void;
const allRegistered = new Promise<void>((resolve) => (targetRegistered = resolve));

function byType(type: string): Registration {
  const found = registrations.filter((r) => r.type === type);
  expect(found, type).toHaveLength(1);
  return found[0];
}

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

let component: import("../../components/eventbridge-aws").EventBridgeHandover;

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const name = args.inputs.name ?? `${args.name}-generated`;
        const arn = `arn:aws:mock:eu-central-1:123456789012:${args.type.split(":").pop()}/${name}`;
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "aws:cloudwatch/eventTarget:EventTarget") targetRegistered();
        return { id: `${args.name}-id`, state: { ...args.inputs, name, arn } };
      },
      call: (args) => args.inputs,
    },
    "cognigy",
    "test",
    false,
  );
  const { EventBridgeHandover } = await import("../../components/eventbridge-aws");
  component = new EventBridgeHandover("handover", {
    genesysOrgId: ORG,
    organisationId: SUFFIX,
    awsRegion: "eu-central-1",
    requestUrl: URL,
    apiKey: API_KEY,
  });
  await allRegistered;
  await value(component.roleArn);
});

describe("EventBridgeHandover under mocks", () => {
  it("registers the seven AWS children with ${name}-<role> names", () => {
    const aws = registrations.filter((r) => r.type.startsWith("aws:"));
    expect(aws.map((r) => [r.type, r.name]).sort()).toEqual(
      [
        ["aws:cloudwatch/eventApiDestination:EventApiDestination", "handover-destination"],
        ["aws:cloudwatch/eventBus:EventBus", "handover-bus"],
        ["aws:cloudwatch/eventConnection:EventConnection", "handover-connection"],
        ["aws:cloudwatch/eventRule:EventRule", "handover-rule"],
        ["aws:cloudwatch/eventTarget:EventTarget", "handover-target"],
        ["aws:iam/role:Role", "handover-role"],
        ["aws:iam/rolePolicy:RolePolicy", "handover-invoke-policy"],
      ].sort(),
    );
  });

  it("parents every child to the component", async () => {
    const children = [
      "aws:cloudwatch/eventBus:EventBus",
      "aws:cloudwatch/eventConnection:EventConnection",
      "aws:cloudwatch/eventApiDestination:EventApiDestination",
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
    ];
    expect(await value(component.urn)).toBe(`urn:pulumi:test::cognigy::${COMPONENT}::handover`);
    // The URN spells the parent chain (`<parent type>$<type>::<name>`); the mock monitor keeps them.
    const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    const urns = [...monitor.getRegisteredResources().keys()];
    for (const type of children) {
      expect(urns).toContain(`urn:pulumi:test::cognigy::${COMPONENT}$${type}::${byType(type).name}`);
    }
  });

  it("associates the bus with the Genesys partner event source", async () => {
    const bus = byType("aws:cloudwatch/eventBus:EventBus");
    const source = `aws.partner/genesys.com/cloud/${ORG}/${SUFFIX}`;
    expect(bus.inputs).toMatchObject({ name: source, eventSourceName: source, region: "eu-central-1" });
    expect(await value(component.eventSourceName)).toBe(source);
  });

  it("keeps the API key secret in the connection's inputs, in the Authorization header", () => {
    const connection = byType("aws:cloudwatch/eventConnection:EventConnection");
    expect(connection.inputs.authorizationType).toBe("API_KEY");
    // The mock monitor lifts the secret flag of a nested value to the top-level property.
    expect(pulumi.runtime.isRpcSecret(connection.inputs.authParameters)).toBe(true);
    expect(pulumi.runtime.unwrapRpcSecret(connection.inputs.authParameters)).toEqual({
      apiKey: { key: "Authorization", value: API_KEY },
    });
  });

  it("sends POSTs to the handover URL at 300 invocations per second over that connection", () => {
    const destination = byType("aws:cloudwatch/eventApiDestination:EventApiDestination");
    const connection = byType("aws:cloudwatch/eventConnection:EventConnection");
    expect(destination.inputs).toMatchObject({
      httpMethod: "POST",
      invocationEndpoint: URL,
      invocationRateLimitPerSecond: 300,
      region: "eu-central-1",
    });
    expect(destination.inputs.connectionArn).toContain(`/${connection.name}-generated`);
  });

  it("matches only Open Messaging events on the partner bus", () => {
    const rule = byType("aws:cloudwatch/eventRule:EventRule");
    expect(JSON.parse(rule.inputs.eventPattern)).toEqual({
      detail: { eventBody: { mediaType: ["MESSAGE"], messageType: ["OPEN"] } },
    });
    expect(rule.inputs.eventBusName).toBe(`aws.partner/genesys.com/cloud/${ORG}/${SUFFIX}`);
  });

  it("targets the API destination from the rule with the role", () => {
    const target = byType("aws:cloudwatch/eventTarget:EventTarget");
    expect(target.inputs).toMatchObject({
      rule: "handover-rule-generated",
      eventBusName: `aws.partner/genesys.com/cloud/${ORG}/${SUFFIX}`,
      arn: "arn:aws:mock:eu-central-1:123456789012:EventApiDestination/handover-destination-generated",
      roleArn: "arn:aws:mock:eu-central-1:123456789012:Role/handover-role-generated",
    });
  });

  it("lets only EventBridge assume the role, which may only invoke that one destination", async () => {
    const role = byType("aws:iam/role:Role");
    expect(JSON.parse(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const policy = byType("aws:iam/rolePolicy:RolePolicy");
    expect(policy.inputs.role).toBe("handover-role-id");
    const destinationArn = await value(component.apiDestinationArn);
    expect(JSON.parse(policy.inputs.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "events:InvokeApiDestination", Resource: destinationArn }],
    });
  });
});
