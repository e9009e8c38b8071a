import { EVENT_KEYS } from "./events";
import { withMarker } from "./marker";

/**
 * Checks of single values shared by the stack's config validation and the component's
 * arguments. Each returns the problem and its fix (undefined when fine); the caller prefixes
 * the config key or argument it checked.
 */

export const MAX_NAME_LENGTH = 256;
export const MAX_TRIGGER_DESCRIPTION_LENGTH = 512;

// Names become mapping keys and values in the workflow YAML and are how Architect finds the
// data action (category = integration name, then action name); the flow job's pre-processor
// and Architect's expression language give meaning to quotes, `#`, `{`, `$` and `:`.
// The YAML emitter quotes everything safely, but what Genesys does with the text afterwards is
// not documented, so names keep to characters that mean nothing to any of these layers.
const NAME_CHARACTERS = /^[A-Za-z0-9 ._()-]*$/;
const NAME_CHARACTERS_TEXT = "letters, digits, spaces and . _ - ( )";

export function objectNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "is empty; give a name of 1 to 256 characters";
  if (/[\r\n]/.test(name)) return "contains a line break; a name must be a single line";
  if (name.length > MAX_NAME_LENGTH) {
    return `is ${name.length} characters long; shorten it to at most ${MAX_NAME_LENGTH}`;
  }
  if (name.includes(": ")) {
    return `contains ": " (colon and space), which YAML reads as a key separator; remove it (allowed: ${NAME_CHARACTERS_TEXT})`;
  }
  if (name.includes("#")) {
    return `contains "#", which starts a YAML comment; remove it (allowed: ${NAME_CHARACTERS_TEXT})`;
  }
  if (/["'`]/.test(name)) {
    return `contains a quote character, which delimits YAML and Architect strings; remove it (allowed: ${NAME_CHARACTERS_TEXT})`;
  }
  if (name !== name.trim()) {
    return "starts or ends with whitespace; trim it (Genesys matches names exactly)";
  }
  if (!NAME_CHARACTERS.test(name)) {
    const others = [...new Set(name.replace(/[A-Za-z0-9 ._()-]/g, ""))].map((c) => JSON.stringify(c)).join(" ");
    return `contains ${others}; use only ${NAME_CHARACTERS_TEXT} (names become YAML keys and Architect references)`;
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
