// Who owns an object found by its natural key, and what `create` may do with it.
import { ADOPT_CONFIG_KEY, ALLOW_REPLACE_ADOPTED_CONFIG_KEY } from "../domain/config-keys";
import { ProviderError } from "./genesys/provider-error";


export interface Existing {
  id: string;
  /** Recognised as made by this stack (its marker, or found by the same create's lost-answer recovery). */
  ours: boolean;
}

/** What `check` found by the natural key when adopting: the object, and why it cannot be kept in place (if so). */
export interface Found extends Existing {
  /** Set when Genesys cannot change the object in place (e.g. a data action's contract): adopting replaces it. */
  replaceBecause?: string;
}

/**
 * Pure: the adoption `check` announces (the `adoption` input, which `pulumi preview --diff` shows
 * and `create` holds itself to), or the refusal of an adoption that would replace the object.
 * Nothing is announced for an object this stack made (it is continued, not adopted) or none found.
 */
export function adoptionDecision(kind: string, name: string, found: Found | undefined, allowReplace: boolean): { adoption?: string; refusal?: string } {
  if (found === undefined || found.ours) return {};
  if (found.replaceBecause === undefined) return { adoption: `take over ${found.id} in place` };
  if (allowReplace) return { adoption: `replace ${found.id}: ${found.replaceBecause}` };
  return { refusal: adoptedReplaceRefusal(kind, name, found.id, `adopting it (${found.replaceBecause})`) };
}

/** Pure: why an adopted object is not replaced: others may still use it by its id. */
export function adoptedReplaceRefusal(kind: string, name: string, id: string, change: string): string {
  return (
    `${kind} "${name}" (id ${id}) was not made by this stack, and ${change} would delete it and create a new one under a new id; ` +
    `anything else that uses id ${id} (other flows, other teams' setups) would break. To allow it, set ${ALLOW_REPLACE_ADOPTED_CONFIG_KEY}=true ` +
    `(\`pulumi config set ${ALLOW_REPLACE_ADOPTED_CONFIG_KEY} true\`) and run again; otherwise make the object match in Genesys Cloud, or undo the change.`
  );
}

/**
 * Pure: `create` does only what `check` announced. A takeover that `check` did not announce (the
 * object appeared, or another one answers to the name, between the two) stops before any write.
 */
export function confirmAnnounced(kind: string, name: string, outcome: Outcome, adoption: unknown): void {
  if (outcome.action !== "take-over" || !outcome.adopted) return;
  if (typeof adoption === "string" && adoption.includes(` ${outcome.id}`)) return;
  throw new Error(
    `${kind} "${name}": found id ${outcome.id} to take over, which the check before this step did not announce ` +
      `(${typeof adoption === "string" ? `it announced "${adoption}"` : "it found none"}): it changed in Genesys Cloud meanwhile. Run \`pulumi preview --diff\` again to see what would be taken over.`,
  );
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
 * instead of orphaning the object (the plugin's server, @pulumi/pulumi/provider, sends these fields to the engine).
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
