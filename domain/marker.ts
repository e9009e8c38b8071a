import packageJson = require("../package.json");

// Sent as User-Agent and Genesys-App so Genesys support can tell our calls apart, with the version
// that made them (package.json's, the provider plugin's version).
export const TOOL_NAME = "cognigy-genesys-handover";
export const USER_AGENT = `${TOOL_NAME}/${packageJson.version}`;

/**
 * The management marker every object of one stack carries (the `managedBy` input): a re-run
 * recognises its own half-made objects by it, and verify tells managed objects from hand-made ones.
 * `identity`: the stack's own id (providers/stack-identity.ts), without which two stacks of the same
 * project and stack name (two repos or backends on one org) would take each other's objects for
 * their own. Without it: the marker stacks wrote before they had one.
 */
export function stackMarker(project: string, stack: string, identity?: string): string {
  return identity === undefined ? `${TOOL_NAME} ${project}/${stack}` : `${TOOL_NAME} ${project}/${stack} ${identity}`;
}

/** The length of a stack identity (a UUID): the marker's length is known before the id is. */
export const IDENTITY_LENGTH = 36;

/**
 * Pure: whether two markers stand for the same stack, for an object already in its state: equal,
 * or `old` is the marker the stack wrote before it had an identity and `next` that marker with one.
 * (A namesake found by lookup is recognised only by the exact marker, never by this.)
 */
export function sameStackMarker(old: unknown, next: unknown): boolean {
  if (old === next) return true;
  if (typeof old !== "string" || typeof next !== "string" || !isMarkerWithoutIdentity(old)) return false;
  return next.startsWith(`${old} `) && /^\S+$/.test(next.slice(old.length + 1));
}

function isMarkerWithoutIdentity(marker: string): boolean {
  return new RegExp(`^${TOOL_NAME} \\S+/\\S+$`).test(marker);
}

/**
 * Pure: the identity in the marker `text` ends with, when that is a marker of the stack
 * `withoutIdentity` names: `""` for the marker from before identities, undefined for no marker of
 * this project and stack.
 */
export function stackMarkerIdentity(text: string | undefined, withoutIdentity: string): string | undefined {
  if (typeof text !== "string") return undefined;
  const last = text.trim().split("\n").pop() ?? "";
  if (last === withoutIdentity) return "";
  const rest = last.startsWith(`${withoutIdentity} `) ? last.slice(withoutIdentity.length + 1) : "";
  return /^\S+$/.test(rest) ? rest : undefined;
}

/**
 * Pure: whether `text` ends with a marker of the stack `withoutIdentity` names, as a read-only
 * check that does not read the state (verify) recognises it: with `identity`, that one or none
 * (the marker from before identities, which the stack keeps); without it, any identity or none.
 */
export function hasStackMarker(text: string | undefined, withoutIdentity: string, identity?: string): boolean {
  const found = stackMarkerIdentity(text, withoutIdentity);
  return found !== undefined && (identity === undefined || found === "" || found === identity);
}

/** Genesys returns empty free-text fields as this literal (its Terraform provider reads it as empty). */
const EMPTY_TEXT = "node_dynamodb_empty_string";

/** User text followed by the marker, separated by a blank line; the marker alone if no text. */
export function withMarker(text: string | undefined, marker: string): string {
  const user = (text ?? "").trim();
  return user === "" ? marker : `${user}\n\n${marker}`;
}

export function hasMarker(text: string | undefined, marker: string): boolean {
  if (typeof text !== "string") return false;
  const trimmed = text.trim();
  return trimmed === marker || trimmed.endsWith(`\n${marker}`);
}

/** The user's part of a text written by `withMarker` (or the whole text when it has no marker). */
export function withoutMarker(text: string | undefined, marker: string): string {
  if (text === undefined || text === EMPTY_TEXT) return "";
  const trimmed = text.trim();
  return hasMarker(trimmed, marker) ? trimmed.slice(0, trimmed.length - marker.length).trim() : trimmed;
}

/**
 * The user's part of a text as read back: absent when the stack gives none (`given` undefined)
 * and Genesys holds none either, so a refresh of an untouched object reports nothing.
 */
export function userText(live: string, given: string | undefined): string | undefined {
  return live === "" && given === undefined ? undefined : live;
}
