/**
 * The Genesys analytics events Cognigy needs to detect the end of a handover, one row each.
 * Everything that differs between the two workflow/trigger pairs lives here, so the component,
 * the config keys and the tests map over rows instead of repeating per-event code.
 */
export interface HandoverEvent {
  /** Selector used in `cognigy:events` and as the key of per-event maps. */
  readonly key: string;
  /** Genesys's name for the analytics event. */
  readonly genesysEvent: string;
  /** Suffix of the Pulumi child names (`<name>-workflow-<slug>`): dots read badly in URNs. */
  readonly slug: string;
  /** Suffix of the per-event config keys (`cognigy:workflowName<configSuffix>`). */
  readonly configSuffix: string;
  /** Process-automation topic; keeps the literal `{id}`. */
  readonly triggerTopic: string;
  /** The `topic` literal the workflow sends to Cognigy; no braces, as Cognigy expects. */
  readonly workflowTopic: string;
  readonly defaultWorkflowName: string;
  readonly defaultTriggerName: string;
}

export const HANDOVER_EVENTS = [
  {
    key: "acw",
    genesysEvent: "AfterCallWorkEvent",
    slug: "acw",
    configSuffix: "Acw",
    triggerTopic: "v2.detail.events.conversation.{id}.acw",
    workflowTopic: "v2.detail.events.conversation.id.acw",
    defaultWorkflowName: "Workflow conversation.id.acw",
    defaultTriggerName: "Trigger conversation.id.acw",
  },
  {
    key: "user.end",
    genesysEvent: "UserEndEvent",
    slug: "user-end",
    configSuffix: "UserEnd",
    triggerTopic: "v2.detail.events.conversation.{id}.user.end",
    workflowTopic: "v2.detail.events.conversation.id.user.end",
    defaultWorkflowName: "Workflow conversation.id.user.end",
    defaultTriggerName: "Trigger conversation.id.user.end",
  },
] as const satisfies readonly HandoverEvent[];

export type EventKey = (typeof HANDOVER_EVENTS)[number]["key"];

export const EVENT_KEYS: readonly EventKey[] = HANDOVER_EVENTS.map((event) => event.key);

/** Both triggers fire only for Open Messaging conversations (all of them in the org). */
export const OPEN_MESSAGING_CRITERIA = [
  { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" },
  { jsonPath: "messageType", operator: "Equal", value: "OPEN" },
] as const;

/** The data action's HTTP method (the guide's step 3.4). */
export const HANDOVER_REQUEST_TYPE = "POST";

/** The trigger fills the workflow's input variables by event field name only in this format. */
export const TRIGGER_DATA_FORMAT = "TopLevelPrimitives";

/** The guide's names for the two objects shared by both events. */
export const DEFAULT_INTEGRATION_NAME = "Web Services Data Actions Integration";
export const DEFAULT_DATA_ACTION_NAME = "Send Event to Cognigy";
