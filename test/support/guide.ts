// What Cognigy's guide (read as README's "What it creates" table reads it) says must exist in
// the org, written out here so that components/ and the rendered workflow are checked against the
// guide rather than against themselves; the one place the tests (lifecycle, mocks, unit, verify's
// hand-made setups) take these facts from. The guide's "Input Contract > JSON" is not repeated
// here: templates/input-contract.json is that text, verbatim, and the tests read it from there.

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
