// The Process Automation topics the emulator knows, with their event fields (from the
// AfterCallWorkEvent and UserEndEvent schemas). Topic names keep the literal `{id}`.

export type FieldType = "string" | "integer" | "string[]";

const COMMON: Record<string, FieldType> = {
  // Epoch milliseconds, as the SDK's event models (AcwDetailEventTopicAfterCallWorkEvent …) declare it.
  eventTime: "integer",
  conversationId: "string",
  participantId: "string",
  sessionId: "string",
  mediaType: "string",
  provider: "string",
  direction: "string",
  ani: "string",
  dnis: "string",
  addressTo: "string",
  addressFrom: "string",
  callbackUserName: "string",
  callbackNumbers: "string[]",
  callbackScheduledTime: "integer",
  subject: "string",
  messageType: "string",
  userId: "string",
  queueId: "string",
  conversationExternalContactIds: "string[]",
  conversationExternalOrganizationIds: "string[]",
  utilizationLabel: "string",
};

export const TOPICS: Record<string, Record<string, FieldType>> = {
  "v2.detail.events.conversation.{id}.acw": {
    ...COMMON,
    wrapupCode: "string",
    wrapupNotes: "string",
    wrapupDurationMs: "integer",
  },
  "v2.detail.events.conversation.{id}.user.end": {
    ...COMMON,
    disconnectType: "string",
    divisionId: "string",
    interactingDurationMs: "integer",
    heldDurationMs: "integer",
    alertingDurationMs: "integer",
    contactingDurationMs: "integer",
    dialingDurationMs: "integer",
    callbackDurationMs: "integer",
  },
  // The EventBridge topic filter of Cognigy 2025.12+. Its field list is not in our sources: the
  // common fields plus the end fields is a guess (listed under Unverified in the README).
  "v2.detail.events.conversation.{id}.customer.end": {
    ...COMMON,
    disconnectType: "string",
    divisionId: "string",
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
  if (type === "integer") return Number.isInteger(value);
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
