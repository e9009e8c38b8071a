// Taking over a hand-made webhook setup where no new object may be made (Cognigy.AI 4.100 up to
// 2025.11 with cognigy:adoptExisting): the objects are taken over one after another, each with
// writes, so a missing one found only at its own turn would leave the ones before it changed.
// This resource looks every object up first, read-only; the integration depends on it (and
// everything else on the integration), so a missing object stops the run before any write.
import * as pulumi from "@pulumi/pulumi";
import type { CheckFailure, CheckResult, CreateResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { findDataAction } from "./data-action";
import { DiffRules, requireText } from "./diff";
import { INTEGRATION_TYPE } from "./integration";
import { findIntegration } from "./integration-setup";
import { GenesysProvider } from "./provider-base";
import { findTrigger } from "./trigger";
import { ADOPT_CONFIG_KEY } from "../domain/config-keys";
import { LABELS, ObjectLabel } from "./webhook-provider";
import { findWorkflow } from "./workflow";

export interface SetupTrigger {
  readonly name: string;
  readonly topicName: string;
}

/** The setup's natural keys, as the webhook resources will look them up. */
export interface ExistingSetupArgs {
  readonly integrationName: pulumi.Input<string>;
  readonly dataActionName: pulumi.Input<string>;
  readonly workflowNames: pulumi.Input<pulumi.Input<string>[]>;
  readonly triggers: pulumi.Input<pulumi.Input<{ name: pulumi.Input<string>; topicName: pulumi.Input<string> }>[]>;
  /** The refusal the webhook resources carry: why nothing new may be made, and what to do. */
  readonly createRefusal: pulumi.Input<string>;
  readonly managedBy: pulumi.Input<string>;
}

// A type alias, not an interface: assignable to the Record the provider methods take.
export type ExistingSetupInputs = {
  integrationName: string;
  dataActionName: string;
  workflowNames: string[];
  triggers: SetupTrigger[];
  createRefusal: string;
  managedBy: string;
};

const RULES: DiffRules = {
  // A changed name means another object to look up; the refusal text is not a reason to look again.
  fields: ["integrationName", "dataActionName", "workflowNames", "triggers", "managedBy"],
  replaceOn: [],
  deleteBeforeReplace: false,
};

/** Pure: the run's refusal when some objects of the setup are not in Genesys Cloud; undefined when none is missing. */
export function incompleteSetupMessage(missing: readonly ObjectLabel[], refusal: string): string | undefined {
  if (missing.length === 0) return undefined;
  const names = missing.map((label) => `${label.kind} "${label.name}"`).join(", ");
  const one = missing.length === 1;
  return (
    `${ADOPT_CONFIG_KEY}: ${names} ${one ? "was" : "were"} not found in Genesys Cloud by name, so taking over this setup ` +
    `would have to create ${one ? "it" : "them"}; nothing was taken over or changed. ${refusal}`
  );
}

/** Pure: the names to look up are required. */
export function checkExistingSetup(news: Record<string, unknown>): CheckResult {
  const failures: CheckFailure[] = [];
  for (const field of ["integrationName", "dataActionName", "createRefusal", "managedBy"]) requireText(news, field, failures);
  return { inputs: news, failures };
}

export class ExistingSetupProvider extends GenesysProvider {
  constructor() {
    super({ check: checkExistingSetup, rules: RULES });
  }

  async create(inputs: ExistingSetupInputs): Promise<CreateResult> {
    return { id: await this.lookUp(inputs), outs: inputs };
  }

  async update(_id: string, _olds: ExistingSetupInputs, news: ExistingSetupInputs): Promise<UpdateResult> {
    await this.lookUp(news);
    return { outs: news };
  }

  // Nothing in Genesys Cloud is this resource: there is nothing to read back or delete.
  async read(id: string, props: ExistingSetupInputs): Promise<ReadResult> {
    return { id, props };
  }

  async delete(_id: string, _props?: unknown): Promise<void> {}

  /** Every object by its natural key, reads only; the found integration's id, or the refusal. */
  private async lookUp(inputs: ExistingSetupInputs): Promise<string> {
    const api = this.genesys();
    const integration = await findIntegration(api, INTEGRATION_TYPE, inputs.integrationName, inputs.managedBy);
    const [action, flows, triggers] = await Promise.all([
      findDataAction(api, inputs.dataActionName, inputs.integrationName, integration?.id),
      Promise.all(inputs.workflowNames.map((name) => findWorkflow(api, name))),
      Promise.all(inputs.triggers.map((trigger) => findTrigger(api, trigger.topicName, trigger.name))),
    ]);
    const missing: ObjectLabel[] = [
      ...(integration ? [] : [LABELS.integration(inputs.integrationName)]),
      ...(action ? [] : [LABELS.dataAction(inputs.integrationName, inputs.dataActionName)]),
      ...inputs.workflowNames.filter((_, i) => !flows[i]).map((name) => LABELS.workflow(name)),
      ...inputs.triggers.filter((_, i) => !triggers[i]).map((trigger) => LABELS.trigger(trigger.name, trigger.topicName)),
    ];
    const refusal = incompleteSetupMessage(missing, inputs.createRefusal);
    if (refusal !== undefined) throw new Error(refusal);
    return (integration as { id: string }).id;
  }
}
