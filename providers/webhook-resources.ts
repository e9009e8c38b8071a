// The resources of the four webhook kinds, all registered with the one provider object of
// webhook-objects.ts: the kind's inputs, plus the `kind` that routes each call, the provider
// version, and the outputs only Genesys can give (undefined here, filled by create).
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, TOKEN_MODULE } from "../domain/marker";
import type { IntegrationArgs } from "./integration";
import type { DataActionArgs, RequestType } from "./data-action";
import type { WorkflowArgs } from "./workflow";
import type { DataFormat, MatchCriterion, TriggerArgs } from "./trigger";
import { webhookObjectsProvider } from "./webhook-objects";

export class Integration extends pulumi.dynamic.Resource {
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
    super(
      webhookObjectsProvider(),
      name,
      {
        kind: "Integration",
        name: args.name,
        notes: args.notes,
        enabled: args.enabled,
        adopt: args.adopt,
        managedBy: args.managedBy,
        createRefusal: args.createRefusal,
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

export class DataAction extends pulumi.dynamic.Resource {
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
    super(
      webhookObjectsProvider(),
      name,
      {
        kind: "DataAction",
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
        createRefusal: args.createRefusal,
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

export class Workflow extends pulumi.dynamic.Resource {
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
    super(
      webhookObjectsProvider(),
      name,
      {
        kind: "Workflow",
        name: args.name,
        division: args.division,
        yaml: args.yaml,
        adopt: args.adopt,
        managedBy: args.managedBy,
        createRefusal: args.createRefusal,
        dataActionId: args.dataActionId,
        providerVersion: PROVIDER_VERSION,
        divisionName: undefined,
        flowType: undefined,
        published: undefined,
        publishedVersion: undefined,
        jobId: undefined,
        locked: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "Workflow",
    );
  }
}

export class Trigger extends pulumi.dynamic.Resource {
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
    super(
      webhookObjectsProvider(),
      name,
      {
        kind: "Trigger",
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
        createRefusal: args.createRefusal,
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
