// The emulator's topic schemas are the SDK's event models: same fields, same types.
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { schemaProblems, TOPICS } from "../../dev/emulator/topics";

const MODELS: Record<string, string> = {
  "v2.detail.events.conversation.{id}.acw": "AcwDetailEventTopicAfterCallWorkEvent",
  "v2.detail.events.conversation.{id}.user.end": "UserEndDetailEventTopicUserEndEvent",
  "v2.detail.events.conversation.{id}.user.start": "UserStartDetailEventTopicUserStartEvent",
  "v2.detail.events.conversation.{id}.customer.end": "CustomerEndDetailEventTopicCustomerEndEvent",
};

/** Field → type of one interface of the SDK's typings ("number", "string", "string[]"). */
function sdkModel(name: string): Record<string, string> {
  const typings = fs.readFileSync(require.resolve("purecloud-platform-client-v2/index.d.ts"), "utf8");
  const body = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(typings)?.[1];
  if (!body) throw new Error(`${name} not in the SDK's typings`);
  return Object.fromEntries(
    [...body.matchAll(/"(\w+)"\?: ([^;]+);/g)].map(([, field, type]) => [field, type === "Array<string>" ? "string[]" : type]),
  );
}

describe("topics", () => {
  it.each(Object.entries(MODELS))("%s has the fields and types of the SDK's %s", (topic, model) => {
    expect(TOPICS[topic]).toEqual(sdkModel(model));
  });

  it("takes eventTime as the number the SDK declares, and refuses a field the topic does not have", () => {
    expect(schemaProblems("v2.detail.events.conversation.{id}.customer.end", { eventTime: 1733100000000.5, externalContactId: "c" })).toEqual([]);
    expect(schemaProblems("v2.detail.events.conversation.{id}.customer.end", { userId: "agent" })).toEqual([
      "Unknown property 'userId' for topic v2.detail.events.conversation.{id}.customer.end",
    ]);
    expect(schemaProblems("v2.detail.events.conversation.{id}.acw", { eventTime: "2025-01-01" })).toEqual([
      "Property 'eventTime' must be of type number",
    ]);
  });
});
