import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, TOKEN_MODULE } from "./version";

/** A Web Services Data Actions integration (type `custom-rest-actions`). */
export interface IntegrationArgs {
  /** Display name; Architect finds data actions by it (the action's `category`). */
  readonly name: pulumi.Input<string>;
  /** Free text; the provider appends the `managedBy` marker to it. */
  readonly notes?: pulumi.Input<string>;
  /** Desired `intendedState`; default true. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Take over an existing integration of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  /** Marker text written into `notes`, e.g. "cognigy-genesys-handover <project>/<stack>". */
  readonly managedBy: pulumi.Input<string>;
}

export interface IntegrationOutputs {
  name: string;
  notes: string;
  enabled: boolean;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  integrationType: string;
  adopted: boolean;
}

export class IntegrationProvider implements pulumi.dynamic.ResourceProvider {
  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("IntegrationProvider.create: being written");
  }
}

export class Integration extends pulumi.dynamic.Resource {
  public readonly name!: pulumi.Output<string>;
  public readonly notes!: pulumi.Output<string>;
  public readonly enabled!: pulumi.Output<boolean>;
  public readonly adopt!: pulumi.Output<boolean>;
  public readonly managedBy!: pulumi.Output<string>;
  public readonly providerVersion!: pulumi.Output<string>;
  public readonly integrationType!: pulumi.Output<string>;
  /** True when an existing integration not created by this stack was taken over. */
  public readonly adopted!: pulumi.Output<boolean>;

  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      integrationProvider,
      name,
      {
        name: args.name,
        notes: args.notes,
        enabled: args.enabled,
        adopt: args.adopt,
        managedBy: args.managedBy,
        providerVersion: PROVIDER_VERSION,
        integrationType: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "Integration",
    );
  }
}

// One provider instance per kind, shared by all resources of the kind (serialized once each).
const integrationProvider = new IntegrationProvider();
