import * as pulumi from "@pulumi/pulumi";
import type { CheckFailure, CheckResult, CreateResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { Found, adoptedReplaceRefusal, adoptionOutcome, confirmAnnounced, createRefusedMessage } from "./adoption";
import { DiffRules, UNKNOWN, dropUndefined, requireText } from "./diff";
import * as actions from "./genesys/actions";
import type { LiveAction, RequestType } from "./genesys/actions";
import type { GenesysApi } from "./genesys/transport";
import { MAX_NAME_LENGTH } from "../domain/names";
import { sameSchema } from "./json-schema";
import { LABELS, NewObjectGate, WebhookProvider, knownKey } from "./webhook-provider";

export type { RequestType } from "./genesys/actions";

/**
 * A published Web Services data action. It has no free-text field for the `managedBy` marker, so
 * an existing action found by name counts as the stack's only where nobody but the stack puts
 * one: under an integration the stack made itself (`integrationAdopted: false`), where it is
 * what an earlier run of this create left (a killed `up`, docs/crash-recovery.md). Under an
 * adopted integration (which may hold anyone's actions) it is a namesake that needs adoption.
 */
export interface DataActionArgs {
  readonly name: pulumi.Input<string>;
  /** Must equal the integration's display name (Architect looks actions up by category). */
  readonly category: pulumi.Input<string>;
  readonly integrationId: pulumi.Input<string>;
  /** Whether that integration was adopted (its `adopted` output): decides whether a namesake under it is ours. */
  readonly integrationAdopted?: pulumi.Input<boolean>;
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
  /** Allow replacing an adopted action (a contract Genesys cannot change in place); default false. */
  readonly allowReplaceAdopted?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
  /**
   * Set by the program where no new object may be made (Cognigy.AI 4.100 up to 2025.11): why, and
   * the way forward. An object this stack holds, or one adopted by name, is managed as usual.
   */
  readonly createRefusal?: pulumi.Input<string>;
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
  version: number;
  adopted: boolean;
}

export const REQUEST_TYPES: readonly RequestType[] = ["POST", "PUT", "GET", "PATCH", "DELETE"];

// Literal `${…}` text: Genesys's Velocity templates, not JavaScript template literals.
export const DEFAULT_REQUEST_TEMPLATE = "$" + "{input.rawRequest}";
export const DEFAULT_SUCCESS_TEMPLATE = "$" + "{rawResult}";

export const RULES: DiffRules = {
  fields: [
    "name", "category", "integrationId", "inputSchema", "outputSchema", "requestUrlTemplate", "requestType",
    "requestTemplate", "headers", "successTemplate", "timeoutSeconds", "secure", "adopt", "managedBy",
  ],
  // Genesys cannot patch the contract, `secure` or the integration (the SDK's UpdateActionInput has
  // none of them; Genesys's Terraform provider marks them ForceNew: "dropped and recreated with a
  // new ID").
  replaceOn: ["integrationId", "inputSchema", "outputSchema", "secure"],
  // Create first: the published workflows keep calling the old action (by id) until both are
  // republished to the new one, and only then does the engine delete the old one. `create` sets
  // the old one aside under another name first, so the new one is made under the configured name.
  deleteBeforeReplace: false,
  // A hand-made or refreshed contract that means the same (key order, annotations, implied
  // additionalProperties) is not a change: a replace would give the action a new id.
  same: { inputSchema: sameSchema, outputSchema: sameSchema },
};

/** Pure: defaults applied, failures named by field. */
export function checkDataAction(news: Record<string, unknown>): CheckResult {
  const inputs: Record<string, unknown> = {
    requestType: "POST",
    requestTemplate: DEFAULT_REQUEST_TEMPLATE,
    successTemplate: DEFAULT_SUCCESS_TEMPLATE,
    headers: {},
    secure: false,
    adopt: false,
    ...dropUndefined(news),
  };
  const failures: CheckFailure[] = [];
  for (const field of ["name", "category", "integrationId", "requestUrlTemplate", "managedBy"]) requireText(inputs, field, failures);
  for (const field of ["inputSchema", "outputSchema"]) {
    const schema = inputs[field];
    if (schema !== UNKNOWN && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
      failures.push({ property: field, reason: `${field} must be a JSON schema object (got ${JSON.stringify(schema)})` });
    }
  }
  const type = inputs.requestType;
  if (type !== UNKNOWN && !REQUEST_TYPES.includes(type as RequestType)) {
    failures.push({ property: "requestType", reason: `requestType must be one of ${REQUEST_TYPES.join(", ")} (got ${JSON.stringify(type)})` });
  }
  const timeout = inputs.timeoutSeconds;
  if (timeout !== undefined && timeout !== UNKNOWN && !(typeof timeout === "number" && Number.isInteger(timeout) && timeout > 0)) {
    failures.push({ property: "timeoutSeconds", reason: `timeoutSeconds must be a positive integer (got ${JSON.stringify(timeout)})` });
  }
  return { inputs, failures };
}

/** Pure: the POST /api/v2/integrations/actions body (created and published in one call). */
export function actionBody(inputs: DataActionInputs): Record<string, unknown> {
  return {
    name: inputs.name,
    category: inputs.category,
    integrationId: inputs.integrationId,
    secure: inputs.secure,
    contract: { input: { inputSchema: inputs.inputSchema }, output: { successSchema: inputs.outputSchema } },
    config: actionConfig(inputs),
  };
}

/** Pure: the `config` part, the only part a PATCH can change besides name and category. */
export function actionConfig(inputs: DataActionInputs): Record<string, unknown> {
  return {
    request: {
      requestUrlTemplate: inputs.requestUrlTemplate,
      requestType: inputs.requestType,
      requestTemplate: inputs.requestTemplate,
      headers: inputs.headers,
    },
    response: { translationMap: {}, translationMapDefaults: {}, successTemplate: inputs.successTemplate },
    ...(inputs.timeoutSeconds !== undefined ? { timeoutSeconds: inputs.timeoutSeconds } : {}),
  };
}

/** Inputs after `check` (defaults applied). */
export type DataActionInputs = Omit<DataActionOutputs, "version" | "adopted"> & NewObjectGate & { integrationAdopted?: boolean };

export class DataActionProvider extends WebhookProvider {
  constructor() {
    super({ check: checkDataAction, rules: RULES, label: (inputs) => LABELS.dataAction(inputs.category, inputs.name) });
  }


  protected async lookup(inputs: DataActionInputs): Promise<Found | undefined> {
    if (!knownKey(inputs.name, inputs.category)) return undefined;
    // Unknown in preview while the integration is still to be made or taken over.
    const integrationId = knownKey(inputs.integrationId) ? inputs.integrationId : undefined;
    const found = await findDataAction(this.genesys(), inputs.name, inputs.category, integrationId);
    if (found === undefined) return undefined;
    return { id: found.id, ours: isOurs(found, inputs), replaceBecause: immutablesDifference(found, inputs) };
  }

  async create(inputs: DataActionInputs): Promise<CreateResult> {
    const api = this.genesys();
    const found = await findDataAction(api, inputs.name, inputs.category, inputs.integrationId);
    let setAside: string | undefined;
    const existing = found && { id: found.id, ours: isOurs(found, inputs) };
    const { kind, name } = this.kind.label(inputs);
    const outcome = adoptionOutcome(kind, name, existing, inputs.adopt, inputs.createRefusal);
    confirmAnnounced(kind, name, outcome, inputs.adoption);
    if (outcome.action === "take-over" && found) {
      const outs = { ...inputs, adopted: outcome.adopted } as DataActionOutputs;
      const difference = immutablesDifference(found, inputs);
      if (difference === undefined) return { id: found.id, outs: await this.patch(found.id, outs) };
      if (inputs.createRefusal) {
        const change = "taking it over with the stack's contract (its contract, secure flag or integration differ, which Genesys cannot change in place)";
        throw new Error(createRefusedMessage(kind, name, inputs.createRefusal, { why: "replace", change }));
      }
      if (outcome.adopted && inputs.allowReplaceAdopted !== true) throw new Error(adoptedReplaceRefusal(kind, name, found.id, `adopting it (${difference})`));
      // Contract, `secure` or integration differ and cannot be patched. An adopted action (the
      // user consented above) is replaced by one with the desired contract. Ours is the action
      // this replace supersedes: it is renamed out of the way, since the flow jobs bind the
      // workflows by name and Genesys may refuse a second action of one name in a category
      // (unverified); the workflows call it by id until they are republished, and the engine
      // deletes it after that.
      if (outcome.adopted) await actions.remove(api, found.id, " to recreate it");
      else setAside = await this.rename(found.id, setAsideName(inputs.name, found.id));
    }
    // Right after the integration was created, Genesys may not see it yet (a 400 naming it, or a
    // 400 or 404 while the integration does not read yet: genesys/actions.ts).
    // A retry first looks for the action a lost answer may have made: ours by its integration.
    const created = await actions
      .create(api, actionBody(inputs), inputs.integrationId, {
        recover: async () => {
          const made = await findDataAction(api, inputs.name, inputs.category, inputs.integrationId);
          return made?.integrationId === inputs.integrationId ? made : undefined;
        },
      })
      .catch(async (err) => {
        // The old action keeps its name when the new one could not be made (a crash here leaves
        // the other name, which refresh shows and the next `up` puts back).
        if (setAside) await this.rename(setAside, inputs.name).catch(() => undefined);
        throw err;
      });
    const adopted = outcome.action === "take-over" ? outcome.adopted : false;
    return { id: created.id, outs: { ...inputs, version: created.version ?? 1, adopted } };
  }

  async read(id: string, props: DataActionOutputs): Promise<ReadResult> {
    const api = this.genesys();
    const live = await actions.readOrGoneFull(api, id);
    if (live === undefined) return {};
    const requestTemplate = await actions.readTemplate(api, id, "requesttemplate.vm");
    const successTemplate = await actions.readTemplate(api, id, "successtemplate.vm");
    const outs: DataActionOutputs = {
      ...props,
      name: live.name ?? "",
      category: live.category ?? "",
      integrationId: live.integrationId ?? "",
      secure: live.secure ?? false,
      version: live.version ?? props.version,
      inputSchema: live.contract?.input?.inputSchema ?? {},
      outputSchema: live.contract?.output?.successSchema ?? {},
      requestUrlTemplate: live.config?.request?.requestUrlTemplate ?? "",
      requestType: live.config?.request?.requestType ?? props.requestType,
      headers: live.config?.request?.headers ?? {},
      timeoutSeconds: live.config?.timeoutSeconds ?? props.timeoutSeconds,
      requestTemplate,
      successTemplate,
    };
    const inputs = Object.fromEntries(RULES.fields.map((f) => [f, (outs as unknown as Record<string, unknown>)[f]]));
    // The host turns props into a protobuf Struct, which rejects undefined members.
    return { id, props: dropUndefined({ ...outs }), inputs: dropUndefined(inputs) };
  }

  async update(id: string, olds: DataActionOutputs, news: DataActionInputs): Promise<UpdateResult> {
    return { outs: await this.patch(id, { ...news, adopted: olds.adopted } as DataActionOutputs) };
  }

  async delete(id: string, _props?: unknown): Promise<void> {
    await actions.remove(this.genesys(), id);
  }

  /** PATCH the name alone (config is optional in Genesys's UpdateActionInput); returns the id. */
  private async rename(id: string, name: string): Promise<string> {
    const api = this.genesys();
    await api.withFreshVersion(`Rename data action ${id}`, async () => {
      const live = await actions.readVersion(api, id);
      return actions.patch(api, id, { name, version: live.version });
    });
    return id;
  }

  /** PATCH name, category and config with the current version (re-read on a stale one). */
  private async patch(id: string, desired: DataActionOutputs): Promise<DataActionOutputs> {
    const api = this.genesys();
    const patched = await api.withFreshVersion(`Update data action ${id}`, async () => {
      const live = await actions.readVersion(api, id);
      return actions.patch(api, id, { name: desired.name, category: desired.category, config: actionConfig(desired), version: live.version });
    });
    return { ...desired, version: patched.version ?? desired.version };
  }
}

/**
 * The action with this name in this category or, failing that, under this integration: a
 * hand-made action filed under another category is still the one to take over (its category is
 * then corrected), not a reason to create a second one.
 */
export async function findDataAction(api: GenesysApi, name: string, category: string, integrationId?: string): Promise<LiveAction | undefined> {
  const named = (await actions.listNamed(api, name)).filter((action) => action.name === name);
  const match =
    named.find((action) => action.category === category) ??
    (integrationId === undefined ? undefined : named.find((action) => action.integrationId === integrationId));
  if (match === undefined) return undefined;
  // Listed, so it exists: a 404 means a fresh action not visible to single reads yet (a create
  // whose answer was lost is found moments after it was made).
  return actions.read(api, match.id);
}

/**
 * Pure: the name a superseded action carries until the engine deletes it; its id keeps it
 * unique, and the configured name is shortened so the whole stays within Genesys's name length.
 */
export function setAsideName(name: string, id: string): string {
  const suffix = ` (replaced ${id})`;
  return name.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/** Pure: a found action is the stack's when it lives under the integration the stack made itself (see DataActionArgs). */
function isOurs(found: LiveAction, desired: DataActionInputs): boolean {
  return found.integrationId === desired.integrationId && desired.integrationAdopted === false;
}

/** Pure: which of the found action's contract, `secure` and integration differ from the desired ones (Genesys cannot change them in place); undefined when none. */
export function immutablesDifference(found: LiveAction, desired: DataActionInputs): string | undefined {
  const differ: string[] = [];
  if (knownKey(desired.integrationId) && found.integrationId !== desired.integrationId) differ.push(`it is under integration ${found.integrationId}`);
  if ((found.secure ?? false) !== desired.secure) differ.push("its secure flag differs");
  if (knownKey(desired.inputSchema) && !sameSchema(found.contract?.input?.inputSchema, desired.inputSchema)) differ.push("its input contract differs");
  if (knownKey(desired.outputSchema) && !sameSchema(found.contract?.output?.successSchema, desired.outputSchema)) differ.push("its output contract differs");
  return differ.length === 0 ? undefined : `${differ.join(", ")}, which Genesys cannot change in place`;
}
