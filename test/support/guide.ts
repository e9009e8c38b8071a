// What Cognigy's guide (corrected by docs/cognigy-handover.md's "Exact objects" table) says must
// exist in the org, written out here so that templates/ and components/ are checked against the
// guide rather than against themselves.

/** The guide's "Input Contract > JSON", as text exactly as the guide shows it. */
const GUIDE_INPUT_CONTRACT_TEXT = `{
  "title": "properties",
  "type": "object",
  "properties": {
    "userId": {
      "type": "string"
    },
    "topic": {
      "type": "string"
    },
    "disconnectType": {
      "type": "string"
    }
  },
  "additionalProperties": true
}`;

export const GUIDE_INPUT_CONTRACT: unknown = JSON.parse(GUIDE_INPUT_CONTRACT_TEXT);

export const INTEGRATION_NAME = "Web Services Data Actions Integration";
export const INTEGRATION_TYPE = "custom-rest-actions";
export const DATA_ACTION_NAME = "Send Event to Cognigy";

export const requestUrl = (domain: string) => `https://endpoint-${domain}/handover/genesysCloudOM`;

export interface GuideEvent {
  /** Key of the stack outputs' per-event maps (`cognigy:events` value). */
  key: "acw" | "user.end";
  workflowName: string;
  triggerName: string;
  /** The trigger's topic, with `{id}`. */
  triggerTopic: string;
  /** The literal the workflow sends as `topic`, without braces. */
  workflowTopic: string;
}

export const GUIDE_EVENTS: readonly GuideEvent[] = [
  {
    key: "acw",
    workflowName: "Workflow conversation.id.acw",
    triggerName: "Trigger conversation.id.acw",
    triggerTopic: "v2.detail.events.conversation.{id}.acw",
    workflowTopic: "v2.detail.events.conversation.id.acw",
  },
  {
    key: "user.end",
    workflowName: "Workflow conversation.id.user.end",
    triggerName: "Trigger conversation.id.user.end",
    triggerTopic: "v2.detail.events.conversation.{id}.user.end",
    workflowTopic: "v2.detail.events.conversation.id.user.end",
  },
];

/** The guide's trigger conditions (`mediaType == "MESSAGE"`, `messageType == "OPEN"`). */
export const OPEN_MESSAGING_CONDITIONS = [
  { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" },
  { jsonPath: "messageType", operator: "Equal", value: "OPEN" },
];

/** The Call Data Action's inputs: Expression / Literal / Expression, as in the guide's step 4.7. */
export const callDataInputs = (workflowTopic: string) => ({
  userId: { exp: "Flow.addressTo" },
  topic: { lit: workflowTopic },
  disconnectType: { exp: "Flow.disconnectType" },
});
