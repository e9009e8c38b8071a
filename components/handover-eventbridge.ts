// The EventBridge side of the stack (cognigy:mode eventbridge or both): Genesys's Amazon
// EventBridge Source integration and, for self-hosted Cognigy.AI, the AWS side.
import * as pulumi from "@pulumi/pulumi";
import { CognigyVersion, eventBridgeTopicFilters } from "../domain/cognigy-version";
import type { EventBridgeHandover } from "./eventbridge-aws";
import { EVENTBRIDGE_CONFIG_KEYS, partnerEventSourceName } from "../domain/eventbridge-settings";
import { EventBridgeIntegration } from "../providers/eventbridge-integration";
import { stackMarker } from "../domain/marker";
import type { EventBridgePlan } from "../stacks/config";

/** What the stack exports about the EventBridge side. */
export interface EventBridgeDeployment {
  readonly integration: {
    readonly id: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly adopted: pulumi.Output<boolean>;
    readonly enabled: pulumi.Output<boolean>;
    readonly topicFilters: pulumi.Output<string[]>;
  };
  /** `aws.partner/genesys.com/cloud/<genesysOrgId>/<organisationId>`: what Cognigy support (SaaS) or the bus (self-hosted) needs. */
  readonly eventSourceName: pulumi.Output<string>;
  /** Self-hosted only; a promise because the AWS component is loaded on demand. */
  readonly aws?: Promise<Record<string, pulumi.Output<string>>>;
}

export function deployEventBridge(plan: EventBridgePlan, version: CognigyVersion, adopt: boolean): EventBridgeDeployment {
  const integration = new EventBridgeIntegration("eventbridge-integration", {
    name: plan.integrationName,
    enabled: true,
    awsAccountId: plan.awsAccountId,
    awsRegion: plan.awsRegion,
    eventSourceSuffix: plan.organisationId,
    topicFilters: eventBridgeTopicFilters(version, plan.agentInfo),
    adopt,
    // The same marker HandoverWebhooks writes, so both sides of one stack are recognised as its own.
    managedBy: stackMarker(pulumi.getProject(), pulumi.getStack()),
  });
  // The provider reads the org id with its own credentials: the program never holds them.
  const eventSourceName = integration.genesysOrgId.apply((orgId) => partnerEventSourceName(orgId, plan.organisationId));
  return {
    integration: {
      id: integration.id,
      name: integration.name,
      adopted: integration.adopted,
      enabled: integration.enabled,
      topicFilters: integration.topicFilters,
    },
    eventSourceName,
    aws: plan.selfHosted ? awsSide(plan, integration) : undefined,
  };
}

/** Imported only here: @pulumi/aws costs every run that loads it, and most runs need none of it. */
async function awsSide(plan: EventBridgePlan, integration: EventBridgeIntegration): Promise<Record<string, pulumi.Output<string>>> {
  const { EventBridgeHandover } = await import("./eventbridge-aws");
  if (plan.handoverUrl === undefined) throw new Error("the self-hosted EventBridge side needs the handover URL (validated with the config)");
  const [namespace, key] = EVENTBRIDGE_CONFIG_KEYS.apiKey.split(":");
  const aws: EventBridgeHandover = new EventBridgeHandover("eventbridge-aws", {
    genesysOrgId: integration.genesysOrgId,
    organisationId: plan.organisationId,
    awsRegion: plan.awsRegion,
    handoverUrl: plan.handoverUrl,
    apiKey: new pulumi.Config(namespace).requireSecret(key),
  });
  return {
    eventBusArn: aws.eventBusArn,
    connectionArn: aws.connectionArn,
    apiDestinationArn: aws.apiDestinationArn,
    ruleArn: aws.ruleArn,
    roleArn: aws.roleArn,
  };
}
