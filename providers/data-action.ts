import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, TOKEN_MODULE } from "./version";

export type RequestType = "POST" | "PUT" | "GET" | "PATCH" | "DELETE";

/**
 * A published Web Services data action. It has no free-text field for the `managedBy` marker:
 * an existing action counts as ours when it lives under the integration this stack manages.
 */
export interface DataActionArgs {
  readonly name: pulumi.Input<string>;
  /** Must equal the integration's display name (Architect looks actions up by category). */
  readonly category: pulumi.Input<string>;
  readonly integrationId: pulumi.Input<string>;
  readonly inputSchema: pulumi.Input<Record<string, unknown>>;
  readonly outputSchema: pulumi.Input<Record<string, unknown>>;
  readonly requestUrlTemplate: pulumi.Input<string>;
  /** Default "POST". */
  readonly requestType?: pulumi.Input<RequestType>;
  /** Default "${input.rawRequest}" (the inputs as JSON). */
  readonly requestTemplate?: pulumi.Input<string>;
  readonly headers?: pulumi.Input<Record<string, string>>;
  /** Default "${rawResult}". */
  readonly successTemplate?: pulumi.Input<string>;
  readonly timeoutSeconds?: pulumi.Input<number>;
  /** Default false. */
  readonly secure?: pulumi.Input<boolean>;
  /** Take over an existing action of the same category and name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
}

export interface DataActionOutputs {
  name: string;
  category: string;
  integrationId: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  requestUrlTemplate: string;
  requestType: RequestType;
  requestTemplate: string;
  headers: Record<string, string>;
  successTemplate: string;
  timeoutSeconds?: number;
  secure: boolean;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  version: number;
  adopted: boolean;
}

export class DataActionProvider implements pulumi.dynamic.ResourceProvider {
  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("DataActionProvider.create: being written");
  }
}

export class DataAction extends pulumi.dynamic.Resource {
  public readonly name!: pulumi.Output<string>;
  public readonly category!: pulumi.Output<string>;
  public readonly integrationId!: pulumi.Output<string>;
  public readonly inputSchema!: pulumi.Output<Record<string, unknown>>;
  public readonly outputSchema!: pulumi.Output<Record<string, unknown>>;
  public readonly requestUrlTemplate!: pulumi.Output<string>;
  public readonly requestType!: pulumi.Output<RequestType>;
  public readonly requestTemplate!: pulumi.Output<string>;
  public readonly headers!: pulumi.Output<Record<string, string>>;
  public readonly successTemplate!: pulumi.Output<string>;
  public readonly timeoutSeconds!: pulumi.Output<number | undefined>;
  public readonly secure!: pulumi.Output<boolean>;
  public readonly adopt!: pulumi.Output<boolean>;
  public readonly managedBy!: pulumi.Output<string>;
  public readonly providerVersion!: pulumi.Output<string>;
  /** The action's version in Genesys (1 after create, +1 per PATCH). */
  public readonly version!: pulumi.Output<number>;
  public readonly adopted!: pulumi.Output<boolean>;

  constructor(name: string, args: DataActionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dataActionProvider,
      name,
      {
        name: args.name,
        category: args.category,
        integrationId: args.integrationId,
        inputSchema: args.inputSchema,
        outputSchema: args.outputSchema,
        requestUrlTemplate: args.requestUrlTemplate,
        requestType: args.requestType,
        requestTemplate: args.requestTemplate,
        headers: args.headers,
        successTemplate: args.successTemplate,
        timeoutSeconds: args.timeoutSeconds,
        secure: args.secure,
        adopt: args.adopt,
        managedBy: args.managedBy,
        providerVersion: PROVIDER_VERSION,
        version: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "DataAction",
    );
  }
}

const dataActionProvider = new DataActionProvider();
