// The emulator's rules without a server: trigger match criteria, data action templates, a
// workflow's input schema, and an integration's reportedState over its activation.
import { describe, expect, it } from "vitest";
import { activationError, reportedState } from "../../dev/emulator/activation";
import { inputSchema } from "../../dev/emulator/archy";
import { allMatch, criterionMatches, criterionProblem } from "../../dev/emulator/match";
import { jsonPath, renderRequest, renderSuccess } from "../../dev/emulator/render";
import type { IntegrationRecord, MatchCriterion } from "../../dev/emulator/store";

const ACW = "v2.detail.events.conversation.{id}.acw";
const event = { mediaType: "MESSAGE", wrapupDurationMs: 1500, callbackNumbers: ["+1", "+2"], addressTo: "user-1" };
const c = (jsonPath: string, operator: string, v: unknown): MatchCriterion =>
  Array.isArray(v) ? { jsonPath, operator, values: v } : { jsonPath, operator, value: v };

describe("match criteria", () => {
  it.each([
    [c("mediaType", "Equal", "MESSAGE"), true],
    [c("mediaType", "Equal", "VOICE"), false],
    [c("$.mediaType", "NotEqual", "VOICE"), true],
    [c("wrapupDurationMs", "GreaterThan", 1000), true],
    [c("wrapupDurationMs", "GreaterThanOrEqual", 1500), true],
    [c("wrapupDurationMs", "LessThan", 1500), false],
    [c("wrapupDurationMs", "LessThanOrEqual", 1500), true],
    [c("mediaType", "In", ["VOICE", "MESSAGE"]), true],
    [c("mediaType", "NotIn", ["VOICE", "MESSAGE"]), false],
    [c("addressTo", "Contains", "user"), true],
    [c("callbackNumbers", "Contains", "+2"), true],
    [c("callbackNumbers", "All", ["+1", "+2"]), true],
    [c("callbackNumbers", "All", ["+1", "+3"]), false],
    [c("wrapupCode", "Exists", false), true],
    [c("mediaType", "Exists", true), true],
    [c("callbackNumbers", "Size", 2), true],
    [c("mediaType", "Size", 2), false],
  ])("%j → %s", (criterion, expected) => {
    expect(criterionMatches(criterion, event)).toBe(expected);
  });

  it("needs every criterion; none matches everything", () => {
    expect(allMatch([], event)).toBe(true);
    expect(allMatch([c("mediaType", "Equal", "MESSAGE"), c("mediaType", "Equal", "VOICE")], event)).toBe(false);
  });

  it("validates criteria against the operator and the topic", () => {
    expect(criterionProblem(c("mediaType", "Equal", "MESSAGE"), 0, ACW)).toBeUndefined();
    expect(criterionProblem(c("mediaType", "Equal", '"MESSAGE"'), 0, ACW)).toBeUndefined();
    expect(criterionProblem(c("mediaType", "Equal", { a: 1 }), 0, ACW)).toContain("plain JSON");
    expect(criterionProblem(c("callbackNumbers", "Size", -1), 0, ACW)).toContain("Size");
    expect(criterionProblem(c("wrapupDurationMs", "GreaterThan", "10"), 0, ACW)).toContain("number");
    expect(criterionProblem(c("mediaType", "All", []), 0, ACW)).toContain("non-empty");
  });

  it("takes the list of In/NotIn/All as `value: [..]` as well as `values`", () => {
    const asValue = { jsonPath: "mediaType", operator: "In", value: ["VOICE", "MESSAGE"] };
    expect(criterionProblem(asValue, 0, ACW)).toBeUndefined();
    expect(criterionMatches(asValue, event)).toBe(true);
    expect(criterionMatches({ ...asValue, operator: "NotIn" }, event)).toBe(false);
    expect(criterionProblem({ ...asValue, value: [] }, 0, ACW)).toContain("non-empty");
    expect(criterionProblem({ ...asValue, value: "MESSAGE" }, 0, ACW)).toContain("list");
  });
});

describe("action templates", () => {
  it("renders inputs, rawRequest and leaves unknown references literal", () => {
    const input = { userId: "u 1", n: 2 };
    expect(renderRequest("https://x/${input.userId}/$!{input.missing}/${input.missing}", input)).toBe("https://x/u 1//${input.missing}");
    expect(JSON.parse(renderRequest("${input.rawRequest}", input))).toEqual(input);
  });

  it("renders success templates with JSON values and rawResult", () => {
    expect(renderSuccess('{"id": ${id}, "n": ${n}}', "", { id: "a", n: 3 })).toBe('{"id": "a", "n": 3}');
    expect(renderSuccess("${rawResult}", '{"x":1}', {})).toBe('{"x":1}');
  });

  it("resolves simple JSON paths", () => {
    const doc = { a: { b: [{ c: 5 }] }, "we ird": 1 };
    expect(jsonPath(doc, "$.a.b[0].c")).toBe(5);
    expect(jsonPath(doc, "$['we ird']")).toBe(1);
    expect(jsonPath(doc, "$.a.x.c")).toBeUndefined();
    expect(jsonPath(doc, "a.b")).toBeUndefined();
  });
});

describe("workflow input schema", () => {
  it("lists isInput variables without the Flow. prefix, with their types", () => {
    const schema = inputSchema([
      { name: "Flow.addressTo", type: "stringVariable", isInput: true, isOutput: false },
      { name: "Flow.count", type: "integerVariable", isInput: true, isOutput: false },
      { name: "Flow.ids", type: "stringCollectionVariable", isInput: true, isOutput: false },
      { name: "Flow.local", type: "stringVariable", isInput: false, isOutput: true },
    ]);
    expect(schema.properties).toEqual({ addressTo: { type: "string" }, count: { type: "integer" }, ids: { type: "array", items: { type: "string" } } });
  });
});

describe("integration reportedState", () => {
  const rec: IntegrationRecord = {
    id: "i", typeId: "amazon-eventbridge-source", name: "EB", notes: "", intendedState: "DISABLED", configVersion: 1,
    properties: {}, advanced: {}, credentials: {}, createdAt: 1_000,
  };

  it("starts INACTIVE and moves through ACTIVATING/DEACTIVATING to the outcome activationMs after a change", () => {
    expect(reportedState(rec, 1_000, 500).code).toBe("INACTIVE");
    const enabled = { ...rec, intendedState: "ENABLED" as const, stateChangedAt: 2_000 };
    expect(reportedState(enabled, 2_499, 500)).toMatchObject({ code: "ACTIVATING", lastUpdated: new Date(2_000).toISOString() });
    expect(reportedState(enabled, 2_500, 500)).toMatchObject({ code: "ACTIVE", effective: "Active", lastUpdated: new Date(2_500).toISOString() });
    expect(reportedState({ ...enabled, activationError: "bad account" }, 2_500, 500)).toMatchObject({
      code: "ERROR",
      detail: { message: "bad account", messageWithParams: "bad account" },
    });
    // Settled by the activation time of its PATCH: a higher setting later does not undo it.
    expect(reportedState({ ...enabled, settlesAt: 2_100 }, 2_100, 60_000).code).toBe("ACTIVE");
    const disabled = { ...rec, stateChangedAt: 3_000 };
    expect(reportedState(disabled, 3_100, 500).code).toBe("DEACTIVATING");
    expect(reportedState(disabled, 3_500, 500).code).toBe("INACTIVE");
  });

  it("fails an EventBridge activation without account and region, or for a failing account; never a Web Services one", () => {
    const failing = new Map([["111111111111", ""], ["222222222222", "custom"]]);
    expect(activationError(rec, failing)).toMatch(/configuration/);
    const configured = { ...rec, properties: { awsAccountId: "111111111111", awsAccountRegion: "eu-central-1" } };
    expect(activationError(configured, failing)).toMatch(/111111111111.*eu-central-1/);
    expect(activationError({ ...configured, properties: { ...configured.properties, awsAccountId: "222222222222" } }, failing)).toBe("custom");
    expect(activationError({ ...configured, properties: { ...configured.properties, awsAccountId: "333333333333" } }, failing)).toBeUndefined();
    expect(activationError({ ...rec, typeId: "custom-rest-actions" }, failing)).toBeUndefined();
  });
});
