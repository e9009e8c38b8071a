// The steps every Genesys integration type goes through, whatever its type: found by (type, exact
// name), created (Genesys ignores the name in the create body), named and configured through the
// versioned `config/current` PUT, then enabled; read back; deleted. The Web Services and the
// Amazon EventBridge providers differ only in the type id and the config properties they own.
import { Existing, PartialCreateError, adoptionOutcome, confirmAnnounced } from "./adoption";
import { hasMarker, withoutMarker } from "../domain/marker";
import { sameJson } from "./diff";
import * as integrations from "./genesys/integrations";
import type { IntegrationConfig, IntegrationState, ListedIntegration } from "./genesys/integrations";
import type { GenesysApi } from "./genesys/transport";
import { pollDelayMs } from "./genesys/polling";
import { sleep } from "./genesys/retry-policy";

/** What an integration must look like after {@link applyIntegration}. */
export interface DesiredIntegration {
  readonly typeId: string;
  readonly name: string;
  /**
   * The notes as written, management marker included; or, from the live notes, what to write:
   * the admin's own text is kept beside the marker when the stack has no text of its own.
   */
  readonly notes: string | ((live: string | undefined) => string);
  readonly enabled: boolean;
  /** The config properties this provider owns, merged over the live ones; none: left as they are. */
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Whether a live property already says what the desired one says; default JSON equality. */
  readonly sameProperty?: (key: string, live: unknown, desired: unknown) => boolean;
}

/** An integration as read from Genesys. */
export interface CurrentIntegration {
  readonly name: string;
  /** Raw notes (marker included, or Genesys's empty-text literal). */
  readonly notes: string | undefined;
  readonly enabled: boolean;
  readonly properties: Record<string, unknown>;
}

/**
 * Pure: an integration as `POST /api/v2/integrations` leaves it, before anyone saved its
 * configuration: no notes, disabled, its config (`configVersion`) still at version 1.
 */
export function isUnconfigured(entity: ListedIntegration, configVersion: number | undefined): boolean {
  return withoutMarker(entity.notes, "") === "" && entity.intendedState === "DISABLED" && configVersion === 1;
}

/** Its config version: from the listing when it carries it (asked with expand), else read. */
async function configVersionOf(api: GenesysApi, entity: ListedIntegration): Promise<number | undefined> {
  return entity.config?.current?.version ?? (await integrations.readConfig(api, entity.id)).version;
}

/** The listed integration of exactly `name`, and whether it carries `marker`. */
async function existingIn(api: GenesysApi, listing: readonly ListedIntegration[], name: string, marker: string): Promise<Existing | undefined> {
  const match = listing.find((entity) => entity.name === name);
  if (!match) return undefined;
  const config = await integrations.readConfig(api, match.id);
  return { id: match.id, ours: hasMarker(config.notes, marker) };
}

/** Looks an integration up by its natural key (type + exact name); `ours` when it carries `marker`. */
export async function findIntegration(api: GenesysApi, typeId: string, name: string, marker: string): Promise<Existing | undefined> {
  return existingIn(api, await integrations.list(api, typeId), name, marker);
}

export interface Ownership {
  readonly adopt: boolean;
  readonly managedBy: string;
  /** Refuse to create (see adoptionOutcome); unset: creating is allowed. */
  readonly createRefusal?: string;
  /** What `check` announced (providers/webhook-provider.ts); given: a takeover must be the announced one. */
  readonly announced?: { readonly adoption?: string };
}

/**
 * `create` of an integration: continues with the one of the same type and name when it is ours or
 * adoption is asked for, else creates one; then applies `desired`. A made integration whose
 * configuration fails is reported with its id and `recorded` (the outputs to keep in state).
 * `kind` names the object in messages, e.g. "Integration".
 */
export async function createIntegration(
  api: GenesysApi,
  kind: string,
  desired: DesiredIntegration,
  owner: Ownership,
  recorded: Record<string, unknown>,
): Promise<{ id: string; adopted: boolean }> {
  const listing = await integrations.list(api, desired.typeId);
  const existing = await existingIn(api, listing, desired.name, owner.managedBy);
  const outcome = adoptionOutcome(kind, desired.name, existing, owner.adopt, owner.createRefusal);
  if (owner.announced) confirmAnnounced(kind, desired.name, outcome, owner.announced.adoption);
  if (outcome.action === "take-over") {
    await applyIntegration(api, outcome.id, desired);
    return { id: outcome.id, adopted: outcome.adopted };
  }
  // Genesys creates it under its default name, so a lost answer leaves nothing to find by ours:
  // the one unconfigured integration that was not there before the create is the one it made.
  const before = listing.map((entity) => entity.id);
  const created = await integrations.create(api, desired.typeId, desired.name, {
    recover: async () => {
      const fresh = (await integrations.list(api, desired.typeId)).filter((entity) => !before.includes(entity.id));
      const versions = await Promise.all(fresh.map((entity) => configVersionOf(api, entity)));
      const unconfigured = fresh.filter((entity, i) => isUnconfigured(entity, versions[i]));
      return unconfigured.length === 1 ? unconfigured[0] : undefined;
    },
  });
  const partial = (err: unknown, step = "naming/enabling it") =>
    new PartialCreateError(
      `${kind} "${desired.name}" was created (id ${created.id}) but ${step} failed: ${(err as Error).message}`,
      created.id,
      { ...recorded, adopted: false },
    );
  try {
    await nameIntegration(api, created.id, desired);
  } catch (err) {
    throw partial(err);
  }
  // Another run against this org (another stack, or this one without the backend's lock) may
  // have made one of the same name meanwhile: keep neither twice, and never touch theirs. Both
  // runs look after naming theirs, so at least one sees the other; enabling does not change the
  // name, so the look runs beside it, off the critical path.
  const [namesakes, enabled] = await Promise.allSettled([
    integrations.list(api, desired.typeId).then((listing) => listing.filter((entity) => entity.name === desired.name && entity.id !== created.id)),
    enableIntegration(api, created.id, desired, created.intendedState),
  ]);
  if (namesakes.status === "fulfilled" && namesakes.value.length > 0) {
    // Made a moment ago: a 404 here is "not visible yet", and would leave the duplicate behind.
    await integrations.remove(api, created.id, true);
    throw new Error(concurrentCreateMessage(kind, desired.name, created.id, namesakes.value.map((entity) => entity.id)));
  }
  if (enabled.status === "rejected") throw partial(enabled.reason);
  if (namesakes.status === "rejected") throw partial(namesakes.reason, "looking for one another run made meanwhile");
  return { id: created.id, adopted: false };
}

/** Pure: what a create that found a namesake made meanwhile tells the user. */
export function concurrentCreateMessage(kind: string, name: string, ownId: string, others: readonly string[]): string {
  return (
    `${kind} "${name}" was created by another run against this Genesys org at the same time (id ${others.join(", ")}), ` +
    `while this run created its own (id ${ownId}), which it deleted again. Two stacks (or two runs of one stack) are deploying ` +
    "to this org at once: let the other finish, then run again (and give each stack its own object names if both are meant to exist)."
  );
}

/** Pure: whether the live config already has the desired name, notes and owned properties. */
export function configMatches(live: IntegrationConfig, desired: DesiredIntegration): boolean {
  if (live.name !== desired.name || live.notes !== notesFor(live, desired)) return false;
  const same = desired.sameProperty ?? ((_key: string, a: unknown, b: unknown) => sameJson(a, b));
  return Object.entries(desired.properties ?? {}).every(([key, value]) => same(key, live.properties?.[key], value));
}

/** Pure: the notes to write over the live config. */
export function notesFor(live: IntegrationConfig, desired: DesiredIntegration): string {
  return typeof desired.notes === "string" ? desired.notes : desired.notes(live.notes);
}

/**
 * Name, notes and owned properties through the versioned config, then the intended state.
 * Tolerates a fresh id. `knownState`: the intended state a create answer just reported, which
 * saves reading it.
 */
export async function applyIntegration(api: GenesysApi, id: string, desired: DesiredIntegration, knownState?: string): Promise<void> {
  await nameIntegration(api, id, desired);
  await enableIntegration(api, id, desired, knownState);
}

/** Name, notes and owned properties through the versioned config (re-read on a stale version; no write when nothing differs). */
async function nameIntegration(api: GenesysApi, id: string, desired: DesiredIntegration): Promise<void> {
  await api.withFreshVersion(`Name integration ${id}`, async () => {
    const config = await integrations.readConfig(api, id);
    if (configMatches(config, desired)) return;
    // The PUT replaces the whole config: send the live one back with our parts changed.
    const body: IntegrationConfig = { ...config, name: desired.name, notes: notesFor(config, desired), version: config.version };
    if (desired.properties) body.properties = { ...config.properties, ...desired.properties };
    await integrations.putConfig(api, id, body);
  });
}

/** The intended state, and when enabled, the activation's outcome. */
async function enableIntegration(api: GenesysApi, id: string, desired: DesiredIntegration, knownState?: string): Promise<void> {
  const intendedState = desired.enabled ? "ENABLED" : "DISABLED";
  let current: IntegrationState =
    knownState !== undefined
      ? { intendedState: knownState }
      : await integrations.readState(api, id);
  if (desired.enabled && current.intendedState === "ENABLED" && current.reportedState?.code === "ERROR") {
    // An activation that failed (say, before the AWS account was fixed) is only retried by a new
    // one: off, then on again.
    current = await integrations.setState(api, id, "DISABLED");
  }
  let roundTripMs = 0;
  if (current.intendedState !== intendedState) {
    const sent = Date.now();
    current = await integrations.setState(api, id, intendedState);
    roundTripMs = Date.now() - sent;
  }
  if (desired.enabled) await awaitActivation(api, id, desired.name, current, roundTripMs);
}

/**
 * Pure: where an activation stands. Genesys applies `intendedState` asynchronously:
 * `reportedState.code` moves on from ACTIVATING to ACTIVE, or to ERROR with a `detail` (codes:
 * IntegrationStatusInfo in Genesys's SDKs). No code at all cannot be waited for: taken as done.
 */
export function activationOutcome(state: IntegrationState): { done: true } | { done: false } | { error: string } {
  const code = state.reportedState?.code;
  if (code === undefined || code === "ACTIVE") return { done: true };
  if (code === "ERROR") {
    const detail = state.reportedState?.detail;
    return { error: detail?.messageWithParams || detail?.message || "Genesys reported ERROR without a detail" };
  }
  return { done: false };
}

/**
 * Polls (adaptively, as flow jobs) until the activation ends; an ERROR fails with Genesys's detail.
 * `roundTripMs`: how long the request that answered `first` took (the first round trip estimate).
 */
async function awaitActivation(api: GenesysApi, id: string, name: string, first: IntegrationState, roundTripMs: number): Promise<void> {
  const started = Date.now();
  let state = first;
  for (;;) {
    const outcome = activationOutcome(state);
    if ("error" in outcome) {
      throw new Error(
        `Integration "${name}" (id ${id}) was enabled but Genesys Cloud could not activate it: ${outcome.error}. ` +
          "Correct its configuration, then run again.",
      );
    }
    if (outcome.done) return;
    const elapsed = Date.now() - started;
    const bound = api.limits.activationTimeoutMs;
    if (elapsed >= bound) {
      throw new Error(
        `Integration "${name}" (id ${id}) still ${state.reportedState?.code} after ${Math.round(elapsed / 1000)} s ` +
          `(bound genesyscloud:activationTimeoutMs = ${bound}). Check it in Admin > Integrations, then run again.`,
      );
    }
    await sleep(Math.min(pollDelayMs(elapsed, roundTripMs, 0), bound - elapsed));
    const sent = Date.now();
    // Fresh ids may still read 404 for a moment (read-after-create).
    state = await integrations.readState(api, id);
    roundTripMs = Date.now() - sent;
  }
}

/** The integration and its current config; undefined when it is gone. */
export async function readIntegration(api: GenesysApi, id: string): Promise<CurrentIntegration | undefined> {
  const integration = await integrations.readStateOrGone(api, id);
  if (integration === undefined) return undefined;
  const config = await integrations.readConfigOrGone(api, id);
  if (config === undefined) return undefined;
  return {
    name: config.name ?? "",
    notes: config.notes,
    enabled: integration.intendedState === "ENABLED",
    properties: config.properties ?? {},
  };
}
