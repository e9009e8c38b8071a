import * as pulumi from "@pulumi/pulumi";
import { withMarker, withoutMarker } from "../domain/marker";
import { DiffRules, dropUndefined, requireText } from "./diff";
import { foreignActionsRefusal } from "./foreign-objects";
import * as actions from "./genesys/actions";
import * as integrations from "./genesys/integrations";
import { DesiredIntegration, applyIntegration, createIntegration, readIntegration } from "./integration-setup";
import { LABELS, NewObjectGate, WebhookProvider } from "./webhook-provider";

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
  /**
   * Set by the program where no new object may be made (Cognigy.AI 4.100 up to 2025.11): why, and
   * the way forward. An object this stack holds, or one adopted by name, is managed as usual.
   */
  readonly createRefusal?: pulumi.Input<string>;
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

export const INTEGRATION_TYPE = "custom-rest-actions";

const RULES: DiffRules = {
  fields: ["name", "notes", "enabled", "adopt", "managedBy", "providerVersion"],
  replaceOn: [],
  deleteBeforeReplace: false,
};

/** Pure: defaults applied, failures named by field. */
export function checkIntegration(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const inputs = { notes: "", enabled: true, adopt: false, ...dropUndefined(news) };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  requireText(inputs, "name", failures);
  requireText(inputs, "managedBy", failures);
  return { inputs, failures };
}

/** Inputs after `check` (defaults applied). */
export type IntegrationInputs = Omit<IntegrationOutputs, "integrationType" | "adopted"> & NewObjectGate;

export class IntegrationProvider extends WebhookProvider implements pulumi.dynamic.ResourceProvider {
  constructor() {
    super({ check: checkIntegration, rules: RULES, label: (inputs) => LABELS.integration(inputs.name) });
  }


  async create(inputs: IntegrationInputs): Promise<pulumi.dynamic.CreateResult> {
    const recorded = { ...pickInputs(inputs), integrationType: INTEGRATION_TYPE };
    const made = await createIntegration(this.genesys(), this.kind.label(inputs).kind, desiredIntegration(inputs), inputs, recorded);
    return { id: made.id, outs: { ...recorded, adopted: made.adopted } };
  }

  async read(id: string, props: IntegrationOutputs): Promise<pulumi.dynamic.ReadResult> {
    const live = await readIntegration(this.genesys(), id);
    if (live === undefined) return {};
    const outs: IntegrationOutputs = {
      ...props,
      name: live.name,
      notes: withoutMarker(live.notes, props.managedBy),
      enabled: live.enabled,
      integrationType: INTEGRATION_TYPE,
    };
    return { id, props: outs, inputs: pickInputs(outs) };
  }

  async update(id: string, olds: IntegrationOutputs, news: IntegrationInputs): Promise<pulumi.dynamic.UpdateResult> {
    await applyIntegration(this.genesys(), id, desiredIntegration(news));
    return { outs: { ...pickInputs(news), integrationType: INTEGRATION_TYPE, adopted: olds.adopted } };
  }

  /**
   * Genesys deletes an integration's actions with it. The stack's own action is a dependent, so
   * the engine deletes it first; any action still under the integration is one the stack does
   * not hold (another team's, or one released with `pulumi state delete` or kept by
   * retainOnDelete), so the integration is kept and the step fails naming them.
   */
  async delete(id: string, props: IntegrationOutputs): Promise<void> {
    const api = this.genesys();
    const foreign = await actions.listUnder(api, id);
    if (foreign.length > 0) throw new Error(foreignActionsRefusal({ id, name: props.name }, foreign));
    await integrations.remove(api, id);
  }
}

/** Pure: the integration as Genesys must hold it; its config properties are left as they are. */
export function desiredIntegration(inputs: IntegrationInputs): DesiredIntegration {
  return { typeId: INTEGRATION_TYPE, name: inputs.name, notes: withMarker(inputs.notes, inputs.managedBy), enabled: inputs.enabled };
}

function pickInputs(values: IntegrationInputs): Record<string, unknown> {
  return Object.fromEntries(RULES.fields.map((field) => [field, (values as unknown as Record<string, unknown>)[field]]));
}
