/**
 * The AWS side of Genesys's Amazon EventBridge integration, for self-hosted Cognigy.AI: Genesys
 * publishes conversation events to a partner event source in the customer's account; a rule on
 * the associated bus forwards Open Messaging events to Cognigy's handover endpoint through an
 * API destination. (Cognigy SaaS runs this part itself.) Only the stack's EventBridge path
 * loads this file: `@pulumi/aws` adds about 0.2 s to every run that imports it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { apiDestinationUrlProblem, partnerEventSourceName } from "../domain/eventbridge-settings";

export interface EventBridgeHandoverArgs {
  /** Genesys Cloud organisation id (UUID, from GET /api/v2/organizations/me); required. */
  readonly genesysOrgId: pulumi.Input<string>;
  /** Event source suffix: the Cognigy organisation id (`cognigy:organisationId`); required. */
  readonly organisationId: pulumi.Input<string>;
  /** AWS region of the partner event source, as in the Genesys integration (`cognigy:eventBridgeAwsRegion`); required. */
  readonly awsRegion: pulumi.Input<string>;
  /** Where the API destination POSTs: Cognigy's handover endpoint, `https://<endpoint host>/handover/genesysCloudOM`; required. */
  readonly requestUrl: pulumi.Input<string>;
  /** Authorization header value Cognigy's endpoint expects (`cognigy:eventBridgeApiKey`), always stored as a secret; required. */
  readonly apiKey: pulumi.Input<string>;
  /** Calls per second the API destination may make to Cognigy; default 300. */
  readonly invocationRateLimitPerSecond?: pulumi.Input<number>;
}

export const DEFAULT_INVOCATION_RATE_LIMIT_PER_SECOND = 300;
export const API_KEY_HEADER = "Authorization";

/** Only Open Messaging conversations go to Cognigy, as with the webhook triggers. */
export const HANDOVER_EVENT_PATTERN = {
  detail: { eventBody: { mediaType: ["MESSAGE"], messageType: ["OPEN"] } },
} as const;

/** Lets EventBridge, and nothing else, assume the role. */
export const EVENTS_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/** The role may invoke this one API destination and do nothing else. */
export function invokeApiDestinationPolicy(apiDestinationArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "events:InvokeApiDestination", Resource: apiDestinationArn }],
  });
}

export class EventBridgeHandover extends pulumi.ComponentResource {
  /** `aws.partner/genesys.com/cloud/<genesysOrgId>/<organisationId>`, also the bus name. */
  public readonly eventSourceName: pulumi.Output<string>;
  public readonly eventBusArn: pulumi.Output<string>;
  public readonly connectionArn: pulumi.Output<string>;
  public readonly apiDestinationArn: pulumi.Output<string>;
  public readonly ruleArn: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: EventBridgeHandoverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cognigy:aws:EventBridgeHandover", name, {}, opts);
    // Children inherit `protect` but not `retainOnDelete`: pass it on.
    const child = { parent: this, retainOnDelete: opts?.retainOnDelete };
    const region = args.awsRegion;

    // A partner bus must carry the source's exact name.
    const sourceName = pulumi
      .all([args.genesysOrgId, args.organisationId])
      .apply(([orgId, suffix]) => partnerEventSourceName(orgId, suffix));
    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      { name: sourceName, eventSourceName: sourceName, region },
      child,
    );

    const apiKey = pulumi.secret(
      pulumi.output(args.apiKey).apply((key) => {
        if (key.trim() === "") {
          throw new Error(`EventBridgeHandover ${name}: apiKey is empty; set cognigy:eventBridgeApiKey with pulumi config set --secret`);
        }
        return key;
      }),
    );
    const connection = new aws.cloudwatch.EventConnection(
      `${name}-connection`,
      {
        description: "Cognigy.AI handover endpoint (API key)",
        authorizationType: "API_KEY",
        authParameters: { apiKey: { key: API_KEY_HEADER, value: apiKey } },
        region,
      },
      child,
    );

    const endpoint = pulumi.output(args.requestUrl).apply((url) => {
      const problem = apiDestinationUrlProblem(url);
      if (problem) throw new Error(`EventBridgeHandover ${name}: requestUrl ${JSON.stringify(url)} ${problem}`);
      return url;
    });
    const destination = new aws.cloudwatch.EventApiDestination(
      `${name}-destination`,
      {
        description: "Cognigy.AI handover endpoint",
        connectionArn: connection.arn,
        httpMethod: "POST",
        invocationEndpoint: endpoint,
        invocationRateLimitPerSecond: args.invocationRateLimitPerSecond ?? DEFAULT_INVOCATION_RATE_LIMIT_PER_SECOND,
        region,
      },
      child,
    );

    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        description: "Genesys Cloud Open Messaging conversation events for Cognigy.AI",
        eventBusName: bus.name,
        eventPattern: JSON.stringify(HANDOVER_EVENT_PATTERN),
        region,
      },
      child,
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      { description: "EventBridge invokes the Cognigy.AI handover API destination", assumeRolePolicy: JSON.stringify(EVENTS_TRUST_POLICY) },
      child,
    );
    const invokePolicy = new aws.iam.RolePolicy(
      `${name}-invoke-policy`,
      { role: role.id, policy: destination.arn.apply(invokeApiDestinationPolicy) },
      child,
    );

    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      { rule: rule.name, eventBusName: bus.name, arn: destination.arn, roleArn: role.arn, region },
      // Without the policy in place the first deliveries would be denied.
      { ...child, dependsOn: [invokePolicy] },
    );

    this.eventSourceName = sourceName;
    this.eventBusArn = bus.arn;
    this.connectionArn = connection.arn;
    this.apiDestinationArn = destination.arn;
    this.ruleArn = rule.arn;
    this.roleArn = role.arn;
    this.registerOutputs({
      eventSourceName: this.eventSourceName,
      eventBusArn: this.eventBusArn,
      connectionArn: this.connectionArn,
      apiDestinationArn: this.apiDestinationArn,
      ruleArn: this.ruleArn,
      roleArn: this.roleArn,
    });
  }
}
