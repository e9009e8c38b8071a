import * as pulumi from "@pulumi/pulumi";
import { agentInfoProblem, cognigyVersionProblem, eventBridgeTopicFilters, parseCognigyVersion } from "../domain/cognigy-version";
import {
  apiDestinationUrlProblem,
  awsAccountIdProblem,
  awsRegionProblem,
  eventSourceSuffixProblem,
  partnerEventSourceName,
} from "../domain/eventbridge-settings";
import { objectNameProblem } from "../domain/names";
import { EventBridgeIntegration } from "../provider-plugin/resources";
import { DEFAULT_EVENTBRIDGE_INTEGRATION_NAME } from "../providers/eventbridge-integration";
import { Check, checkedInput, plainProblem } from "./argument-checks";
import type { EventBridgeHandover } from "./eventbridge-aws";
import type { ManagedObject } from "./handover-webhooks";
import { stackManagedBy } from "./managed-by";

export const HANDOVER_EVENTBRIDGE_TYPE = "cognigy:genesyscloud:HandoverEventBridge";

/** Arguments of {@link HandoverEventBridge}. */
export interface HandoverEventBridgeArgs {
  /** 12-digit AWS account id that receives the partner event source (from Cognigy support for SaaS); no default. */
  readonly awsAccountId: pulumi.Input<string>;
  /** AWS region of the partner event source in AWS form, e.g. `eu-central-1` (from Cognigy support for SaaS); no default. */
  readonly awsRegion: pulumi.Input<string>;
  /** Cognigy organisation id: the partner event source's suffix (at most 64 of letters, digits and . _ -); no default. */
  readonly organisationId: pulumi.Input<string>;
  /** Cognigy.AI release, `MAJOR.MINOR` (e.g. `4.98`, `2025.12`): it decides which topics Genesys sends; no default. */
  readonly cognigyVersion: pulumi.Input<string>;
  /** Also send the user.start topic, from which Cognigy.AI 2025.22+ shows the human agent's name and image; default false. */
  readonly agentInfo?: pulumi.Input<boolean>;
  /** Name of the Amazon EventBridge Source integration; default `Amazon EventBridge Source - Cognigy`. */
  readonly integrationName?: pulumi.Input<string>;
  /** Take over an existing EventBridge integration with that name instead of failing on it; default false. */
  readonly adoptExisting?: pulumi.Input<boolean>;
  /** Self-hosted Cognigy.AI: also build the AWS side in the account (plain: it decides which resources exist); default false (Cognigy SaaS runs that side). */
  readonly selfHosted?: boolean;
  /** Where the AWS side's API destination POSTs, `https://<endpoint host>/handover/genesysCloudOM`; required when `selfHosted`, no default. */
  readonly requestUrl?: pulumi.Input<string>;
  /** Authorization header value Cognigy's endpoint expects, stored as a secret; required when `selfHosted`, no default. */
  readonly apiKey?: pulumi.Input<string>;
  /**
   * Release the live path (plain: it decides `protect`): true lets `pulumi destroy` delete the
   * integration (and the AWS side) and a change of account, region or suffix replace it; default
   * false protects them, as handover-end detection for the org depends on them.
   */
  readonly release?: boolean;
  /**
   * The stack's identity its management marker carries (a `StackIdentity`'s `identity`), when the
   * program shares one with `HandoverWebhooks`; default: the component makes its own, `<name>-identity`.
   */
  readonly identity?: pulumi.Input<string>;
}

/** The Amazon EventBridge Source integration as the component exports it. */
export interface ManagedEventBridgeIntegration extends ManagedObject {
  readonly enabled: pulumi.Output<boolean>;
  readonly topicFilters: pulumi.Output<string[]>;
}

/** The AWS side's ARNs (self-hosted). */
export interface EventBridgeAwsArns {
  readonly eventBusArn: string;
  readonly connectionArn: string;
  readonly apiDestinationArn: string;
  readonly ruleArn: string;
  readonly roleArn: string;
}

/**
 * Cognigy.AI handover-end detection over Amazon EventBridge for one Genesys Cloud org: Genesys's
 * Amazon EventBridge Source integration, which publishes the release's conversation topics to a
 * partner event source in the given AWS account, and, for self-hosted Cognigy.AI, the AWS side
 * (`EventBridgeHandover`: bus, rule and API destination to Cognigy's endpoint). The component and
 * every child are protected unless `release` is true (or `protect` is given); `retainOnDelete`
 * given to the component applies to every child.
 */
export class HandoverEventBridge extends pulumi.ComponentResource {
  public readonly integration: ManagedEventBridgeIntegration;
  /** `aws.partner/genesys.com/cloud/<genesysOrgId>/<organisationId>`: what Cognigy support (SaaS) or the bus (self-hosted) needs. */
  public readonly eventSourceName: pulumi.Output<string>;
  /** Self-hosted only. */
  public readonly aws?: pulumi.Output<EventBridgeAwsArns>;

  constructor(name: string, args: HandoverEventBridgeArgs, opts?: pulumi.ComponentResourceOptions) {
    // Plain arguments are checked before anything is registered; Output arguments when they resolve.
    const problems = eventBridgeArgumentProblems(args);
    const owner = `HandoverEventBridge "${name}"`;
    if (problems.length > 0) throw new Error(`${owner}: ${problems.join("; ")}`);
    // A destroy of the live path stops handover-end detection for the org: protected unless released.
    super(HANDOVER_EVENTBRIDGE_TYPE, name, {}, { ...opts, protect: opts?.protect ?? !args.release });
    // Children inherit `protect` from their parent but not `retainOnDelete`: pass it on. Up to
    // 05805b9 the stack program registered both children at the top level, under the names this
    // component, which it names `eventbridge`, gives them; the alias keeps those stacks' objects
    // in place (test/upgrade/layout-upgrade.test.ts).
    const child = { parent: this, retainOnDelete: opts?.retainOnDelete, aliases: [{ parent: pulumi.rootStackResource }] };
    const checked = (label: string, value: pulumi.Input<string>, check: Check) => checkedInput(owner, label, value, check);

    const organisationId = checked("organisationId", args.organisationId, eventSourceSuffixProblem);
    const integration = new EventBridgeIntegration(
      `${name}-integration`,
      {
        name: checked("integrationName", args.integrationName ?? DEFAULT_EVENTBRIDGE_INTEGRATION_NAME, objectNameProblem),
        enabled: true,
        awsAccountId: checked("awsAccountId", args.awsAccountId, awsAccountIdProblem),
        awsRegion: checked("awsRegion", args.awsRegion, awsRegionProblem),
        eventSourceSuffix: organisationId,
        topicFilters: pulumi.all([args.cognigyVersion, args.agentInfo ?? false]).apply(([version, agentInfo]) => eventBridgeTopics(owner, version, agentInfo)),
        adopt: args.adoptExisting ?? false,
        // The marker HandoverWebhooks writes, with the stack's identity: both sides of one stack are
        // its own, and a same-named stack's (another repo or backend on this org) are not.
        managedBy: stackManagedBy(name, args.identity, { parent: this, retainOnDelete: opts?.retainOnDelete }),
        released: args.release ?? false,
      },
      child,
    );
    // The provider reads the org id with its own credentials: the program never holds them.
    this.eventSourceName = pulumi.all([integration.genesysOrgId, organisationId]).apply(([orgId, suffix]) => partnerEventSourceName(orgId, suffix));
    this.integration = {
      id: integration.id,
      name: integration.name,
      adopted: integration.adopted,
      enabled: integration.enabled,
      topicFilters: integration.topicFilters,
    };
    this.aws = args.selfHosted ? pulumi.output(awsSide(name, args, integration, child)) : undefined;
    this.registerOutputs({ integration: this.integration, eventSourceName: this.eventSourceName, aws: this.aws });
  }
}

/** Imported only here: @pulumi/aws costs every run that loads it, and most runs need none of it. */
async function awsSide(
  name: string,
  args: HandoverEventBridgeArgs,
  integration: EventBridgeIntegration,
  opts: pulumi.ComponentResourceOptions,
): Promise<pulumi.Output<EventBridgeAwsArns>> {
  const { EventBridgeHandover } = await import("./eventbridge-aws");
  const aws: EventBridgeHandover = new EventBridgeHandover(
    `${name}-aws`,
    {
      genesysOrgId: integration.genesysOrgId,
      organisationId: args.organisationId,
      awsRegion: args.awsRegion,
      // Both present: eventBridgeArgumentProblems refuses selfHosted without them.
      requestUrl: args.requestUrl!,
      apiKey: args.apiKey!,
    },
    opts,
  );
  return pulumi.output({
    eventBusArn: aws.eventBusArn,
    connectionArn: aws.connectionArn,
    apiDestinationArn: aws.apiDestinationArn,
    ruleArn: aws.ruleArn,
    roleArn: aws.roleArn,
  });
}

/** Problems with the release and the agent-details switch (user.start is read from 2025.22 on). */
export function versionArgumentProblems(cognigyVersion: string, agentInfo: boolean): string[] {
  const versionProblem = plainProblem("cognigyVersion", cognigyVersion, cognigyVersionProblem);
  if (versionProblem) return [versionProblem];
  const agentProblem = agentInfoProblem(parseCognigyVersion(cognigyVersion), agentInfo);
  return agentProblem ? [`agentInfo ${agentProblem}`] : [];
}

/** The topics Genesys sends for the release; throws naming `owner` and the problems. */
export function eventBridgeTopics(owner: string, cognigyVersion: string, agentInfo: boolean): string[] {
  const problems = versionArgumentProblems(cognigyVersion, agentInfo);
  if (problems.length > 0) throw new Error(`${owner}: ${problems.join("; ")}`);
  return eventBridgeTopicFilters(parseCognigyVersion(cognigyVersion)!, agentInfo);
}

/** Problems with the arguments given as plain values (Outputs are checked when they resolve). */
export function eventBridgeArgumentProblems(args: HandoverEventBridgeArgs): string[] {
  const problems = [
    plainProblem("awsAccountId", args.awsAccountId, awsAccountIdProblem),
    plainProblem("awsRegion", args.awsRegion, awsRegionProblem),
    plainProblem("organisationId", args.organisationId, eventSourceSuffixProblem),
    plainProblem("integrationName", args.integrationName, objectNameProblem),
    plainProblem("requestUrl", args.requestUrl, apiDestinationUrlProblem),
  ].filter((problem): problem is string => problem !== undefined);
  // The key's value never appears in a message.
  if (typeof args.apiKey === "string" && args.apiKey.trim() === "") problems.push("apiKey is empty; give the key Cognigy's endpoint expects");
  if (typeof args.cognigyVersion === "string") {
    const agentInfo = typeof args.agentInfo === "boolean" ? args.agentInfo : false;
    problems.push(...versionArgumentProblems(args.cognigyVersion, agentInfo));
  }
  for (const key of ["requestUrl", "apiKey"] as const) {
    if (args.selfHosted && args[key] === undefined) {
      problems.push(`${key} is required when selfHosted is true: the AWS side's API destination needs it`);
    }
    if (!args.selfHosted && args[key] !== undefined) {
      problems.push(`${key} is given but selfHosted is not true: only the AWS side uses it; set selfHosted or leave ${key} out`);
    }
  }
  return problems;
}
