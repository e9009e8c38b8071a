// The program's side of the plugin: the provider resource (one per Genesys org) and the resource
// classes of its type tokens. Their typed surface (args, `declare`d outputs) is the schema's
// (schema.json), held equal by test/unit/provider-plugin-schema.test.ts.
import * as pulumi from "@pulumi/pulumi";
import type { DataActionArgs, RequestType } from "../providers/data-action";
import type { ExistingSetupArgs, SetupTrigger } from "../providers/existing-setup";
import type { EventBridgeIntegrationArgs } from "../providers/eventbridge-integration";
import type { IntegrationArgs } from "../providers/integration";
import type { DataFormat, MatchCriterion, TriggerArgs } from "../providers/trigger";
import type { WorkflowArgs } from "../providers/workflow";
import { PACKAGE, SCHEMA, VERSION, typeToken } from "./package-schema";

/** One Genesys Cloud org (schema.json `provider`); numbers as text, as stack config gives them. */
export interface ProviderArgs {
  /** Base URL of the Platform API instead of a region (emulator, gateway). */
  readonly apiUrl?: pulumi.Input<string>;
  /** An AWS-style region name (eu-central-1) or its host (mypurecloud.de). */
  readonly region?: pulumi.Input<string>;
  /** OAuth client (client credentials grant). */
  readonly clientId?: pulumi.Input<string>;
  /** The OAuth client's secret: kept secret in state. */
  readonly clientSecret?: pulumi.Input<string>;
  /** The Genesys org id the credentials must reach. */
  readonly organizationId?: pulumi.Input<string>;
  readonly requestTimeoutMs?: pulumi.Input<string>;
  readonly retryMaxAttempts?: pulumi.Input<string>;
  readonly retryMinWaitMs?: pulumi.Input<string>;
  readonly retryMaxWaitMs?: pulumi.Input<string>;
  readonly retryMaxTotalMs?: pulumi.Input<string>;
  readonly visibilityTimeoutMs?: pulumi.Input<string>;
  readonly jobTimeoutMs?: pulumi.Input<string>;
  readonly activationTimeoutMs?: pulumi.Input<string>;
  /** When set, Configure fails with this text and the run ends before any resource reaches Genesys; default unset. */
  readonly refusal?: pulumi.Input<string | undefined>;
}

/** Pure: `args` with the values the schema declares secret wrapped as secrets (as a generated SDK does). */
export function withSecrets(args: object, properties: Readonly<Record<string, { secret?: boolean }>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, properties[key]?.secret && value !== undefined ? pulumi.secret(value) : value]));
}

export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs, opts?: pulumi.ResourceOptions) {
    super(PACKAGE, name, withSecrets(args, SCHEMA.config.variables), { version: VERSION, ...opts });
  }
}

/** A resource of the plugin: its args, and its outputs undefined until the engine fills them. */
abstract class PluginResource extends pulumi.CustomResource {
  constructor(kind: string, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const resource = SCHEMA.resources[typeToken(kind)];
    const outputs = Object.fromEntries(Object.keys(resource.properties).map((key) => [key, undefined]));
    // The version picks the plugin for a default provider too (recorded in state, as for explicit ones).
    super(typeToken(kind), name, { ...outputs, ...withSecrets(args, resource.inputProperties) }, { version: VERSION, ...opts });
  }
}

export class Integration extends PluginResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly notes: pulumi.Output<string | undefined>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly integrationType: pulumi.Output<string>;
  /** True when an integration this stack did not create was taken over (by name, or imported). */
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly genesysOrgId: pulumi.Output<string>;

  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super("Integration", name, args, opts);
  }
}

export class DataAction extends PluginResource {
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
  /** The action's version in Genesys (1 after create, +1 per PATCH). */
  declare public readonly version: pulumi.Output<number>;
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly genesysOrgId: pulumi.Output<string>;

  constructor(name: string, args: DataActionArgs, opts?: pulumi.CustomResourceOptions) {
    super("DataAction", name, args, opts);
  }
}

export class Trigger extends PluginResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly topicName: pulumi.Output<string>;
  declare public readonly workflowId: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly matchCriteria: pulumi.Output<MatchCriterion[]>;
  declare public readonly dataFormat: pulumi.Output<DataFormat>;
  /** The user's description, without the marker. */
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly eventTTLSeconds: pulumi.Output<number | undefined>;
  declare public readonly delayBySeconds: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  /** The trigger's version in Genesys (1 after create, +1 per PUT). */
  declare public readonly version: pulumi.Output<number>;
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly genesysOrgId: pulumi.Output<string>;

  constructor(name: string, args: TriggerArgs, opts?: pulumi.CustomResourceOptions) {
    super("Trigger", name, args, opts);
  }
}

/**
 * An Architect workflow. Imported by id, its `yaml` is a stand-in (Genesys does not give a
 * published workflow's YAML back): import with `ignoreChanges: ["yaml", "dataActionId"]`; the
 * next update without them publishes the program's YAML (docs/provider-plugin.md).
 */
export class Workflow extends PluginResource {
  declare public readonly name: pulumi.Output<string>;
  /** As given: "" for the org's home division. */
  declare public readonly division: pulumi.Output<string>;
  /** The division the flow is in, as Genesys names it. */
  declare public readonly divisionName: pulumi.Output<string>;
  declare public readonly yaml: pulumi.Output<string>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly dataActionId: pulumi.Output<string | undefined>;
  declare public readonly flowType: pulumi.Output<string>;
  declare public readonly published: pulumi.Output<boolean>;
  /** Genesys's published version id of the flow, e.g. "2.0". */
  declare public readonly publishedVersion: pulumi.Output<string>;
  declare public readonly jobId: pulumi.Output<string | undefined>;
  declare public readonly locked: pulumi.Output<boolean>;
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly adminDescription: pulumi.Output<string | undefined>;
  declare public readonly genesysOrgId: pulumi.Output<string>;

  constructor(name: string, args: WorkflowArgs, opts?: pulumi.CustomResourceOptions) {
    super("Workflow", name, args, opts);
  }
}

/** Genesys's Amazon EventBridge Source integration; `released` is the stack's (kept in state only while a replace needs it). */
export class EventBridgeIntegration extends PluginResource {
  declare public readonly name: pulumi.Output<string>;
  /** The user's notes, without the marker. */
  declare public readonly notes: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly awsAccountId: pulumi.Output<string>;
  declare public readonly awsRegion: pulumi.Output<string>;
  declare public readonly eventSourceSuffix: pulumi.Output<string>;
  declare public readonly topicFilters: pulumi.Output<string[]>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly integrationType: pulumi.Output<string>;
  /** The Genesys org id: the partner event source's name carries it. */
  declare public readonly genesysOrgId: pulumi.Output<string>;
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: EventBridgeIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super("EventBridgeIntegration", name, args, opts);
  }
}

/** The stack's identity (providers/stack-identity.ts): no Genesys object, made once, kept in state. */
export class StackIdentity extends PluginResource {
  /** Made once per stack, kept in its state; also the resource's id. */
  declare public readonly identity: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super("StackIdentity", name, {}, opts);
  }
}

/** Every object of a hand-made setup looked up by name before the first takeover writes (providers/existing-setup.ts). */
export class ExistingSetup extends PluginResource {
  declare public readonly integrationName: pulumi.Output<string>;
  declare public readonly dataActionName: pulumi.Output<string>;
  declare public readonly workflowNames: pulumi.Output<string[]>;
  declare public readonly triggers: pulumi.Output<SetupTrigger[]>;
  declare public readonly createRefusal: pulumi.Output<string>;
  declare public readonly managedBy: pulumi.Output<string>;

  constructor(name: string, args: ExistingSetupArgs, opts?: pulumi.CustomResourceOptions) {
    super("ExistingSetup", name, args, opts);
  }
}
