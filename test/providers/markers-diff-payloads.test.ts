// The providers' rules for Genesys objects without an org: the management marker and adoption,
// check and diff, the request bodies and workflow YAML they send, and reading a flow job's or an
// activation's outcome (poll delay, job failure text, reportedState).
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { adoptionOutcome } from "../../providers/adoption";
import { hasMarker, withMarker, withoutMarker } from "../../domain/marker";
import { actionBody, checkDataAction, DataActionProvider, DEFAULT_REQUEST_TEMPLATE, setAsideName } from "../../providers/data-action";
import { MAX_NAME_LENGTH, objectNameProblem } from "../../domain/names";
import { canonicalJson, diffResult, UNKNOWN } from "../../providers/diff";
import { checkIntegration } from "../../providers/integration";
import { activationOutcome } from "../../providers/integration-setup";
import { checkTrigger, sameCriteria, triggerBody, TriggerOutputs } from "../../providers/trigger";
import { pollDelayMs } from "../../providers/genesys/polling";
import { FIRST_POLL_MS, checkWorkflow, jobFailureText, prepareWorkflowYaml } from "../../providers/workflow";

const MARKER = "cognigy-genesys-handover proj/dev";

describe("markers and adoption", () => {
  it("appends the marker and recognises only ours", () => {
    expect(withMarker("", MARKER)).toBe(MARKER);
    expect(withMarker("Hello", MARKER)).toBe(`Hello\n\n${MARKER}`);
    expect(hasMarker(`Hello\n\n${MARKER}`, MARKER)).toBe(true);
    expect(hasMarker(`${MARKER}-2`, MARKER)).toBe(false);
    expect(hasMarker("cognigy-genesys-handover proj/devx", MARKER)).toBe(false);
    expect(withoutMarker(`Hello\n\n${MARKER}`, MARKER)).toBe("Hello");
    expect(withoutMarker("node_dynamodb_empty_string", MARKER)).toBe("");
  });

  it("creates, takes over ours, adopts on request, refuses otherwise naming id and config key", () => {
    expect(adoptionOutcome("Integration", "X", undefined, false)).toEqual({ action: "create" });
    expect(adoptionOutcome("Integration", "X", { id: "i1", ours: true }, false)).toEqual({ action: "take-over", id: "i1", adopted: false });
    expect(adoptionOutcome("Integration", "X", { id: "i1", ours: false }, true)).toEqual({ action: "take-over", id: "i1", adopted: true });
    expect(() => adoptionOutcome("Integration", "X", { id: "i1", ours: false }, false)).toThrow(
      /Integration "X" already exists .*id i1.*cognigy:adoptExisting=true/,
    );
  });
});

describe("check and diff", () => {
  it("diffs old outputs against new inputs, ignoring key order and fields the kind does not compare", () => {
    const olds = { name: "A", inputSchema: { a: 1, b: 2 }, uncompared: "old" };
    const rules = { fields: ["name", "inputSchema"], replaceOn: ["inputSchema"], deleteBeforeReplace: true };
    expect(diffResult(olds, { name: "A", inputSchema: { b: 2, a: 1 }, uncompared: "new" }, rules)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(diffResult(olds, { name: "A", inputSchema: { a: 1 } }, rules)).toEqual({
      changes: true,
      replaces: ["inputSchema"],
      deleteBeforeReplace: true,
    });
    expect(diffResult(olds, { name: UNKNOWN, inputSchema: { a: 1, b: 2 } }, rules)).toMatchObject({ changes: true, replaces: [] });
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: undefined })).toBe('{"b":[1,{"c":2,"d":1}]}');
  });

  it("applies defaults and tolerates the preview-unknown sentinel", () => {
    expect(checkIntegration({ name: "N", managedBy: MARKER })).toEqual({
      inputs: { name: "N", managedBy: MARKER, enabled: true, adopt: false },
      failures: [],
    });
    const action = checkDataAction({ name: "A", category: "C", integrationId: UNKNOWN, inputSchema: {}, outputSchema: {}, requestUrlTemplate: "u", managedBy: MARKER });
    expect(action.failures).toEqual([]);
    expect(action.inputs).toMatchObject({ requestType: "POST", requestTemplate: "${input.rawRequest}", successTemplate: "${rawResult}", secure: false });
    expect(checkWorkflow({ name: "W", yaml: UNKNOWN, managedBy: MARKER }).failures).toEqual([]);
    expect(checkTrigger({ name: "T", topicName: "t", workflowId: UNKNOWN, matchCriteria: UNKNOWN, managedBy: MARKER }).failures).toEqual([]);
  });

  it("names bad fields", () => {
    expect(checkIntegration({ name: "", managedBy: MARKER }).failures).toEqual([{ property: "name", reason: expect.stringMatching(/name must be/) }]);
    expect(checkDataAction({ name: "A", category: "C", integrationId: "i", inputSchema: "x", outputSchema: {}, requestUrlTemplate: "u", requestType: "FETCH", managedBy: MARKER }).failures?.map((f) => f.property)).toEqual(["inputSchema", "requestType"]);
    const trigger = checkTrigger({
      name: "T", topicName: "t", workflowId: "w", managedBy: MARKER, eventTTLSeconds: 5, delayBySeconds: 30,
      matchCriteria: [{ jsonPath: "mediaType", operator: "Like", value: "MESSAGE", values: ["x"] }],
      description: "d".repeat(500),
    });
    expect(trigger.failures?.map((f) => f.property)).toEqual(["matchCriteria", "matchCriteria", "eventTTLSeconds", "delayBySeconds", "delayBySeconds", "description"]);
    expect(checkWorkflow({ name: "W", yaml: "workflow:\n  name: Other\n", managedBy: MARKER }).failures).toEqual([
      { property: "yaml", reason: expect.stringMatching(/workflow.name is "Other" but name is "W"/) },
    ]);
    expect(checkWorkflow({ name: "W", yaml: "workflow:\n  name: W\n  x: '{{token}}'\n", managedBy: MARKER }).failures?.[0].reason).toMatch(/\{\{token\}\}/);
  });

  it("does not replace a data action whose contract means the same (annotations, implied additionalProperties)", async () => {
    const provider = new DataActionProvider();
    const contract = { title: "properties", type: "object", properties: { userId: { type: "string" } }, additionalProperties: true };
    const olds = { inputSchema: { type: "object", properties: { userId: { type: "string" } } }, outputSchema: { type: "object", properties: {} } };
    const news = { inputSchema: contract, outputSchema: { type: "object", properties: {}, additionalProperties: true } };
    expect(await provider.diff("id", olds, news)).toMatchObject({ changes: false, replaces: [] });
    const narrowed = { ...news, inputSchema: { ...contract, additionalProperties: false } };
    expect(await provider.diff("id", olds, narrowed)).toMatchObject({ changes: true, replaces: ["inputSchema"] });
  });

  it("compares match criteria regardless of order", () => {
    const a = { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" };
    const b = { jsonPath: "messageType", operator: "Equal", value: "OPEN" };
    expect(sameCriteria([a, b], [b, a])).toBe(true);
    expect(sameCriteria([a, b], [a])).toBe(false);
  });
});

describe("payloads", () => {
  it("builds the data action body with literal Velocity templates", () => {
    const inputs = checkDataAction({ name: "Send", category: "Cat", integrationId: "i", inputSchema: { type: "object" }, outputSchema: { type: "object" }, requestUrlTemplate: "https://x/y", managedBy: MARKER }).inputs;
    expect(actionBody(inputs as never)).toEqual({
      name: "Send",
      category: "Cat",
      integrationId: "i",
      secure: false,
      contract: { input: { inputSchema: { type: "object" } }, output: { successSchema: { type: "object" } } },
      config: {
        request: { requestUrlTemplate: "https://x/y", requestType: "POST", requestTemplate: DEFAULT_REQUEST_TEMPLATE, headers: {} },
        response: { translationMap: {}, translationMapDefaults: {}, successTemplate: "${rawResult}" },
      },
    });
  });

  it("names a superseded data action by its id, within the name length and the name rule", () => {
    const id = "custom_-_0d3f2a4e-5b6c-4d7e-8f90-123456789abc";
    expect(setAsideName("Send Event to Cognigy", id)).toBe(`Send Event to Cognigy (replaced ${id})`);
    const longest = setAsideName("x".repeat(MAX_NAME_LENGTH), id);
    expect(longest).toHaveLength(MAX_NAME_LENGTH);
    expect(longest.endsWith(`(replaced ${id})`)).toBe(true);
    expect(objectNameProblem(longest)).toBeUndefined();
  });

  it("builds the trigger body with the marker in the description", () => {
    const inputs = checkTrigger({ name: "T", topicName: "v2.detail.events.conversation.{id}.acw", workflowId: "w", matchCriteria: [], managedBy: MARKER, description: "hi", eventTTLSeconds: 60 }).inputs as TriggerOutputs;
    expect(triggerBody(inputs)).toEqual({
      name: "T",
      topicName: "v2.detail.events.conversation.{id}.acw",
      enabled: true,
      target: { type: "Workflow", id: "w", workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
      matchCriteria: [],
      description: `hi\n\n${MARKER}`,
      eventTTLSeconds: 60,
    });
  });

  it("writes the marker and division into the workflow YAML, keeping the rest", () => {
    const out = prepareWorkflowYaml("workflow:\n  name: W\n  description: mine\n  division: Home\n  states: []\n", "W", "Sales", MARKER);
    expect(out).toContain("name: W");
    expect(out).toContain("division: Sales");
    expect(out).toContain("states: []");
    expect(parse(out).workflow.description).toBe(`mine\n\n${MARKER}`);
  });

  it("tells a finished, pending and failed activation apart by reportedState.code", () => {
    expect(activationOutcome({ reportedState: { code: "ACTIVE" } })).toEqual({ done: true });
    expect(activationOutcome({})).toEqual({ done: true });
    for (const code of ["ACTIVATING", "INACTIVE", "DEACTIVATING"]) expect(activationOutcome({ reportedState: { code } })).toEqual({ done: false });
    expect(activationOutcome({ reportedState: { code: "ERROR", detail: { message: "m", messageWithParams: "with params" } } })).toEqual({ error: "with params" });
    expect(activationOutcome({ reportedState: { code: "ERROR", detail: { message: "m" } } })).toEqual({ error: "m" });
    expect(activationOutcome({ reportedState: { code: "ERROR" } })).toEqual({ error: "Genesys reported ERROR without a detail" });
  });

  it("polls adaptively and lists every Archy message", () => {
    // First poll 500 ms after the upload; then 20% of the elapsed time + 250 ms minus two round trips, 100 ms to 15 s.
    expect(pollDelayMs(0, 50, FIRST_POLL_MS)).toBe(500);
    expect(pollDelayMs(200, 50, FIRST_POLL_MS)).toBe(300);
    expect(pollDelayMs(550, 50, FIRST_POLL_MS)).toBe(260);
    expect(pollDelayMs(2000, 50, FIRST_POLL_MS)).toBe(550);
    expect(pollDelayMs(1000, 400, FIRST_POLL_MS)).toBe(100);
    expect(pollDelayMs(600_000, 50, FIRST_POLL_MS)).toBe(15_000);
    expect(jobFailureText([{ text: "first" }, { text: "second", details: [{ name: "Send Event" }] }])).toBe(
      '  - first\n  - second [{"name":"Send Event"}]',
    );
  });
});
