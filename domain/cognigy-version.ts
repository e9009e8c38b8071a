/**
 * `cognigy:version` and what it allows. Cognigy deprecated trigger-based handover-end detection
 * in 4.100 (it keeps working only for setups made before the upgrade) and removed it in
 * 2025.12; the EventBridge integration's topic filters changed at the same release.
 * Everything here is pure, so the stack can refuse a run before any API call.
 */
import { HANDOVER_EVENTS } from "./events";
import { type CognigyMode, usesEventBridge, usesWebhooks } from "./modes";

/** A Cognigy.AI release, `MAJOR.MINOR` (a patch level is accepted and ignored). */
export interface CognigyVersion {
  readonly major: number;
  readonly minor: number;
  /** As the user wrote it, for messages. */
  readonly text: string;
}

/** First release with the webhook method deprecated. */
export const WEBHOOKS_DEPRECATED_IN: CognigyVersion = { major: 4, minor: 100, text: "4.100" };
/** First release without the webhook method; also the first whose EventBridge filter is `customer.end`. */
export const WEBHOOKS_REMOVED_IN: CognigyVersion = { major: 2025, minor: 12, text: "2025.12" };
/** First release that reads the optional `user.start` topic (the human agent's name and image). */
export const USER_START_FROM: CognigyVersion = { major: 2025, minor: 22, text: "2025.22" };

const CUSTOMER_END_TOPIC = "v2.detail.events.conversation.{id}.customer.end";
const USER_START_TOPIC = "v2.detail.events.conversation.{id}.user.start";

// Cognigy numbered 4.x releases up to 4.10x and then switched to year-based numbers.
const FIRST_YEAR_MAJOR = 2025;
const LAST_YEAR_MAJOR = 2099;
const VERSION_FORM = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;
const EXAMPLES = "e.g. 4.98, 4.100 or 2025.12";

/** Problem with a `cognigy:version` value (and its fix), or undefined when it is a version. */
export function cognigyVersionProblem(text: string): string | undefined {
  const match = VERSION_FORM.exec(text.trim());
  if (!match) {
    if (/^v\d/i.test(text.trim())) return `has a leading "v"; write only the numbers (${EXAMPLES})`;
    return `is not a Cognigy.AI version; write MAJOR.MINOR as shown in Cognigy's release notes (${EXAMPLES}), quoted in YAML so 4.100 does not become 4.1`;
  }
  const major = Number(match[1]);
  if (major < 4) return `is older than Cognigy.AI 4.0; this tool knows only the handover-end methods of 4.x and later releases`;
  if (major > 4 && (major < FIRST_YEAR_MAJOR || major > LAST_YEAR_MAJOR)) {
    return `has major version ${major}, which Cognigy.AI never used (4.x, then year-based releases from ${FIRST_YEAR_MAJOR}); check the version (${EXAMPLES})`;
  }
  return undefined;
}

/** The version `cognigy:version` names, undefined when unset or blank; throws naming the key and the fix. */
export function parseCognigyVersion(text: string | undefined): CognigyVersion | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const problem = cognigyVersionProblem(text);
  if (problem) throw new Error(`cognigy:version = ${JSON.stringify(text)} ${problem}`);
  const [major, minor] = text.trim().split(".").map(Number);
  return { major, minor, text: text.trim() };
}

/** Negative, zero or positive as `a` is older than, the same release as, or newer than `b`. */
export function compareCognigyVersions(a: CognigyVersion, b: CognigyVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export type WebhookSupport = "supported" | "deprecated" | "removed";

/** What a Cognigy release does with the trigger/workflow/data-action method. */
export function webhookSupport(version: CognigyVersion): WebhookSupport {
  if (compareCognigyVersions(version, WEBHOOKS_REMOVED_IN) >= 0) return "removed";
  if (compareCognigyVersions(version, WEBHOOKS_DEPRECATED_IN) >= 0) return "deprecated";
  return "supported";
}

/**
 * The topic filters the Amazon EventBridge Source integration must carry for this Cognigy
 * release, as Cognigy's guide "Genesys Cloud Open Messaging: Handover End Detection with Amazon
 * EventBridge" (updated in 2025.22) lists them: up to 2025.11 AfterCallWorkEvent and
 * UserEndEvent; 2025.12 to 2025.21 CustomerEndEvent; from 2025.22 CustomerEndEvent and, optional,
 * UserStartEvent (`agentInfo`: Cognigy shows the human agent's name and image).
 */
export function eventBridgeTopicFilters(version: CognigyVersion, agentInfo = false): string[] {
  if (compareCognigyVersions(version, USER_START_FROM) >= 0) return agentInfo ? [CUSTOMER_END_TOPIC, USER_START_TOPIC] : [CUSTOMER_END_TOPIC];
  if (compareCognigyVersions(version, WEBHOOKS_REMOVED_IN) >= 0) return [CUSTOMER_END_TOPIC];
  return HANDOVER_EVENTS.map((event) => event.triggerTopic);
}

/** Problem with asking for the agent's details (user.start) on this release, or undefined. */
export function agentInfoProblem(version: CognigyVersion | undefined, agentInfo: boolean): string | undefined {
  if (!agentInfo || (version !== undefined && compareCognigyVersions(version, USER_START_FROM) >= 0)) return undefined;
  return (
    `is true, but Cognigy.AI reads the agent's details from the user.start topic only from ${USER_START_FROM.text}` +
    `${version ? ` (cognigy:version is ${version.text})` : " (cognigy:version is not set)"}; set it to false, or set cognigy:version to ${USER_START_FROM.text} or later`
  );
}

export interface GateInput {
  /** Parsed `cognigy:version`; undefined when unset. */
  readonly version: CognigyVersion | undefined;
  readonly mode: CognigyMode;
  /** Whether existing webhook objects are taken over by name instead of created. */
  readonly adopt: boolean;
}

export type GateDecision =
  | { readonly allowed: true; readonly warnings: readonly string[] }
  | { readonly allowed: false; readonly message: string };

const SWITCH_TO_EVENTBRIDGE =
  "`pulumi config set cognigy:mode eventbridge` (with the cognigy:eventBridge* and cognigy:organisationId keys), then `pulumi up`";

/**
 * Whether this version × mode × adopt combination may be deployed; a refusal says why and what
 * to do. `pulumi destroy` does not run the program, so a refusal never blocks removing objects.
 * A deprecated release is allowed: which webhook objects are new only the providers can tell
 * (from the stack's state and the org), so they refuse those with {@link newWebhookObjectRefusal}.
 */
export function gateDeployment({ version, mode, adopt }: GateInput): GateDecision {
  if (version === undefined) {
    if (usesEventBridge(mode)) {
      return refuse(
        `cognigy:mode=${mode} needs cognigy:version: the EventBridge integration's topic filters depend on it ` +
          `(…{id}.customer.end from ${WEBHOOKS_REMOVED_IN.text}, …{id}.user.end and …{id}.acw before). ` +
          `Set it, e.g. \`pulumi config set cognigy:version ${WEBHOOKS_REMOVED_IN.text}\`.`,
      );
    }
    return allow(
      `cognigy:version is not set, so the webhook method was not checked against your Cognigy.AI release: ` +
        `it works up to 4.99, from ${WEBHOOKS_DEPRECATED_IN.text} only for setups made before that upgrade, ` +
        `and not at all from ${WEBHOOKS_REMOVED_IN.text}. Set cognigy:version to have this checked.`,
    );
  }
  if (!usesWebhooks(mode)) return allow();

  const at = `Cognigy.AI ${version.text}`;
  switch (webhookSupport(version)) {
    case "supported":
      return allow();
    case "removed":
      return refuse(
        `${at} no longer has trigger-based handover-end detection (removed in ${WEBHOOKS_REMOVED_IN.text}), ` +
          `so cognigy:mode=${mode} would deploy workflows and triggers nothing listens to. ` +
          `Move to Amazon EventBridge: ${SWITCH_TO_EVENTBRIDGE}, which also deletes the webhook objects this stack created or adopted. ` +
          `If EventBridge is already set up elsewhere, run \`pulumi destroy\` to remove the webhook objects.`,
      );
    case "deprecated":
      return allow(deprecationWarning(version, mode, adopt));
  }
}

// One text per fact: the warning every run on a deprecated release logs, and the refusal the
// providers attach to an object they would have to create.
const ONLY_OLD_OBJECTS =
  `it works only for objects set up before the upgrade to ${WEBHOOKS_DEPRECATED_IN.text}, and not at all from ${WEBHOOKS_REMOVED_IN.text}`;

function deprecationWarning(version: CognigyVersion, mode: CognigyMode, adopt: boolean): string {
  const next =
    mode === "both"
      ? "Once Cognigy confirms the EventBridge events, finish the move: `pulumi config set cognigy:mode eventbridge`, then `pulumi up`."
      : "Start the move to Amazon EventBridge: cognigy:mode both, then eventbridge (docs/eventbridge-migration.md).";
  const adoption = adopt
    ? " With cognigy:adoptExisting=true, preview shows an object that is not in this stack yet as a create (preview cannot look into " +
      "Genesys Cloud); up takes over the objects it finds there by name and, if one is missing, refuses before any write."
    : "";
  return (
    `On Cognigy.AI ${version.text} the webhook method is deprecated (since ${WEBHOOKS_DEPRECATED_IN.text}): ${ONLY_OLD_OBJECTS}. ` +
    `This stack keeps managing the webhook objects it holds${adopt ? " and takes over hand-made ones" : ""}, ` +
    `but refuses to create a new one.${adoption} ${next}`
  );
}

/**
 * Source: Cognigy's guide (docs.cognigy.com/ai/escalate/handover-reference/genesys-cloud-open-
 * messaging-handover-end-detection): "In Cognigy.AI 4.100, the handover end detection
 * configuration with HTTP webhooks will continue to work only if it was set up before updating
 * to Cognigy.AI 4.100." It does not say whether one object re-made inside such a setup works;
 * this tool takes the stricter reading: every object made after the upgrade counts as new.
 *
 * Why no new webhook object may be made on this release and the way forward, for the providers
 * to give when an object would have to be created (resource input `createRefusal`); undefined
 * where creating is allowed. From 2025.12 the gate refuses the webhook modes before any object is
 * registered, so only the deprecated releases get one.
 */
export function newWebhookObjectRefusal(version: CognigyVersion | undefined): string | undefined {
  if (version === undefined || webhookSupport(version) !== "deprecated") return undefined;
  return (
    `On Cognigy.AI ${version.text} the webhook method is deprecated (since ${WEBHOOKS_DEPRECATED_IN.text}): ${ONLY_OLD_OBJECTS}, ` +
    `so a new object would never deliver a handover end and is not created. ` +
    `Move this org to Amazon EventBridge: ${SWITCH_TO_EVENTBRIDGE}, which also deletes the webhook objects this stack holds.`
  );
}

function allow(...warnings: string[]): GateDecision {
  return { allowed: true, warnings };
}

function refuse(message: string): GateDecision {
  return { allowed: false, message };
}
