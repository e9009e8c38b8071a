// The resources of the four webhook kinds, all with the one provider text of webhook-objects.ts:
// the kind's inputs, plus the `kind` that routes each call, the provider version, and the
// outputs only Genesys can give (undefined here, filled by create).
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, dynamicResourceType } from "../domain/marker";
import type { IntegrationArgs } from "./integration";
import type { DataActionArgs, RequestType } from "./data-action";
import type { WorkflowArgs } from "./workflow";
import type { DataFormat, MatchCriterion, TriggerArgs } from "./trigger";
import { type WebhookKind, webhookProviderText } from "./webhook-objects";

/**
 * A Pulumi dynamic resource of one webhook kind, of the type `pulumi.dynamic.Resource` would
 * register: its args, its kind, the provider version, the outputs only Genesys gives (undefined
 * until create), and the program's one webhook provider text.
 */
abstract class WebhookResource extends pulumi.CustomResource {
  constructor(kind: WebhookKind, name: string, args: object, outputs: readonly string[], opts?: pulumi.CustomResourceOptions) {
    const props = { kind, ...args, providerVersion: PROVIDER_VERSION, ...Object.fromEntries(outputs.map((output) => [output, undefined])) };
    super(dynamicResourceType(kind), name, { ...props, __provider: webhookProviderText() }, opts);
  }
}

export class Integration extends WebhookResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly notes: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  declare public readonly integrationType: pulumi.Output<string>;
  /** True when an existing integration not created by this stack was taken over. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super("Integration", name, args, ["integrationType", "adopted"], opts);
  }
}

export class DataAction extends WebhookResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly category: pulumi.Output<string>;
  declare public readonly integrationId: pulumi.Output<string>;
  declare public readonly inputSchema: pulumi.Output<Record<string, unknown>>;
  declare public readonly outputSchema: pulumi.Output<Record<string, unknown>>;
  declare public readonly requestUrlTemplate: pulumi.Output<string>;
  declare public readonly requestType: pulumi.Output<RequestType>;
  declare public readonly requestTemplate: pulumi.Output<string>;
  declare public readonly headers: pulumi.Output<Record<string, string>>;
  declare public readonly successTemplate: pulumi.Output<string>;
  declare public readonly timeoutSeconds: pulumi.Output<number | undefined>;
  declare public readonly secure: pulumi.Output<boolean>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  /** The action's version in Genesys (1 after create, +1 per PATCH). */
  declare public readonly version: pulumi.Output<number>;
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: DataActionArgs, opts?: pulumi.CustomResourceOptions) {
    super("DataAction", name, args, ["version", "adopted"], opts);
  }
}

export class Workflow extends WebhookResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly division: pulumi.Output<string>;
  declare public readonly divisionName: pulumi.Output<string>;
  declare public readonly yaml: pulumi.Output<string>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  declare public readonly dataActionId: pulumi.Output<string | undefined>;
  declare public readonly flowType: pulumi.Output<string>;
  declare public readonly published: pulumi.Output<boolean>;
  declare public readonly publishedVersion: pulumi.Output<string>;
  declare public readonly jobId: pulumi.Output<string>;
  declare public readonly locked: pulumi.Output<boolean>;
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: WorkflowArgs, opts?: pulumi.CustomResourceOptions) {
    super("Workflow", name, args, ["divisionName", "flowType", "published", "publishedVersion", "jobId", "locked", "adopted"], opts);
  }
}

export class Trigger extends WebhookResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly topicName: pulumi.Output<string>;
  declare public readonly workflowId: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly matchCriteria: pulumi.Output<MatchCriterion[]>;
  declare public readonly dataFormat: pulumi.Output<DataFormat>;
  /** The user's description, without the marker. */
  declare public readonly description: pulumi.Output<string>;
  declare public readonly eventTTLSeconds: pulumi.Output<number | undefined>;
  declare public readonly delayBySeconds: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  declare public readonly version: pulumi.Output<number>;
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: TriggerArgs, opts?: pulumi.CustomResourceOptions) {
    super("Trigger", name, args, ["version", "adopted"], opts);
  }
}

/**
 * The stack's identity (providers/stack-identity.ts), served by the webhook provider text. Its type
 * is outside the `genesyscloud` module: it is no Genesys object.
 */
export class StackIdentity extends pulumi.CustomResource {
  /** Generated once per stack, kept in its state. */
  declare public readonly identity: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    const props = { kind: "StackIdentity", identity: undefined, providerVersion: PROVIDER_VERSION };
    super(STACK_IDENTITY_TYPE, name, { ...props, __provider: webhookProviderText() }, opts);
  }
}

/** `pulumi-nodejs:dynamic/<module>:<type>`, as the dynamic Resource builds it, in a module of its own. */
export const STACK_IDENTITY_TYPE = "pulumi-nodejs:dynamic/cognigy:StackIdentity";
