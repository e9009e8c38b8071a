// The Process Automation topics the emulator knows, with their event fields and types exactly as
// the SDK's event models declare them (index.d.ts of purecloud-platform-client-v2:
// AcwDetailEventTopicAfterCallWorkEvent, UserEndDetailEventTopicUserEndEvent,
// UserStartDetailEventTopicUserStartEvent, CustomerEndDetailEventTopicCustomerEndEvent; a test
// holds them equal). Topic names keep the
// literal `{id}`.

export type FieldType = "string" | "number" | "string[]";

/** Fields every one of the three events has, in the SDK's order. */
const CONVERSATION: Record<string, FieldType> = {
  eventTime: "number",
  conversationId: "string",
  participantId: "string",
  sessionId: "string",
};

const ROUTING: Record<string, FieldType> = {
  mediaType: "string",
  provider: "string",
  direction: "string",
  ani: "string",
  dnis: "string",
  addressTo: "string",
  addressFrom: "string",
  callbackUserName: "string",
  callbackNumbers: "string[]",
  callbackScheduledTime: "number",
  subject: "string",
  messageType: "string",
};

const EXTERNAL: Record<string, FieldType> = {
  conversationExternalContactIds: "string[]",
  conversationExternalOrganizationIds: "string[]",
};

export const TOPICS: Record<string, Record<string, FieldType>> = {
  "v2.detail.events.conversation.{id}.acw": {
    ...CONVERSATION,
    ...ROUTING,
    userId: "string",
    queueId: "string",
    wrapupCode: "string",
    wrapupNotes: "string",
    wrapupDurationMs: "number",
    ...EXTERNAL,
    utilizationLabel: "string",
  },
  "v2.detail.events.conversation.{id}.user.end": {
    ...CONVERSATION,
    disconnectType: "string",
    ...ROUTING,
    userId: "string",
    divisionId: "string",
    queueId: "string",
    interactingDurationMs: "number",
    heldDurationMs: "number",
    alertingDurationMs: "number",
    contactingDurationMs: "number",
    dialingDurationMs: "number",
    callbackDurationMs: "number",
    ...EXTERNAL,
    utilizationLabel: "string",
  },
  // Cognigy 2025.22+'s optional EventBridge filter: the agent joined (their name and image).
  "v2.detail.events.conversation.{id}.user.start": {
    ...CONVERSATION,
    ...ROUTING,
    userId: "string",
    divisionId: "string",
    queueId: "string",
    ...EXTERNAL,
    utilizationLabel: "string",
  },
  // The EventBridge topic filter of Cognigy 2025.12+: the customer's side of the conversation, so
  // no userId or queueId, and the customer's external contact and organization.
  "v2.detail.events.conversation.{id}.customer.end": {
    ...CONVERSATION,
    disconnectType: "string",
    externalOrganizationId: "string",
    externalContactId: "string",
    ...ROUTING,
    interactingDurationMs: "number",
    ...EXTERNAL,
    divisionId: "string",
    utilizationLabel: "string",
  },
};

export const isKnownTopic = (name: string): boolean => Object.prototype.hasOwnProperty.call(TOPICS, name);

/** Problems of an event against its topic's schema: unknown fields and wrong types. */
export function schemaProblems(topic: string, event: unknown): string[] {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return ["The event must be a JSON object"];
  const fields = TOPICS[topic];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    const type = fields[key];
    if (!type) problems.push(`Unknown property '${key}' for topic ${topic}`);
    else if (!hasType(value, type)) problems.push(`Property '${key}' must be of type ${type}`);
  }
  return problems;
}

function hasType(value: unknown, type: FieldType): boolean {
  if (value === null) return true;
  if (type === "string") return typeof value === "string";
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
