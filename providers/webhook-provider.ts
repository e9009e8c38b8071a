// The four webhook kinds (integration, data action, workflow, trigger) refuse to make a new
// object where the program says none may be made (input `createRefusal`, Cognigy.AI 4.100 up to
// 2025.11). Only here is it known which objects are new: `check` sees whether the stack's state
// holds the object (and runs in preview), `diff` whether a change replaces it, and `create`
// (through adoptionOutcome) whether the lookup found one to take over.
//
// Adoption is decided in `check`, not first in `create`: `check` runs in preview as in up, so
// with adoption on and no earlier state it looks the object up (reads only) and announces what
// `up` will do in the `adoption` input ("take over <id> in place" / "replace <id>: why"), which
// `pulumi preview --diff` shows; `create` then does only what was announced. Replacing an object
// the stack did not make (adopting it, or later by a diff) is refused unless allowReplaceAdopted.
import type { CheckFailure, CheckResult, DiffResult } from "@pulumi/pulumi/provider";
import { Found, adoptedReplaceRefusal, adoptionDecision, createRefusedMessage } from "./adoption";
import { DiffRules, changedFields, containsUnknown } from "./diff";
import { GenesysProvider, type KindRules } from "./provider-base";

/** How messages name an object: its kind and its natural key as the user knows it. */
export interface ObjectLabel {
  readonly kind: string;
  readonly name: string;
}

/** How each kind's messages name its objects (the providers and the setup lookup say it alike). */
export const LABELS = {
  integration: (name: unknown): ObjectLabel => ({ kind: "Integration", name: String(name) }),
  dataAction: (category: unknown, name: unknown): ObjectLabel => ({ kind: "Data action", name: `${category} / ${name}` }),
  workflow: (name: unknown): ObjectLabel => ({ kind: "Workflow", name: String(name) }),
  trigger: (name: unknown, topicName: unknown): ObjectLabel => ({ kind: "Trigger", name: `${name}" on topic "${topicName}` }),
};

/** Pure: the `check` failure for an object the state does not hold, when no new one may be made. */
export function notInStackFailure(
  label: ObjectLabel,
  olds: Record<string, unknown>,
  inputs: Record<string, unknown>,
): CheckFailure | undefined {
  const refusal = inputs.createRefusal;
  // Earlier state means the engine updates the object; adopting, the lookup in `check` decides.
  if (typeof refusal !== "string" || Object.keys(olds).length > 0 || inputs.adopt === true) return undefined;
  // No property: the engine prints "resource '<name>' has a problem: <reason>".
  return { property: "", reason: createRefusedMessage(label.kind, label.name, refusal, { why: "not-in-stack" }) };
}

/**
 * Pure: the inputs to keep, without a refusal that cannot apply. An object the state holds is
 * created again only by a replace (a change of a `replaceOn` field); otherwise the refusal is
 * left out of the stored inputs, which `read` cannot repeat: with it, every `pulumi refresh`
 * on these releases would report each object as changed.
 */
export function withoutIdleRefusal(olds: Record<string, unknown>, inputs: Record<string, unknown>, rules: DiffRules): Record<string, unknown> {
  if (inputs.createRefusal === undefined || Object.keys(olds).length === 0) return inputs;
  if (changedFields(olds, inputs, { ...rules, fields: rules.replaceOn }).length > 0) return inputs;
  const { createRefusal: _, ...kept } = inputs;
  return kept;
}

/** Pure: the refusal of a diff that replaces the object, when no new one may be made. */
export function replaceRefusal(label: ObjectLabel, news: Record<string, unknown>, replaces: readonly string[]): string | undefined {
  const refusal = news.createRefusal;
  if (typeof refusal !== "string" || replaces.length === 0) return undefined;
  return createRefusedMessage(label.kind, label.name, refusal, { why: "replace", change: `changing ${replaces.join(", ")}` });
}

/** A webhook kind's rules, and how its messages name the object (checked) inputs describe. */
export interface WebhookKindRules extends KindRules {
  readonly label: (inputs: Record<string, unknown>) => ObjectLabel;
}

/** Pure: the refusal of a diff that replaces an object this stack adopted, unless allowed. */
export function adoptedReplaceDiffRefusal(label: ObjectLabel, id: string, olds: Record<string, unknown>, news: Record<string, unknown>, replaces: readonly string[]): string | undefined {
  if (olds.adopted !== true || replaces.length === 0 || news.allowReplaceAdopted === true) return undefined;
  return adoptedReplaceRefusal(label.kind, label.name, id, `changing ${replaces.join(", ")}`);
}

export abstract class WebhookProvider extends GenesysProvider<WebhookKindRules> {
  /**
   * Read-only: the object of this natural key in Genesys, whether it is ours, and whether it could
   * be kept in place; undefined when there is none, or when a part of the key is not known yet (preview).
   */
  protected abstract lookup(inputs: Record<string, unknown>): Promise<Found | undefined>;

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult> {
    const result = await super.check(olds, news);
    const inputs = result.inputs ?? news;
    const label = this.kind.label(inputs);
    const failure = notInStackFailure(label, olds, inputs);
    if (failure) return { inputs, failures: [...(result.failures ?? []), failure] };
    const { adoption, ...kept } = withoutIdleRefusal(olds, inputs, this.kind.rules);
    if (Object.keys(olds).length > 0 || kept.adopt !== true || (result.failures ?? []).length > 0) return { ...result, inputs: kept };
    const found = await this.lookup(kept);
    if (found?.replaceBecause !== undefined && !found.ours && typeof kept.createRefusal === "string") {
      const change = `taking it over with the stack's settings (${found.replaceBecause})`;
      return { inputs: kept, failures: [{ property: "", reason: createRefusedMessage(label.kind, label.name, kept.createRefusal, { why: "replace", change }) }] };
    }
    const decision = adoptionDecision(label.kind, label.name, found, kept.allowReplaceAdopted === true);
    if (decision.refusal) return { inputs: kept, failures: [{ property: "", reason: decision.refusal }] };
    return { ...result, inputs: decision.adoption === undefined ? kept : { ...kept, adoption: decision.adoption } };
  }

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<DiffResult> {
    const result = await super.diff(id, olds, news);
    const label = this.kind.label(news);
    // Thrown, not deferred to the replace: a delete-before-replace would remove the old object first.
    // The adopted object is named as the admin knows it: by its present (old) name.
    const refusal = replaceRefusal(label, news, result.replaces ?? []) ?? adoptedReplaceDiffRefusal(this.kind.label(olds), id, olds, news, result.replaces ?? []);
    if (refusal) throw new Error(refusal);
    return result;
  }
}

/** Whether every value of a natural key is known (in preview, one may come from an object not made yet). */
export function knownKey(...values: unknown[]): boolean {
  return !containsUnknown(values);
}

// A type alias, not an interface: the inputs types stay assignable to Record<string, unknown>.
/** The input every webhook kind takes: set when no new object may be made, with why and what to do. */
export type NewObjectGate = {
  readonly createRefusal?: string;
  /** What `check` announced it will do with the object of the same natural key (adoption only). */
  readonly adoption?: string;
  /** Replacing an object this stack did not make is allowed (`cognigy:allowReplaceAdopted`). */
  readonly allowReplaceAdopted?: boolean;
};
