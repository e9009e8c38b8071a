// Events in the emulator: trigger → workflow (the published YAML, executed) → data action →
// a loopback receiver, with the execution log of each event and the data action analytics the
// runs feed. The org is built through the SDK with the product's own contract, request URL,
// workflow template and trigger criteria.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HANDOVER_EVENTS } from "../../domain/events";
import { type Emulator, type EventRecord, startEmulator } from "../../dev/emulator/index";
import { sampleEvent, sampleTopic } from "../../dev/emulator/sample-events";
import { ACTION_ERROR_TYPES } from "../../dev/emulator/unverified";
import { deadUrl, type Recorder, startRecorder } from "./cognigy-receiver";
import { handoverAction, handoverOrg, publishHandoverWorkflow } from "./handover-org";
import { type Apis, failure, login } from "./sdk";
import { enabledIntegration, lookupAction, publish, sendEventAction } from "./world";

let emu: Emulator;
let api: Apis;
let cognigy: Recorder;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  cognigy = await startRecorder();
});
afterAll(async () => {
  await emu.close();
  await cognigy.close();
});
beforeEach(async () => {
  emu.reset();
  api = await login(emu.url);
  cognigy.received.length = 0;
  cognigy.reply = { status: 200, body: '{"received":true}' };
});

const fired = (record: EventRecord) => record.triggers.filter((t) => t.fired);
const callStep = (record: EventRecord) => fired(record)[0]?.execution?.steps.find((s) => s.type === "callData");

describe("a handover end reaches Cognigy", () => {
  it("an Open Messaging AfterCallWorkEvent and UserEndEvent each POST the guide's body once", async () => {
    await handoverOrg(api, cognigy.url);
    const acw = sampleEvent("acw", "open-messaging");
    const userEnd = sampleEvent("user.end", "open-messaging");

    const acwLog = await emu.publishEvent(sampleTopic("acw"), acw);
    const endLog = await emu.publishEvent(sampleTopic("user.end"), userEnd);

    expect(cognigy.received.map((r) => [r.method, r.url])).toEqual([
      ["POST", "/handover/genesysCloudOM"],
      ["POST", "/handover/genesysCloudOM"],
    ]);
    // The AfterCallWorkEvent has no disconnectType: the NOT_SET input is left out.
    expect(JSON.parse(cognigy.received[0].body)).toEqual({ userId: acw.addressTo, topic: "v2.detail.events.conversation.id.acw" });
    expect(JSON.parse(cognigy.received[1].body)).toEqual({
      userId: userEnd.addressTo,
      topic: "v2.detail.events.conversation.id.user.end",
      disconnectType: "client",
    });

    for (const [record, event] of [[acwLog, HANDOVER_EVENTS[0]], [endLog, HANDOVER_EVENTS[1]]] as const) {
      expect(fired(record).map((t) => t.triggerName)).toEqual([event.defaultTriggerName]);
      const execution = fired(record)[0].execution!;
      expect(execution).toMatchObject({ flowName: event.defaultWorkflowName, flowVersion: "1.0", status: "Completed" });
      expect(execution.steps.map((s) => [s.type, s.output])).toEqual([
        ["callData", "success"],
        ["endWorkflow", undefined],
      ]);
      expect(callStep(record)!.http).toMatchObject({ request: { method: "POST", url: `${cognigy.url}/handover/genesysCloudOM` }, response: { status: 200 } });
    }
    expect(emu.events().map((e) => e.id)).toEqual([acwLog.id, endLog.id]);
    expect(emu.event(acwLog.id)).toEqual(acwLog);
  });

  it("a voice call, a disabled trigger and a topic without a trigger deliver nothing, and the log says why", async () => {
    await handoverOrg(api, cognigy.url);
    const voice = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "voice"));
    expect(voice.triggers).toHaveLength(1);
    expect(voice.triggers[0]).toMatchObject({ fired: false, reason: expect.stringContaining('mediaType Equal "MESSAGE"') });
    expect(voice.triggers[0].criteria.map((c) => c.match)).toEqual([false, false]);

    const customerEnd = await emu.publishEvent(sampleTopic("customer.end"), sampleEvent("customer.end", "open-messaging"));
    expect(customerEnd.triggers).toEqual([]);
    expect(cognigy.received).toEqual([]);

    emu.reset();
    api = await login(emu.url);
    await handoverOrg(api, cognigy.url, { enabled: false });
    const disabled = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(disabled.triggers[0]).toMatchObject({ enabled: false, fired: false, reason: "the trigger is disabled" });
    expect(cognigy.received).toEqual([]);
  });

  it("a topic with a real conversation id is the trigger topic with {id}", async () => {
    await handoverOrg(api, cognigy.url);
    const record = await emu.publishEvent("v2.detail.events.conversation.4f1c5a1e-0000-4000-8000-000000000001.acw", sampleEvent("acw", "open-messaging"));
    expect(record.topicName).toBe("v2.detail.events.conversation.{id}.acw");
    expect(cognigy.received).toHaveLength(1);
  });
});

describe("the failure and timeout paths", () => {
  it("Cognigy answering 500 takes the Call Data Action's failure output", async () => {
    await handoverOrg(api, cognigy.url);
    cognigy.reply = { status: 500, body: '{"error":"boom"}' };
    const record = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
    expect(cognigy.received).toHaveLength(1);
    expect(callStep(record)).toMatchObject({
      output: "failure",
      error: { status: 500, message: expect.stringContaining("HTTP 500") },
      http: { response: { status: 500, body: '{"error":"boom"}' } },
    });
  });

  it("nothing listening at Cognigy's URL takes the failure output, naming the refused connection", async () => {
    await handoverOrg(api, await deadUrl());
    const record = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(callStep(record)).toMatchObject({ output: "failure", error: { message: expect.stringContaining("ECONNREFUSED") } });
    expect(callStep(record)!.http!.response).toBeUndefined();
  });

  it("no answer within the action's timeout takes the timeout output", async () => {
    const integration = await enabledIntegration(api);
    const action = handoverAction(integration.id, integration.name, cognigy.url);
    await api.integrations.postIntegrationsActions({ ...action, config: { ...action.config, timeoutSeconds: 1 } } as never);
    const flowId = await publishHandoverWorkflow(api, "Workflow conversation.id.acw", integration.name, "v2.detail.events.conversation.id.acw");
    await trigger(flowId, sampleTopic("acw"));
    cognigy.reply = { status: 200, body: "", hang: true };
    const record = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(callStep(record)).toMatchObject({ output: "timeout", http: { timedOut: true } });
  });
});

async function trigger(flowId: string, topicName: string, extra: Record<string, unknown> = {}) {
  return api.triggers.postProcessautomationTriggers({
    name: `Trigger ${flowId}`,
    topicName,
    enabled: true,
    target: { type: "Workflow", id: flowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [],
    ...extra,
  } as never);
}

describe("a replaced data action", () => {
  it("a published workflow stays bound to the action it resolved; after the action is recreated only a republish delivers again", async () => {
    const org = await handoverOrg(api, cognigy.url);
    // A contract change: delete, then create under the same name (a new id).
    await api.integrations.deleteIntegrationsAction(org.actionId);
    const replaced = await api.integrations.postIntegrationsActions(handoverAction(org.integration.id, org.integration.name, cognigy.url) as never);
    expect(replaced.id).not.toBe(org.actionId);

    const stale = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(cognigy.received).toEqual([]);
    expect(callStep(stale)).toMatchObject({ output: "failure", error: { status: 404, code: "not.found", message: `Unable to find action with id '${org.actionId}'` } });

    const consumers = await api.architect.getArchitectDependencytrackingDeletedresourceconsumers({ objectType: ["WORKFLOWFLOW"], consumedResources: true });
    expect(consumers.entities!.map((e) => e.name).sort()).toEqual(HANDOVER_EVENTS.map((e) => e.defaultWorkflowName).sort());
    expect(consumers.entities![0].consumedResources).toEqual([{ id: org.actionId, name: "Send Event to Cognigy", type: "DATAACTION", deleted: true }]);

    await publishHandoverWorkflow(api, HANDOVER_EVENTS[0].defaultWorkflowName, org.integration.name, HANDOVER_EVENTS[0].workflowTopic);
    const after = await api.architect.getArchitectDependencytrackingDeletedresourceconsumers({ objectType: ["WORKFLOWFLOW"] });
    expect(after.entities!.map((e) => e.name)).toEqual([HANDOVER_EVENTS[1].defaultWorkflowName]);
    const fresh = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(fired(fresh)[0].execution!.flowVersion).toBe("2.0");
    expect(cognigy.received).toHaveLength(1);
  });
});

describe("trigger settings and inputs", () => {
  it("delayBySeconds schedules the workflow instead of running it at once", async () => {
    await handoverOrg(api, cognigy.url, { delayBySeconds: 60 });
    const before = Date.now();
    const record = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    const execution = fired(record)[0].execution!;
    expect(execution.status).toBe("Scheduled");
    expect(Date.parse(execution.startAt)).toBeGreaterThanOrEqual(before + 60_000);
    expect(cognigy.received).toEqual([]);
  });

  it("an event older than eventTTLSeconds fires nothing; a fresh one does", async () => {
    await handoverOrg(api, cognigy.url, { eventTTLSeconds: 10 });
    const old = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging", Date.now() - 60_000));
    expect(old.triggers[0]).toMatchObject({ fired: false, reason: expect.stringContaining("eventTTLSeconds (10)") });
    await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(cognigy.received).toHaveLength(1);
  });

  it("a non-input variable named like an event field keeps the workflow from starting", async () => {
    const integration = await enabledIntegration(api);
    await api.integrations.postIntegrationsActions(handoverAction(integration.id, integration.name, cognigy.url) as never);
    const flowId = await publishHandoverWorkflow(api, "Workflow conversation.id.acw", integration.name, "v2.detail.events.conversation.id.acw");
    const yaml = emu.state().flows[0].yaml.replace(/isInput: true/, "isInput: false");
    expect((await publish(api, yaml)).status).toBe("Success");
    await trigger(flowId, sampleTopic("acw"));
    const record = await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
    expect(fired(record)[0].execution).toMatchObject({ status: "NotStarted", errorMessage: expect.stringContaining("Flow.addressTo") });
    expect(cognigy.received).toEqual([]);
  });
});

describe("workflow execution beyond the handover template", () => {
  const fixture = (name: string) => readFileSync(path.join(__dirname, "..", "fixtures", "workflows", name), "utf8");

  async function fixtureOrg(file: string, dataFormat = "TopLevelPrimitives", moreActions: (integrationId: string, category: string) => object[] = () => []) {
    const integration = await enabledIntegration(api);
    for (const action of [sendEventAction(integration.id, integration.name, `${cognigy.url}/fixture`), ...moreActions(integration.id, integration.name)]) {
      await api.integrations.postIntegrationsActions(action as never);
    }
    const job = await publish(api, fixture(file));
    expect(job.status).toBe("Success");
    await api.triggers.postProcessautomationTriggers({
      name: "Fixture trigger",
      topicName: sampleTopic("user.end"),
      enabled: true,
      target: { type: "Workflow", id: job.flowId!, workflowTargetSettings: { dataFormat } },
      matchCriteria: [],
    } as never);
  }

  it("a decision over Flow. variables takes the yes output for a message and the no output otherwise", async () => {
    await fixtureOrg("decision-yes-no.yaml");
    const yes = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
    const no = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "voice"));
    expect(fired(yes)[0].execution!.steps.map((s) => [s.type, s.output])).toEqual([
      ["decision", "yes"],
      ["callData", "success"],
      ["endWorkflow", undefined],
    ]);
    expect(fired(no)[0].execution!.steps.map((s) => [s.type, s.output ?? s.exitReason])).toEqual([
      ["decision", "no"],
      ["endWorkflow", "not a messaging conversation"],
    ]);
    expect(cognigy.received).toHaveLength(1);
  });

  it("nested Call Data Actions: a success output feeds the next action; a failure fills failureOutputs and takes its branch", async () => {
    await fixtureOrg("nested-calldata-outputs.yaml", "TopLevelPrimitives", (integrationId, category) => [
      {
        ...lookupAction(integrationId, category),
        config: {
          request: { requestUrlTemplate: `${cognigy.url}/contacts/$` + "{input.conversationId}", requestType: "GET" },
          response: { translationMap: { contactId: "$.id" }, successTemplate: '{"contactId": $' + "{contactId}}" },
        },
      },
    ]);
    cognigy.reply = { status: 200, body: '{"id":"contact-7"}' };
    const event = sampleEvent("user.end", "open-messaging");
    const found = fired(await emu.publishEvent(sampleTopic("user.end"), event))[0].execution!;
    expect(found.steps.map((s) => [s.type, s.name, s.output])).toEqual([
      ["callData", "Look up the contact", "success"],
      ["callData", "Send the event", "success"],
      ["endWorkflow", "End Workflow", undefined],
    ]);
    expect(cognigy.received.map((r) => [r.method, r.url])).toEqual([
      ["GET", `/contacts/${event.conversationId}`],
      ["POST", "/fixture"],
    ]);
    expect(JSON.parse(cognigy.received[1].body)).toEqual({ userId: "contact-7", topic: "v2.detail.events.conversation.{id}.acw" });

    cognigy.reply = { status: 404, body: '{"message":"no such contact"}' };
    const missing = fired(await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging")))[0].execution!;
    expect(missing.steps.map((s) => [s.type, s.output ?? s.exitReason])).toEqual([
      ["callData", "failure"],
      ["endWorkflow", "404"],
    ]);
    expect(missing.outputData).toEqual({ errorCode: "bad.request" });
  });

  it("dataFormat Json passes the whole event as Flow.jsonData", async () => {
    await fixtureOrg("json-dataformat.yaml", "Json");
    const event = sampleEvent("user.end", "open-messaging");
    const record = await emu.publishEvent(sampleTopic("user.end"), event);
    expect(fired(record)[0].execution!.inputData).toEqual({ jsonData: event });
    expect(JSON.parse(cognigy.received[0].body)).toMatchObject({ userId: event.addressTo, disconnectType: "client" });
  });

  it("an action the emulator does not execute fails the run naming it, after what ran before", async () => {
    await fixtureOrg("wait-updatedata.yaml");
    const record = await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
    const execution = fired(record)[0].execution!;
    expect(execution.status).toBe("Failed");
    expect(execution.errorMessage).toContain("does not execute 'wait'");
    expect(execution.steps[0]).toMatchObject({
      type: "updateData",
      assigned: { "Flow.topic": "v2.detail.events.conversation.{id}.user.end", "Flow.attempts": 1 },
    });
    expect(execution.steps.map((s) => s.type)).toEqual(["updateData", "changeState", "wait"]);
    expect(cognigy.received).toEqual([]);
  });
});

describe("the control route", () => {
  const post = (body: unknown) => fetch(`${emu.url}/__emulator/events`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("publishes over HTTP and serves the log; bad input is a 400 naming it, with no call made", async () => {
    await handoverOrg(api, cognigy.url);
    const ok = await post({ topic: sampleTopic("acw"), event: sampleEvent("acw", "open-messaging") });
    expect(ok.status).toBe(200);
    const record = (await ok.json()) as EventRecord;
    expect(fired(record)).toHaveLength(1);
    const list = (await (await fetch(`${emu.url}/__emulator/events`)).json()) as { entities: EventRecord[] };
    expect(list.entities.map((e) => e.id)).toEqual([record.id]);
    expect((await fetch(`${emu.url}/__emulator/events/${record.id}`)).status).toBe(200);
    expect((await fetch(`${emu.url}/__emulator/events/nope`)).status).toBe(404);

    const unknown = await post({ topic: "v2.detail.events.conversation.{id}.wrapup", event: {} });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain("Unknown topic 'v2.detail.events.conversation.{id}.wrapup'");
    const badField = await post({ topic: sampleTopic("acw"), event: { mediaType: "MESSAGE", colour: "red" } });
    expect(((await badField.json()) as { message: string }).message).toContain("Unknown property 'colour'");
    expect(cognigy.received).toHaveLength(1);
  });
});

const DAY = { interval: `${new Date(Date.now() - 86_400_000).toISOString()}/${new Date(Date.now() + 60_000).toISOString()}` };
const query = (body: Record<string, unknown>) => api.analytics.postAnalyticsActionsAggregatesQuery(body as never) as Promise<{ results?: Group[] }>;
interface Group {
  group: Record<string, string>;
  data: { interval: string; metrics: { metric: string; stats: { count: number } }[] }[];
}
const executions = (group: Group) => group.data.reduce((sum, bucket) => sum + bucket.metrics[0].stats.count, 0);
const publishBoth = async () => {
  await emu.publishEvent(sampleTopic("acw"), sampleEvent("acw", "open-messaging"));
  await emu.publishEvent(sampleTopic("user.end"), sampleEvent("user.end", "open-messaging"));
};

describe("data action analytics: the runs of the workflows' data action, counted (POST /api/v2/analytics/actions/aggregates/query)", () => {
  it("groups by error type and response status: successes carry none, a remote 500 does", async () => {
    const org = await handoverOrg(api, cognigy.url);
    await publishBoth();
    cognigy.reply = { status: 500, body: '{"error":"down"}' };
    await publishBoth();

    const body = { ...DAY, groupBy: ["actionId", "errorType", "responseStatus"], metrics: ["tTotalExecution"] };
    const { results = [] } = await query(body);
    expect(results.map((g) => [g.group, executions(g)])).toEqual([
      [{ actionId: org.actionId, responseStatus: "200" }, 2],
      [{ actionId: org.actionId, responseStatus: "500", errorType: ACTION_ERROR_TYPES.remoteStatus }, 2],
    ]);
    // One bucket (the default granularity is the interval), its interval the query's.
    expect(results[0].data.map((bucket) => bucket.interval)).toHaveLength(1);
    expect(results[0].data[0].metrics[0].metric).toBe("tTotalExecution");
  });

  it("a receiver that is gone: no response status, error type CONNECTION", async () => {
    await handoverOrg(api, await deadUrl());
    await publishBoth();
    const { results = [] } = await query({ ...DAY, groupBy: ["errorType", "responseStatus"], metrics: ["tTotalExecution"] });
    expect(results.map((g) => [g.group, executions(g)])).toEqual([[{ errorType: ACTION_ERROR_TYPES.connection }, 2]]);
  });

  it("the filter keeps the named action only; nothing matching answers {}", async () => {
    await handoverOrg(api, cognigy.url);
    await publishBoth();
    const named = (name: string) => ({
      ...DAY,
      metrics: ["tTotalExecution"],
      filter: { type: "and", predicates: [{ dimension: "actionName", value: name }, { dimension: "actionCategory", value: "Web Services Data Actions" }] },
    });
    expect(((await query(named("Send Event to Cognigy"))).results ?? []).map(executions)).toEqual([2]);
    expect(await query(named("Another action"))).toEqual({});
  });

  it("test runs of the action (verify's probe) are not counted: the guess in unverified.ts", async () => {
    const org = await handoverOrg(api, cognigy.url);
    cognigy.reply = { status: 404, body: '{"error":"unknown user"}' };
    const test = await api.integrations.postIntegrationsActionTest(org.actionId, { userId: "x", topic: "y", disconnectType: "z" });
    expect(test.success).toBe(false);
    expect(cognigy.received.length).toBeGreaterThan(0);
    expect(await query({ ...DAY, metrics: ["tTotalExecution"] })).toEqual({});
  });

  it("refuses a query without metrics, with an unknown dimension or a bad interval, naming the field", async () => {
    expect(await failure(query({ ...DAY }))).toMatchObject({ status: 400, message: expect.stringContaining("'metrics'") });
    expect(await failure(query({ ...DAY, metrics: ["tTotalExecution"], groupBy: ["flowId"] }))).toMatchObject({
      status: 400,
      message: expect.stringContaining("'groupBy[0]'"),
    });
    expect(await failure(query({ interval: "yesterday", metrics: ["tTotalExecution"] }))).toMatchObject({ status: 400, message: expect.stringContaining("'interval'") });
  });
});
