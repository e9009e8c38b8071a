import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, TOKEN_MODULE } from "./version";

/** An Architect workflow, created and published through the flow jobs API. */
export interface WorkflowArgs {
  /** Must equal `workflow.name` in `yaml` (the flow's identity with type WORKFLOW). */
  readonly name: pulumi.Input<string>;
  /** Division name; default "Home". */
  readonly division?: pulumi.Input<string>;
  /** Fully rendered Archy YAML. The provider writes `managedBy` into `workflow.description`. */
  readonly yaml: pulumi.Input<string>;
  /** Take over an existing workflow of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
}

export interface WorkflowOutputs {
  name: string;
  division: string;
  yaml: string;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  /** "WORKFLOW". */
  flowType: string;
  published: boolean;
  /** Genesys's published version id of the flow, e.g. "2.0". */
  publishedVersion: string;
  /** The id of the flow job that last published the flow. */
  jobId: string;
  adopted: boolean;
}

export class WorkflowProvider implements pulumi.dynamic.ResourceProvider {
  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("WorkflowProvider.create: being written");
  }
}

export class Workflow extends pulumi.dynamic.Resource {
  public readonly name!: pulumi.Output<string>;
  public readonly division!: pulumi.Output<string>;
  public readonly yaml!: pulumi.Output<string>;
  public readonly adopt!: pulumi.Output<boolean>;
  public readonly managedBy!: pulumi.Output<string>;
  public readonly providerVersion!: pulumi.Output<string>;
  public readonly flowType!: pulumi.Output<string>;
  public readonly published!: pulumi.Output<boolean>;
  public readonly publishedVersion!: pulumi.Output<string>;
  public readonly jobId!: pulumi.Output<string>;
  public readonly adopted!: pulumi.Output<boolean>;

  constructor(name: string, args: WorkflowArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      workflowProvider,
      name,
      {
        name: args.name,
        division: args.division,
        yaml: args.yaml,
        adopt: args.adopt,
        managedBy: args.managedBy,
        providerVersion: PROVIDER_VERSION,
        flowType: undefined,
        published: undefined,
        publishedVersion: undefined,
        jobId: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "Workflow",
    );
  }
}

const workflowProvider = new WorkflowProvider();
