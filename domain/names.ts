import { EVENT_KEYS } from "./events";
import { withMarker } from "./marker";

/**
 * Checks of single values shared by the stack's config validation and the component's
 * arguments. Each returns the problem and its fix (undefined when fine); the caller prefixes
 * the config key or argument it checked.
 */

export const MAX_NAME_LENGTH = 256;
export const MAX_TRIGGER_DESCRIPTION_LENGTH = 512;

// Genesys's rule for these names is their length alone: its Terraform provider (the reference
// implementation of CX as Code) checks data action names and categories with
// `validation.StringLenBetween(1, 256)` (genesyscloud_integration_action) and nothing else, and
// Archy's YAML takes any text as a quoted scalar: domain/workflow-yaml.ts writes every name as a
// double-quoted node, so "Sales & Service", `a: b`, `#1` or quotes survive the render.
// Refused on our side, each for a reason of this tool's:
// - `{{…}}`: the flow job's pre-processor reads it as a substitution key and fails the job
//   (the workflow, its division, and the action and integration named in it are in the YAML);
// - line breaks and other control characters, and surrounding whitespace: whether Genesys keeps
//   them is not documented, and a name it stored differently would never be found again by its
//   exact name (lookups, adoption, verify).
const SUBSTITUTION_KEY = /\{\{.*?\}\}/;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function objectNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "is empty; give a name of 1 to 256 characters";
  if (/[\r\n]/.test(name)) return "contains a line break; a name must be a single line";
  if (CONTROL_CHARACTER.test(name)) return "contains a control character (such as a tab); remove it";
  if (name.length > MAX_NAME_LENGTH) {
    return `is ${name.length} characters long; shorten it to at most ${MAX_NAME_LENGTH}`;
  }
  const key = SUBSTITUTION_KEY.exec(name);
  if (key) {
    return `contains ${JSON.stringify(key[0])}, which Genesys's flow job reads as a substitution key and fails on; write it without the double braces`;
  }
  if (name !== name.trim()) {
    return "starts or ends with whitespace; trim it (Genesys matches names exactly)";
  }
  return undefined;
}

/**
 * Genesys's limit holds for the description as written, with the management marker appended:
 * where the marker is known (the component, the provider) it is counted too; stack config
 * validation, which runs before the stack's name is at hand, checks the user's part alone.
 */
export function triggerDescriptionProblem(description: string, marker?: string): string | undefined {
  if (marker !== undefined) {
    const length = withMarker(description, marker).length;
    if (length > MAX_TRIGGER_DESCRIPTION_LENGTH) {
      return `plus the management marker is ${length} characters; Genesys allows ${MAX_TRIGGER_DESCRIPTION_LENGTH}. Shorten it by ${length - MAX_TRIGGER_DESCRIPTION_LENGTH}.`;
    }
  }
  if (description.length > MAX_TRIGGER_DESCRIPTION_LENGTH) {
    return `is ${description.length} characters long; Genesys accepts at most ${MAX_TRIGGER_DESCRIPTION_LENGTH}: shorten it`;
  }
  return undefined;
}

/** The event selection: a non-empty list of distinct keys of the event table. */
export function eventListProblem(events: readonly string[]): string | undefined {
  const known = EVENT_KEYS.map((key) => JSON.stringify(key)).join(", ");
  if (events.length === 0) return `is empty; select at least one of ${known}`;
  const unknown = events.filter((key) => !(EVENT_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) return `names unknown event ${unknown.map((key) => JSON.stringify(key)).join(", ")}; use ${known}`;
  if (new Set(events).size !== events.length) return "lists an event twice; list each once";
  return undefined;
}
