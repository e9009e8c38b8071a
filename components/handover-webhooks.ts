import * as pulumi from "@pulumi/pulumi";
import { DataAction, ExistingSetup, Integration, Trigger, Workflow } from "../provider-plugin/resources";
import { IDENTITY_LENGTH, stackMarker } from "../domain/marker";
import inputContract from "../templates/input-contract.json";
import outputContract from "../templates/output-contract.json";
import { endpointDomainProblem, endpointUrlProblem, handoverRequestUrl, requestUrlProblem } from "../domain/endpoint";
import {
  DEFAULT_DATA_ACTION_NAME,
  DEFAULT_INTEGRATION_NAME,
  EVENT_KEYS,
  EventKey,
  HANDOVER_EVENTS,
  HANDOVER_REQUEST_TYPE,
  OPEN_MESSAGING_CRITERIA,
  TRIGGER_DATA_FORMAT,
} from "../domain/events";
import { eventListProblem, objectNameProblem, triggerDescriptionProblem } from "../domain/names";
import { renderWorkflowYaml } from "../domain/workflow-yaml";
import { Check, checkedInput, plainProblem } from "./argument-checks";
import { stackManagedBy } from "./managed-by";

export const HANDOVER_WEBHOOKS_TYPE = "cognigy:genesyscloud:HandoverWebhooks";

/** Arguments of {@link HandoverWebhooks}. Exactly one of `endpointDomain`, `endpointUrl` and `requestUrl`. */
export interface HandoverWebhooksArgs {
  /** Cognigy SaaS environment domain, e.g. `app.cognigy.ai` (→ `https://endpoint-app.cognigy.ai/handover/genesysCloudOM`); no default. */
  readonly endpointDomain?: pulumi.Input<string>;
  /** Base URL of a self-hosted Cognigy endpoint (https; http only to loopback); the handover path is appended; no default. */
  readonly endpointUrl?: pulumi.Input<string>;
  /** The whole URL the data action POSTs to, `…/handover/genesysCloudOM`, as the stack program makes it once from either of the above; no default. */
  readonly requestUrl?: pulumi.Input<string>;
  /** Web Services Data Actions integration name; default `Web Services Data Actions Integration`. */
  readonly integrationName?: pulumi.Input<string>;
  /** Data action name; default `Send Event to Cognigy`. */
  readonly dataActionName?: pulumi.Input<string>;
  /** Workflow name per event; defaults `Workflow conversation.id.acw` and `Workflow conversation.id.user.end`. */
  readonly workflowNames?: Readonly<Partial<Record<EventKey, pulumi.Input<string>>>>;
  /** Trigger name per event; defaults `Trigger conversation.id.acw` and `Trigger conversation.id.user.end`. */
  readonly triggerNames?: Readonly<Partial<Record<EventKey, pulumi.Input<string>>>>;
  /** Division (by name) the workflows are created in; default the org's home division (orgs rename it). */
  readonly division?: pulumi.Input<string>;
  /** Whether the triggers are active; default true. */
  readonly triggersEnabled?: pulumi.Input<boolean>;
  /** Description of both triggers (the provider appends its management marker); default none. */
  readonly triggerDescription?: pulumi.Input<string>;
  /**
   * Take over existing objects with the same names instead of failing on them; default false.
   * Decided in `check`, so `pulumi preview --diff` shows it (the `adoption` input of each object).
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
  /** Allow replacing an adopted object under a new id (e.g. a data action whose contract differs); default false: refused. */
  readonly allowReplaceAdopted?: pulumi.Input<boolean>;
  /** Which events get a workflow and a trigger (plain: it decides which resources exist); default both, `acw` and `user.end`. */
  readonly events?: readonly EventKey[];
  /**
   * Where no new Genesys object may be made (the stack program sets it on Cognigy.AI 4.100 up to
   * 2025.11, from `newWebhookObjectRefusal`): why, and the way forward. Objects the stack holds,
   * and existing ones taken over with `adoptExisting`, are managed as usual; default: creating is allowed.
   * With both plain (`adoptExisting: true`), an `ExistingSetup` child looks the whole setup up
   * before the first takeover, so a missing object stops the run before any write.
   */
  readonly createRefusal?: pulumi.Input<string>;
  /**
   * The stack's identity its management marker carries (a `StackIdentity`'s `identity`), when the
   * program shares one with `HandoverEventBridge`; default: the component makes its own, `<name>-identity`.
   */
  readonly identity?: pulumi.Input<string>;
}

/** Identity of one Genesys object the component manages. */
export interface ManagedObject {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  /** True when an existing object was taken over rather than created. */
  readonly adopted: pulumi.Output<boolean>;
}

/**
 * Cognigy.AI handover-end detection over HTTP webhooks in one Genesys Cloud org: a Web Services
 * Data Actions integration, the "Send Event to Cognigy" data action, and one workflow and one
 * trigger per selected analytics event. `protect` and `retainOnDelete` given to the component
 * apply to every child (use them on production orgs and for adopted objects).
 */
export class HandoverWebhooks extends pulumi.ComponentResource {
  /** The URL the data action POSTs to. */
  public readonly requestUrl: pulumi.Output<string>;
  public readonly integration: ManagedObject;
  public readonly dataAction: ManagedObject;
  public readonly workflows: Readonly<Partial<Record<EventKey, ManagedObject>>>;
  public readonly triggers: Readonly<Partial<Record<EventKey, ManagedObject>>>;

  constructor(name: string, args: HandoverWebhooksArgs, opts?: pulumi.ComponentResourceOptions) {
    // Plain arguments are checked before anything is registered; Output arguments when they resolve.
    const problems = plainArgumentProblems(args);
    if (problems.length > 0) throw new Error(`HandoverWebhooks "${name}": ${problems.join("; ")}`);
    super(HANDOVER_WEBHOOKS_TYPE, name, {}, opts);
    // Children inherit `protect` from their parent but not `retainOnDelete`: pass it on, so a
    // component kept on delete keeps the Genesys objects too.
    const child: pulumi.CustomResourceOptions = { parent: this, retainOnDelete: opts?.retainOnDelete };
    const events = HANDOVER_EVENTS.filter((event) => (args.events ?? EVENT_KEYS).includes(event.key));
    const checked = (label: string, value: pulumi.Input<string>, check: Check) => checkedInput(`HandoverWebhooks "${name}"`, label, value, check);
    const nameOf = (label: string, value: pulumi.Input<string> | undefined, fallback: string) =>
      checked(label, value ?? fallback, objectNameProblem);

    // The stack's own id in every marker: another stack of the same project and stack name (another
    // repo or backend on this org) does not take these objects for its own, nor this one theirs.
    const managedBy = stackManagedBy(name, args.identity, child);
    // As long as the marker will be: what the trigger description's length is checked with.
    const markerShape = stackMarker(pulumi.getProject(), pulumi.getStack(), "x".repeat(IDENTITY_LENGTH));
    const adopt = args.adoptExisting ?? false;
    const allowReplaceAdopted = args.allowReplaceAdopted ?? false;
    const createRefusal = args.createRefusal;
    const integrationName = nameOf("integrationName", args.integrationName, DEFAULT_INTEGRATION_NAME);
    const dataActionName = nameOf("dataActionName", args.dataActionName, DEFAULT_DATA_ACTION_NAME);
    // Unset: the workflow provider asks Genesys for the home division, whatever the org calls it.
    const division = args.division === undefined ? undefined : checked("division", args.division, objectNameProblem);
    this.requestUrl =
      args.requestUrl !== undefined
        ? pulumi.output(checked("requestUrl", args.requestUrl, requestUrlProblem))
        : args.endpointDomain !== undefined
          ? pulumi.output(checked("endpointDomain", args.endpointDomain, endpointDomainProblem)).apply((endpointDomain) => handoverRequestUrl({ endpointDomain }))
          : pulumi.output(checked("endpointUrl", args.endpointUrl!, endpointUrlProblem)).apply((endpointUrl) => handoverRequestUrl({ endpointUrl }));

    const workflowNames = events.map((event) => nameOf(`workflowNames["${event.key}"]`, args.workflowNames?.[event.key], event.defaultWorkflowName));
    const triggerNames = events.map((event) => nameOf(`triggerNames["${event.key}"]`, args.triggerNames?.[event.key], event.defaultTriggerName));

    // Taking over where nothing new may be made: every object is looked up before the first write.
    const existing =
      adopt === true && typeof createRefusal === "string"
        ? new ExistingSetup(
            `${name}-existing-setup`,
            {
              integrationName,
              dataActionName,
              workflowNames,
              triggers: events.map((event, i) => ({ name: triggerNames[i], topicName: event.triggerTopic })),
              createRefusal,
              managedBy,
            },
            child,
          )
        : undefined;
    const integration = new Integration(
      `${name}-integration`,
      { name: integrationName, enabled: true, adopt, allowReplaceAdopted, managedBy, createRefusal },
      { ...child, dependsOn: existing ? [existing] : [] },
    );
    const dataAction = new DataAction(
      `${name}-data-action`,
      {
        name: dataActionName,
        category: integrationName,
        integrationId: integration.id,
        integrationAdopted: integration.adopted,
        inputSchema: inputContract,
        outputSchema: outputContract,
        requestUrlTemplate: this.requestUrl,
        requestType: HANDOVER_REQUEST_TYPE,
        adopt,
        allowReplaceAdopted,
        managedBy,
        createRefusal,
      },
      child,
    );

    const workflows: Partial<Record<EventKey, ManagedObject>> = {};
    const triggers: Partial<Record<EventKey, ManagedObject>> = {};
    for (const [i, event] of events.entries()) {
      const workflowName = workflowNames[i];
      const workflow = new Workflow(
        `${name}-workflow-${event.slug}`,
        {
          name: workflowName,
          division,
          yaml: pulumi
            .all([workflowName, division, integrationName, dataActionName])
            .apply(([workflowName, division, integrationName, dataActionName]) =>
              renderWorkflowYaml({ workflowName, division, integrationName, dataActionName, topic: event.workflowTopic }),
            ),
          adopt,
          allowReplaceAdopted,
          managedBy,
          createRefusal,
          // The flow job resolves the data action by name when it publishes the workflow, and the
          // published workflow keeps calling that id: a replaced action republishes the workflow.
          dataActionId: dataAction.id,
        },
        child,
      );
      const trigger = new Trigger(
        `${name}-trigger-${event.slug}`,
        {
          name: triggerNames[i],
          topicName: event.triggerTopic,
          workflowId: workflow.id,
          enabled: args.triggersEnabled ?? true,
          matchCriteria: OPEN_MESSAGING_CRITERIA.map((criterion) => ({ ...criterion })),
          dataFormat: TRIGGER_DATA_FORMAT,
          description:
            args.triggerDescription === undefined
              ? undefined
              : checked("triggerDescription", args.triggerDescription, (description) => triggerDescriptionProblem(description, markerShape)),
          adopt,
          allowReplaceAdopted,
          managedBy,
          createRefusal,
        },
        child,
      );
      workflows[event.key] = managed(workflow);
      triggers[event.key] = managed(trigger);
    }

    this.integration = managed(integration);
    this.dataAction = managed(dataAction);
    this.workflows = workflows;
    this.triggers = triggers;
    this.registerOutputs({
      requestUrl: this.requestUrl,
      integration: this.integration,
      dataAction: this.dataAction,
      workflows,
      triggers,
    });
  }
}

function managed(resource: Integration | DataAction | Workflow | Trigger): ManagedObject {
  return { id: resource.id, name: resource.name, adopted: resource.adopted };
}

/** Problems with the arguments given as plain values (Outputs are checked when they resolve). */
export function plainArgumentProblems(args: HandoverWebhooksArgs): string[] {
  const problems: string[] = [];
  const check = (label: string, value: pulumi.Input<string> | undefined, problemOf: Check) => {
    const problem = plainProblem(label, value, problemOf);
    if (problem) problems.push(problem);
  };
  const endpoints = [args.endpointDomain, args.endpointUrl, args.requestUrl].filter((value) => value !== undefined);
  if (endpoints.length !== 1) {
    problems.push("give exactly one of endpointDomain (Cognigy SaaS), endpointUrl (self-hosted base URL) and requestUrl (the whole handover URL)");
  }
  check("endpointDomain", args.endpointDomain, endpointDomainProblem);
  check("endpointUrl", args.endpointUrl, endpointUrlProblem);
  check("requestUrl", args.requestUrl, requestUrlProblem);
  check("integrationName", args.integrationName, objectNameProblem);
  check("dataActionName", args.dataActionName, objectNameProblem);
  check("division", args.division, objectNameProblem);
  for (const event of HANDOVER_EVENTS) {
    check(`workflowNames["${event.key}"]`, args.workflowNames?.[event.key], objectNameProblem);
    check(`triggerNames["${event.key}"]`, args.triggerNames?.[event.key], objectNameProblem);
  }
  check("triggerDescription", args.triggerDescription, triggerDescriptionProblem);
  const eventsProblem = eventListProblem(args.events ?? EVENT_KEYS);
  if (eventsProblem) problems.push(`events ${JSON.stringify(args.events)} ${eventsProblem}`);
  return problems;
}
