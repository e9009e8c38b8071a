import { randomUUID } from "node:crypto";

// Plausible analytics events for rehearsing a handover end, shaped like the SDK's event models
// (purecloud-platform-client-v2 index.d.ts: AcwDetailEventTopicAfterCallWorkEvent,
// UserEndDetailEventTopicUserEndEvent, CustomerEndDetailEventTopicCustomerEndEvent;
// `eventTime` is epoch milliseconds there). Pure apart from the fresh ids.

export const SAMPLE_KINDS = ["acw", "user.end", "customer.end"] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export const SAMPLE_CHANNELS = ["open-messaging", "voice"] as const;
export type SampleChannel = (typeof SAMPLE_CHANNELS)[number];

export const sampleTopic = (kind: SampleKind): string => `v2.detail.events.conversation.{id}.${kind}`;

/** One event of `kind` on `channel`: an Open Messaging chat (MESSAGE/OPEN) or a voice call. */
export function sampleEvent(kind: SampleKind, channel: SampleChannel, now = Date.now()): Record<string, unknown> {
  const message = channel === "open-messaging";
  const common = {
    eventTime: now,
    conversationId: randomUUID(),
    participantId: randomUUID(),
    sessionId: randomUUID(),
    mediaType: message ? "MESSAGE" : "VOICE",
    provider: message ? "Open Messaging" : "Edge",
    direction: "inbound",
    addressTo: message ? `cognigy-session-${randomUUID().slice(0, 8)}` : "tel:+4930123456",
    addressFrom: message ? "open-messaging-integration" : "tel:+4930654321",
    ...(message ? { messageType: "OPEN" } : { ani: "tel:+4930654321", dnis: "tel:+4930123456" }),
  };
  const agent = { userId: randomUUID(), queueId: randomUUID() };
  if (kind === "acw") return { ...common, ...agent, wrapupCode: randomUUID(), wrapupNotes: "", wrapupDurationMs: 4200 };
  if (kind === "user.end") return { ...common, ...agent, disconnectType: "client", divisionId: randomUUID(), interactingDurationMs: 61_000 };
  return { ...common, disconnectType: "peer", divisionId: randomUUID() };
}
