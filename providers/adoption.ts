// Who owns an object found by its natural key, and what `create` may do with it.
import { ADOPT_CONFIG_KEY } from "../domain/config-keys";
import { ProviderError } from "./genesys/provider-error";


export interface Existing {
  id: string;
  /** Recognised as made by this stack (marker, or living under our integration). */
  ours: boolean;
}

/** `create` outcome: make a new object, or continue with an existing one (`adopted` when not ours). */
export type Outcome = { action: "create" } | { action: "take-over"; id: string; adopted: boolean };

/**
 * `createRefusal`: set (by the program, from the Cognigy.AI release) when no new object may be
 * made; an object that is neither ours nor adoptable is then refused before any write.
 */
export function adoptionOutcome(kind: string, name: string, existing: Existing | undefined, adopt: boolean, createRefusal?: string): Outcome {
  if (existing === undefined) {
    if (createRefusal) throw new Error(createRefusedMessage(kind, name, createRefusal, { why: "not-found" }));
    return { action: "create" };
  }
  if (existing.ours || adopt) return { action: "take-over", id: existing.id, adopted: !existing.ours };
  throw new Error(
    `${kind} "${name}" already exists in Genesys Cloud (id ${existing.id}) and was not created by this stack. ` +
      `To take it over (it will then be updated, and deleted on destroy), set ${ADOPT_CONFIG_KEY}=true ` +
      `(\`pulumi config set ${ADOPT_CONFIG_KEY} true\`) and run again; otherwise rename or remove it in Genesys Cloud.`,
  );
}

/** Why an object would be a new one in Genesys Cloud: what a refusal says about it. */
export type NewObject =
  /** `check`: the stack's state has no such object and adoption is off. */
  | { why: "not-in-stack" }
  /** `create`: not in the state, and the lookup by natural key found nothing to take over. */
  | { why: "not-found" }
  /** `diff` (or an adoption that cannot patch): `change` would make a new object in place of the old. */
  | { why: "replace"; change: string };

/** Pure: the message for an object that would have to be newly made where `refusal` forbids it. */
export function createRefusedMessage(kind: string, name: string, refusal: string, object: NewObject): string {
  switch (object.why) {
    // No adoption hint: check cannot tell a hand-made object from one deleted by hand, and a
    // hint for the first case would send the second down a path that creates nothing either.
    case "not-in-stack":
      return `${kind} "${name}" is not in this stack's state, so this run would create it. ${refusal}`;
    case "not-found":
      return `${kind} "${name}" is not in this stack's state and was not found in Genesys Cloud by name, so it would have to be created. ${refusal}`;
    case "replace":
      return `${kind} "${name}": ${object.change} would replace it with a new object. ${refusal} To keep the webhook method until then, undo that change.`;
  }
}

/**
 * A create that made the object and then failed: the engine records `id` (and `properties`)
 * instead of orphaning the object (pulumi's dynamic provider host reads these fields).
 */
export class PartialCreateError extends ProviderError {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];
  constructor(message: string, id: string, properties: Record<string, unknown>) {
    super("PartialCreateError", message);
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}
