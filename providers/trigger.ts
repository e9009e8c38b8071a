import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, TOKEN_MODULE } from "./version";

export interface MatchCriterion {
  jsonPath: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}

export type DataFormat = "TopLevelPrimitives" | "Json";

/** A Process Automation trigger that starts a workflow on an event topic. */
export interface TriggerArgs {
  readonly name: pulumi.Input<string>;
  /** Keeps the literal `{id}`, e.g. "v2.detail.events.conversation.{id}.acw". Change = replace. */
  readonly topicName: pulumi.Input<string>;
  readonly workflowId: pulumi.Input<string>;
  /** Default true. */
  readonly enabled?: pulumi.Input<boolean>;
  readonly matchCriteria: pulumi.Input<MatchCriterion[]>;
  /** Default "TopLevelPrimitives". */
  readonly dataFormat?: pulumi.Input<DataFormat>;
  /**
   * Free text. The provider appends a blank line and `managedBy` to it; the whole must fit
   * Genesys's 512 characters (check reports the excess).
   */
  readonly description?: pulumi.Input<string>;
  /** >= 10; excludes delayBySeconds. */
  readonly eventTTLSeconds?: pulumi.Input<number>;
  /** 60-900; excludes eventTTLSeconds. */
  readonly delayBySeconds?: pulumi.Input<number>;
  /** Take over an existing trigger of the same topic and name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
}

export interface TriggerOutputs {
  name: string;
  topicName: string;
  workflowId: string;
  enabled: boolean;
  matchCriteria: MatchCriterion[];
  dataFormat: DataFormat;
  description: string;
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  /** The trigger's version in Genesys (1 after create, +1 per PUT). */
  version: number;
  adopted: boolean;
}

export class TriggerProvider implements pulumi.dynamic.ResourceProvider {
  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("TriggerProvider.create: being written");
  }
}

export class Trigger extends pulumi.dynamic.Resource {
  public readonly name!: pulumi.Output<string>;
  public readonly topicName!: pulumi.Output<string>;
  public readonly workflowId!: pulumi.Output<string>;
  public readonly enabled!: pulumi.Output<boolean>;
  public readonly matchCriteria!: pulumi.Output<MatchCriterion[]>;
  public readonly dataFormat!: pulumi.Output<DataFormat>;
  /** The user's description, without the marker. */
  public readonly description!: pulumi.Output<string>;
  public readonly eventTTLSeconds!: pulumi.Output<number | undefined>;
  public readonly delayBySeconds!: pulumi.Output<number | undefined>;
  public readonly adopt!: pulumi.Output<boolean>;
  public readonly managedBy!: pulumi.Output<string>;
  public readonly providerVersion!: pulumi.Output<string>;
  public readonly version!: pulumi.Output<number>;
  public readonly adopted!: pulumi.Output<boolean>;

  constructor(name: string, args: TriggerArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      triggerProvider,
      name,
      {
        name: args.name,
        topicName: args.topicName,
        workflowId: args.workflowId,
        enabled: args.enabled,
        matchCriteria: args.matchCriteria,
        dataFormat: args.dataFormat,
        description: args.description,
        eventTTLSeconds: args.eventTTLSeconds,
        delayBySeconds: args.delayBySeconds,
        adopt: args.adopt,
        managedBy: args.managedBy,
        providerVersion: PROVIDER_VERSION,
        version: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "Trigger",
    );
  }
}

const triggerProvider = new TriggerProvider();
