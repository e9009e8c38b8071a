import * as pulumi from "@pulumi/pulumi";
import type { CheckFailure, CheckResult, CreateResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { userText, withMarker, withoutMarker } from "../domain/marker";
import type { Found } from "./adoption";
import { DiffRules, dropUndefined, requireText, sameJson } from "./diff";
import { foreignActionsRefusal } from "./foreign-objects";
import * as actions from "./genesys/actions";
import * as integrations from "./genesys/integrations";
import { DesiredIntegration, applyIntegration, createIntegration, findIntegration, readIntegration } from "./integration-setup";
import { LABELS, NewObjectGate, WebhookProvider, knownKey } from "./webhook-provider";

/** A Web Services Data Actions integration (type `custom-rest-actions`). */
export interface IntegrationArgs {
  /** Display name; Architect finds data actions by it (the action's `category`). */
  readonly name: pulumi.Input<string>;
  /**
   * Free text; the provider appends the `managedBy` marker to it. Unset: the notes' text stays as
   * it is in Genesys (an adopted integration keeps its admin's notes), the marker appended.
   */
  readonly notes?: pulumi.Input<string>;
  /** Desired `intendedState`; default true. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Take over an existing integration of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  /** Replacing an adopted integration is allowed; default false (no change replaces an integration today). */
  readonly allowReplaceAdopted?: pulumi.Input<boolean>;
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
  /** The notes' text without the marker; absent until read when the stack gives none. */
  notes?: string;
  enabled: boolean;
  adopt: boolean;
  managedBy: string;
  integrationType: string;
  adopted: boolean;
}

export const INTEGRATION_TYPE = "custom-rest-actions";

export const RULES: DiffRules = {
  fields: ["name", "notes", "enabled", "adopt", "managedBy"],
  replaceOn: [],
  deleteBeforeReplace: false,
  // No notes of the stack's own: whatever text Genesys holds is the admin's, not drift.
  same: { notes: (old, next) => next === undefined || sameJson(old, next) },
};

/** Pure: defaults applied, failures named by field. */
export function checkIntegration(news: Record<string, unknown>): CheckResult {
  const inputs = { enabled: true, adopt: false, ...dropUndefined(news) };
  const failures: CheckFailure[] = [];
  requireText(inputs, "name", failures);
  requireText(inputs, "managedBy", failures);
  return { inputs, failures };
}

/** Inputs after `check` (defaults applied). */
export type IntegrationInputs = Omit<IntegrationOutputs, "integrationType" | "adopted"> & NewObjectGate;

export class IntegrationProvider extends WebhookProvider {
  constructor() {
    super({ check: checkIntegration, rules: RULES, label: (inputs) => LABELS.integration(inputs.name) });
  }


  protected async lookup(inputs: IntegrationInputs): Promise<Found | undefined> {
    if (!knownKey(inputs.name, inputs.managedBy)) return undefined;
    // Notes, name and state are all Genesys lets one change in place: an integration is never replaced.
    return findIntegration(this.genesys(), INTEGRATION_TYPE, inputs.name, inputs.managedBy);
  }

  async create(inputs: IntegrationInputs): Promise<CreateResult> {
    const recorded = { ...pickInputs(inputs), integrationType: INTEGRATION_TYPE };
    const owner = { ...inputs, announced: { adoption: inputs.adoption } };
    const made = await createIntegration(this.genesys(), this.kind.label(inputs).kind, desiredIntegration(inputs), owner, recorded);
    return { id: made.id, outs: { ...recorded, adopted: made.adopted } };
  }

  async read(id: string, props: IntegrationOutputs): Promise<ReadResult> {
    const live = await readIntegration(this.genesys(), id);
    if (live === undefined) return {};
    const outs: IntegrationOutputs = {
      ...props,
      name: live.name,
      notes: userText(withoutMarker(live.notes, props.managedBy), props.notes),
      enabled: live.enabled,
      integrationType: INTEGRATION_TYPE,
    };
    // The host turns props into a protobuf Struct, which rejects undefined members (notes, when unset).
    return { id, props: dropUndefined({ ...outs }), inputs: pickInputs(outs) };
  }

  async update(id: string, olds: IntegrationOutputs, news: IntegrationInputs): Promise<UpdateResult> {
    await applyIntegration(this.genesys(), id, desiredIntegration(news, olds.managedBy));
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

/**
 * Pure: the integration as Genesys must hold it; its config properties are left as they are.
 * Without notes of the stack's own, the live text (less the marker written before, `previousMarker`) is kept.
 */
export function desiredIntegration(inputs: IntegrationInputs, previousMarker = inputs.managedBy): DesiredIntegration {
  const notes = inputs.notes;
  return {
    typeId: INTEGRATION_TYPE,
    name: inputs.name,
    notes: notes !== undefined ? withMarker(notes, inputs.managedBy) : (live) => withMarker(withoutMarker(live, previousMarker), inputs.managedBy),
    enabled: inputs.enabled,
  };
}

function pickInputs(values: IntegrationInputs): Record<string, unknown> {
  return dropUndefined(Object.fromEntries(RULES.fields.map((field) => [field, (values as unknown as Record<string, unknown>)[field]])));
}
