// The pure parts of event dispatch and workflow execution: expressions, values, inputs, TTL.
import { describe, expect, it } from "vitest";
import { eventProblem, expired, topicTemplate, workflowInputs } from "../../dev/emulator/events";
import { evaluate, ExpressionError, NOT_SET } from "../../dev/emulator/expressions";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { durationMs, initialVariables, valueOf } from "../../dev/emulator/workflow-run";

const vars = { "Flow.mediaType": "MESSAGE", "Flow.addressTo": NOT_SET, "Flow.n": 2, "Flow.empty": "" };

describe("Architect expressions", () => {
  it.each([
    ['Flow.mediaType == "MESSAGE"', true],
    ['Flow.mediaType != "MESSAGE" or true', true],
    ['Flow.mediaType == "MESSAGE" and !IsNotSetOrEmpty(Flow.addressTo)', false],
    ["not IsSet(Flow.addressTo)", true],
    ["IsNotSetOrEmpty(Flow.empty)", true],
    ["Flow.n + 1", 3],
    ["(Flow.n + 1) * 2 - 1", 5],
    ["-Flow.n < 0", true],
    ['"a" + "b"', "ab"],
    ['Append("v2.", Flow.mediaType)', "v2.MESSAGE"],
    ['If(IsSet(Flow.addressTo), Flow.addressTo, "nobody")', "nobody"],
    ["ToString(NOT_SET) == \"\"", false],
    ["ToString(Flow.n)", "2"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['GetJsonObjectProperty(Flow.json, "a")', 1],
  ])("%s → %j", (text, expected) => {
    expect(evaluate(text, { ...vars, "Flow.json": { a: 1 } })).toEqual(expected);
  });

  it.each([
    ["Flow.addressTo + 5", "on a NOT_SET value"],
    ["Flow.unknown", "Unable to resolve variable 'Flow.unknown'"],
    ["Substring(Flow.mediaType, 0, 1)", "does not evaluate the function 'Substring'"],
    ["Flow.mediaType and true", "needs boolean operands"],
    ['"open', "Unterminated string literal"],
    ["Flow.n +", "ends too early"],
    ["Flow.n 3", "Unexpected '3'"],
    ["Flow.n # 3", "Unexpected character '#'"],
    ["Flow.n / 0", "Division by zero"],
    ["Foo", "does not evaluate 'Foo'"],
  ])("%s is refused: %s", (text, message) => {
    expect(() => evaluate(text, vars)).toThrow(ExpressionError);
    expect(() => evaluate(text, vars)).toThrow(message);
  });
});

describe("workflow values", () => {
  it("lit, exp and noValue nodes; durations", () => {
    expect(valueOf({ lit: "x" }, {})).toBe("x");
    expect(valueOf({ noValue: true }, {})).toBe(NOT_SET);
    expect(valueOf({ exp: "Flow.n * 3" }, { "Flow.n": 2 })).toBe(6);
    expect(() => valueOf({ var: "Flow.n" }, {})).toThrow("must be lit:, exp: or noValue:");
    expect(durationMs({ lit: { minutes: 1 } })).toBe(60_000);
    expect(durationMs({ lit: { seconds: 30, milliseconds: 5 } })).toBe(30_005);
    expect(durationMs(undefined)).toBeUndefined();
    expect(() => durationMs({ lit: { days: 1 } })).toThrow("Unsupported timeout");
  });

  it("initial values, then the inputs over them", () => {
    const workflow = {
      variables: [
        { stringVariable: { name: "Flow.a", initialValue: { noValue: true }, isInput: true } },
        { integerVariable: { name: "Flow.b", initialValue: { lit: 4 } } },
        { integerVariable: { name: "Flow.c", initialValue: { exp: "Flow.b + 1" } } },
      ],
    };
    expect(initialVariables(workflow, { a: "given" })).toEqual({ "Flow.a": "given", "Flow.b": 4, "Flow.c": 5 });
  });
});

describe("trigger inputs", () => {
  const variables = [
    { name: "Flow.addressTo", type: "stringVariable", isInput: true, isOutput: false },
    { name: "Flow.disconnectType", type: "stringVariable", isInput: true, isOutput: false },
  ];

  it("TopLevelPrimitives fills the input variables of the same name and nothing else", () => {
    const event = sampleEvent("user.end", "open-messaging");
    expect(workflowInputs("TopLevelPrimitives", event, variables)).toEqual({ inputs: { addressTo: event.addressTo, disconnectType: "client" } });
  });

  it("refuses a non-input variable named like an event field, and a type mismatch", () => {
    const event = sampleEvent("user.end", "open-messaging");
    expect(workflowInputs("TopLevelPrimitives", event, [{ ...variables[0], isInput: false }])).toEqual({
      refused: "The workflow variable Flow.addressTo is named like an event field but is not an input",
    });
    expect(workflowInputs("TopLevelPrimitives", event, [{ name: "Flow.eventTime", type: "stringVariable", isInput: true, isOutput: false }])).toEqual({
      refused: "The event does not fit the workflow's input variables: property 'eventTime' must be of type string",
    });
  });

  it("Json needs the input Flow.jsonData", () => {
    const event = { mediaType: "MESSAGE" };
    expect(workflowInputs("Json", event, [{ name: "Flow.jsonData", type: "jsonVariable", isInput: true, isOutput: false }])).toEqual({ inputs: { jsonData: event } });
    expect(workflowInputs("Json", event, variables)).toEqual({ refused: "dataFormat Json needs the JSON input variable Flow.jsonData" });
  });

  it("TTL counts from eventTime, as epoch ms or ISO text", () => {
    expect(expired(10, { eventTime: 1_000 }, 11_001)).toBe(true);
    expect(expired(10, { eventTime: 1_000 }, 11_000)).toBe(false);
    expect(expired(10, { eventTime: new Date(1_000).toISOString() }, 20_000)).toBe(true);
    expect(expired(undefined, { eventTime: 0 }, 1e12)).toBe(false);
  });

  it("topics: a real conversation id maps to {id}; unknown topics and fields are named", () => {
    expect(topicTemplate("v2.detail.events.conversation.abc-123.user.end")).toBe("v2.detail.events.conversation.{id}.user.end");
    expect(eventProblem(sampleTopic("acw"), sampleEvent("acw", "voice"))).toBeUndefined();
    expect(eventProblem(undefined, {})).toContain("'topic' is required");
    expect(eventProblem("v2.users.x", {})).toContain("Unknown topic 'v2.users.x'");
    expect(eventProblem(sampleTopic("acw"), { disconnectType: "client" })).toContain("Unknown property 'disconnectType'");
  });
});
