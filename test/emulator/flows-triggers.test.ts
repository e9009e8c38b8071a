import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Apis, failure, login } from "./sdk";
import { CATEGORY, enabledIntegration, publish, sendEventAction } from "./world";

const ACW = "v2.detail.events.conversation.{id}.acw";
const USER_END = "v2.detail.events.conversation.{id}.user.end";
const MINIMAL = readFileSync(join(__dirname, "..", "fixtures", "workflows", "minimal-no-data-action.yaml"), "utf8");
const named = (name: string) => MINIMAL.replace("name: Fixture minimal trigger target", `name: ${name}`);

let emu: Emulator;
let api: Apis;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  api = await login(emu.url);
  const integration = await enabledIntegration(api);
  await api.integrations.postIntegrationsActions(sendEventAction(integration.id, CATEGORY));
});
afterAll(() => emu.close());

function trigger(flowId: string, extra: Record<string, unknown> = {}) {
  return {
    name: "Handover ACW",
    topicName: ACW,
    enabled: true,
    target: { type: "Workflow", id: flowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" as unknown as object }],
    eventTTLSeconds: 60,
    ...extra,
  };
}

describe("flow jobs", () => {
  it("registers a job with a presigned URL on the emulator; upload without the signed headers → 403", async () => {
    const job = await api.architect.postFlowsJobs();
    expect(job.presignedUrl!.startsWith(emu.url)).toBe(true);
    expect(Object.keys(job.headers!).length).toBeGreaterThan(0);
    expect((await api.architect.getFlowsJob(job.id!)).status).toBe("Registered");
    const bare = await fetch(job.presignedUrl!, { method: "PUT", body: MINIMAL });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain("AccessDenied");
    expect((await fetch(`${emu.url}/uploads/architect-jobs/nope`, { method: "PUT", headers: job.headers, body: "x" })).status).toBe(403);
    // S3 also refuses an x-amz-* header the URL did not sign.
    const extra = await fetch(job.presignedUrl!, { method: "PUT", headers: { ...job.headers, "x-amz-acl": "public-read" }, body: MINIMAL });
    expect(extra.status).toBe(403);
    expect(await extra.text()).toContain("not signed: x-amz-acl");
    // The signed headers alone are accepted; what Content-Type came along is kept for tests.
    expect((await fetch(job.presignedUrl!, { method: "PUT", headers: job.headers, body: Buffer.from(MINIMAL) })).status).toBe(200);
    expect(emu.state().jobs.find((j) => j.id === job.id)?.uploadContentType).toBeUndefined();
  });

  it("runs Registered → Started → Success asynchronously and publishes the flow (unlocked, WORKFLOW)", async () => {
    emu.configure({ jobMs: 600_000 });
    try {
      const job = await api.architect.postFlowsJobs();
      await fetch(job.presignedUrl!, { method: "PUT", headers: job.headers, body: named("Async flow") });
      const started = await api.architect.getFlowsJob(job.id!);
      expect(started.status).toBe("Started");
      expect(started.messages).toBeUndefined();
      expect(emu.state().flows.map((f) => f.name)).not.toContain("Async flow");
      emu.configure({ jobMs: 5 });
      let done = started;
      while (done.status === "Started") done = await api.architect.getFlowsJob(job.id!, { expand: ["messages"] });
      expect(done).toMatchObject({ status: "Success", command: "Publish" });
      // Job messages are only "Error" or "Warning" (ArchitectJobMessage.type): a publish reports none.
      expect(done.messages).toEqual([]);
      const flow = await api.architect.getFlow(done.flow!.id!);
      expect(flow).toMatchObject({ name: "Async flow", type: "WORKFLOW" });
      expect(flow.lockedClient).toBeUndefined();
      expect(emu.state().jobs.find((j) => j.id === job.id)?.finishedAt).toBeGreaterThan(0);
    } finally {
      emu.configure({ jobMs: 5 });
    }
  });

  it("reports failures in Genesys's message shape, and can fail a job without any message", async () => {
    const broken = await publish(api, named("Broken").replace("startUpRef: \"/workflow/states/state[", "startUpRef: \"/workflow/states/state[x"));
    expect(broken.status).toBe("Failure");
    for (const message of broken.messages) {
      expect(message).toMatchObject({ type: "Error", text: expect.any(String), dateTime: expect.any(String), details: expect.any(Array) });
    }
    emu.failNextJob();
    const silent = await publish(api, named("Silent failure"));
    expect(silent).toMatchObject({ status: "Failure", messages: [] });
  });

  it("overwrites a flow of the same name (new version) and keeps the old one on rename", async () => {
    const first = await publish(api, named("Overwrite me"));
    const second = await publish(api, named("Overwrite me"));
    expect(second.flowId).toBe(first.flowId);
    const flow = await api.architect.getFlow(first.flowId!);
    expect(flow.publishedVersion?.id).toBe("2.0");
    const version = await api.architect.getFlowVersion(first.flowId!, "2.0");
    expect(version.inputSchema?.properties).toEqual({ conversationId: { type: "string" } });
    expect(await failure(api.architect.getFlowVersion(first.flowId!, "9.0"))).toMatchObject({ status: 404 });
    const renamed = await publish(api, named("Overwrite me renamed"));
    expect(renamed.flowId).not.toBe(first.flowId);
    await api.architect.getFlow(first.flowId!);
  });

  it("serves each published version's configuration as JSON, the same on every read (shape unverified: CONFIGURATION_SHAPE)", async () => {
    const first = await publish(api, named("Configured flow"));
    const second = await publish(api, named("Configured flow").replace("name: End Workflow", "name: Finish"));
    const v1 = await api.architect.getFlowVersionConfiguration(first.flowId!, "1.0");
    expect(v1).toMatchObject({ id: first.flowId, name: "Configured flow", type: "WORKFLOW", manifest: { dataAction: [] } });
    expect(await api.architect.getFlowVersionConfiguration(first.flowId!, "1.0")).toEqual(v1);
    expect(await api.architect.getFlowVersionConfiguration(second.flowId!, "2.0")).not.toEqual(v1);
    expect(await failure(api.architect.getFlowVersionConfiguration(first.flowId!, "9.0"))).toMatchObject({ status: 404 });
  });

  it("lists flows with a loose name match and the type filter", async () => {
    await publish(api, named("Listing Alpha"));
    await publish(api, named("Listing Beta"));
    const loose = await api.architect.getFlows({ type: ["workflow"], name: "listing" });
    expect(loose.entities!.map((f) => f.name).sort()).toEqual(["Listing Alpha", "Listing Beta"]);
    expect(loose.entities!.every((f) => f.type === "WORKFLOW")).toBe(true);
    expect((await api.architect.getFlows({ type: ["inboundcall"], name: "listing" })).entities).toEqual([]);
  });

  it("deletes with 204; 409 while locked (unlock frees it) or targeted by a trigger; 404 after", async () => {
    const { flowId } = await publish(api, named("Delete me"));
    emu.lockFlow(flowId!);
    expect((await api.architect.getFlow(flowId!)).lockedClient?.id).toBeTruthy();
    expect(await failure(api.architect.deleteFlow(flowId!))).toMatchObject({ status: 409 });
    const locked = await publish(api, named("Delete me"));
    expect(locked.status).toBe("Failure");
    expect(locked.messages[0].text).toContain("locked");
    const unlocked = await api.architect.postFlowsActionsUnlock(flowId!);
    expect(unlocked.lockedClient).toBeUndefined();
    // A person's lock reads back as lockedUser; delete names them; the unlock frees it too.
    emu.lockFlow(flowId!, { user: { id: "u-7", name: "Ann Lee" } });
    expect(await api.architect.getFlow(flowId!)).toMatchObject({ lockedUser: { id: "u-7", name: "Ann Lee", selfUri: "/api/v2/users/u-7" } });
    expect(await failure(api.architect.deleteFlow(flowId!))).toMatchObject({ status: 409, message: expect.stringContaining("locked by 'Ann Lee'") });
    expect((await api.architect.postFlowsActionsUnlock(flowId!)).lockedUser).toBeUndefined();
    const t = await api.triggers.postProcessautomationTriggers(trigger(flowId!));
    expect(await failure(api.architect.deleteFlow(flowId!))).toMatchObject({ status: 409 });
    await api.triggers.deleteProcessautomationTrigger(t.id!);
    expect(await api.architect.deleteFlow(flowId!)).toBeUndefined();
    expect(await failure(api.architect.deleteFlow(flowId!))).toMatchObject({ status: 404, code: "not.found" });
    expect(await failure(api.architect.getFlowsJob("nope"))).toMatchObject({ status: 404 });
  });

  it("fails a job whose data action belongs to a disabled integration", async () => {
    const yaml = readFileSync(join(__dirname, "..", "fixtures", "workflows", "json-dataformat.yaml"), "utf8");
    const integrationId = emu.state().integrations.find((i) => i.name === CATEGORY)!.id;
    await api.integrations.patchIntegration(integrationId, { body: { intendedState: "DISABLED" } });
    try {
      const outcome = await publish(api, yaml);
      expect(outcome.status).toBe("Failure");
      expect(outcome.messages[0].text).toContain("Unable to find a data action named 'Send Event to Cognigy'");
    } finally {
      await api.integrations.patchIntegration(integrationId, { body: { intendedState: "ENABLED" } });
    }
  });
});

describe("the org's home division", () => {
  it("has the name the org gave it: divisions/home answers it, a workflow without a division lands in it, 'Home' is unknown there", async () => {
    const renamed = await startEmulator({ jobMs: 5, homeDivision: "New Home" });
    try {
      const api = await login(renamed.url);
      const home = await api.authorization.getAuthorizationDivisionsHome();
      expect(home).toMatchObject({ name: "New Home", homeDivision: true });
      const withoutDivision = await publish(api, named("No division").replace("  division: Home\n", ""));
      expect(withoutDivision.status).toBe("Success");
      const flow = await api.architect.getFlow(withoutDivision.flowId!);
      expect(flow.division).toMatchObject({ id: home.id, name: "New Home" });
      const inHome = await publish(api, named("Named Home"));
      expect(inHome.status).toBe("Failure");
      expect(inHome.messages.map((m) => m.text)).toContain("Unable to find division 'Home'");
      expect((await publish(api, named("Named New Home").replace("division: Home", "division: New Home"))).status).toBe("Success");
    } finally {
      await renamed.close();
    }
  });
});

describe("process automation triggers", () => {
  let flowId: string;
  beforeAll(async () => {
    flowId = (await publish(api, named("Trigger target")))!.flowId!;
  });

  it("creates with version 1 and the default dataFormat; reads it back", async () => {
    const t = await api.triggers.postProcessautomationTriggers({ ...trigger(flowId), target: { type: "Workflow", id: flowId } });
    expect(t).toMatchObject({ version: 1, topicName: ACW, target: { workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } } });
    expect((await api.triggers.getProcessautomationTrigger(t.id!)).name).toBe("Handover ACW");
    await api.triggers.deleteProcessautomationTrigger(t.id!);
  });

  it("rejects every invalid body with 400 naming the problem", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ topicName: "v2.detail.events.conversation.{id}.nope" }, "Unknown topic"],
      [{ topicName: "v2.detail.events.conversation.123.acw" }, "Unknown topic"],
      [{ enabled: "yes" }, "'enabled'"],
      [{ target: { type: "Workflow", id: "no-such-flow" } }, "published workflow"],
      [{ target: { type: "Flow", id: flowId } }, "target.type"],
      [{ target: { type: "Workflow", id: flowId, workflowTargetSettings: { dataFormat: "Xml" } } }, "dataFormat"],
      [{ matchCriteria: [{ jsonPath: "mediaType", operator: "Like", value: "X" }] }, "operator"],
      [{ matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "X", values: ["X"] }] }, "exactly one of"],
      [{ matchCriteria: [{ jsonPath: "mediaType", operator: "Equal" }] }, "exactly one of"],
      [{ matchCriteria: [{ jsonPath: "mediaType", operator: "In", value: "X" }] }, "'values'"],
      [{ matchCriteria: [{ jsonPath: "mediaType", operator: "Exists", value: "yes" }] }, "boolean"],
      [{ matchCriteria: [{ jsonPath: "mediatype", operator: "Equal", value: "X" }] }, "names no field"],
      [{ matchCriteria: [{ jsonPath: "disconnectType", operator: "Equal", value: "CLIENT" }] }, "names no field"],
      [{ delayBySeconds: 120 }, "cannot be used together"],
      [{ eventTTLSeconds: 5 }, "eventTTLSeconds"],
      [{ eventTTLSeconds: undefined, delayBySeconds: 30 }, "delayBySeconds"],
      [{ eventTTLSeconds: undefined, delayBySeconds: 901 }, "delayBySeconds"],
      [{ description: "d".repeat(513) }, "512"],
      [{ name: "" }, "'name'"],
    ];
    for (const [patch, word] of cases) {
      const err = await failure(api.triggers.postProcessautomationTriggers(trigger(flowId, patch) as never));
      expect(err.status, JSON.stringify(patch)).toBe(400);
      expect(err.message, JSON.stringify(patch)).toContain(word);
    }
    const ok = await api.triggers.postProcessautomationTriggers(trigger(flowId, { eventTTLSeconds: undefined, delayBySeconds: 900 }) as never);
    await api.triggers.deleteProcessautomationTrigger(ok.id!);
  });

  it("updates with PUT and the current version; stale → 409; topicName change → 400", async () => {
    const t = await api.triggers.postProcessautomationTriggers(trigger(flowId));
    const updated = await api.triggers.putProcessautomationTrigger(t.id!, { ...trigger(flowId), enabled: false, version: 1 });
    expect(updated).toMatchObject({ version: 2, enabled: false });
    expect(await failure(api.triggers.putProcessautomationTrigger(t.id!, { ...trigger(flowId), version: 1 }))).toMatchObject({ status: 409 });
    const moved = await failure(api.triggers.putProcessautomationTrigger(t.id!, { ...trigger(flowId), topicName: USER_END, version: 2 }));
    expect(moved.status).toBe(400);
    expect(moved.message).toContain("topicName");
    await api.triggers.deleteProcessautomationTrigger(t.id!);
    expect(await failure(api.triggers.getProcessautomationTrigger(t.id!))).toMatchObject({ status: 404 });
    expect(await failure(api.triggers.deleteProcessautomationTrigger(t.id!))).toMatchObject({ status: 404 });
  });

  it("lists cursor-style with topicName and enabled filters", async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await api.triggers.postProcessautomationTriggers(trigger(flowId, { name: `list ${i}`, enabled: i !== 1 })));
    const page1 = await api.triggers.getProcessautomationTriggers({ topicName: ACW, pageSize: "2" });
    expect(page1.entities).toHaveLength(2);
    const after = new URL(page1.nextUri!, emu.url).searchParams.get("after")!;
    const page2 = await api.triggers.getProcessautomationTriggers({ topicName: ACW, pageSize: "2", after });
    expect([...page1.entities!, ...page2.entities!].map((t) => t.name)).toEqual(["list 0", "list 1", "list 2"]);
    expect(page2.nextUri).toBeUndefined();
    const enabled = await api.triggers.getProcessautomationTriggers({ topicName: ACW, enabled: true });
    expect(enabled.entities!.map((t) => t.name)).toEqual(["list 0", "list 2"]);
    expect((await api.triggers.getProcessautomationTriggers({ topicName: USER_END })).entities).toEqual([]);
    expect(await failure(api.triggers.getProcessautomationTriggers({ pageSize: "201" }))).toMatchObject({ status: 400 });
    for (const t of made) await api.triggers.deleteProcessautomationTrigger(t.id!);
  });

  it("tests a trigger and a topic against posted events", async () => {
    const t = await api.triggers.postProcessautomationTriggers(
      trigger(flowId, {
        matchCriteria: [
          { jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" },
          { jsonPath: "messageType", operator: "In", values: ["OPEN", "WEBMESSAGING"] },
        ],
      }),
    );
    const hit = { mediaType: "MESSAGE", messageType: "OPEN", addressTo: "user-1", conversationId: "c1" };
    const result = await api.triggers.postProcessautomationTriggerTest(t.id!, { body: JSON.stringify(hit) });
    expect(result.triggerMatches).toBe(true);
    expect(result.schemaValidation?.matches).toBe(true);
    const miss = await api.triggers.postProcessautomationTriggerTest(t.id!, { body: JSON.stringify({ ...hit, mediaType: "VOICE" }) });
    expect(miss.triggerMatches).toBe(false);
    expect(miss.jsonPathValidation?.details?.map((d) => d.match)).toEqual([false, true]);
    const badSchema = await api.triggers.postProcessautomationTriggerTest(t.id!, { body: JSON.stringify({ ...hit, disconnectType: "CLIENT" }) });
    expect(badSchema.schemaValidation?.matches).toBe(false);
    const topic = await api.triggers.postProcessautomationTriggersTopicTest(ACW, { body: JSON.stringify(hit) });
    expect(topic.triggerMatchValidation?.matchedTriggers?.map((x) => x.id)).toEqual([t.id]);
    const topicMiss = await api.triggers.postProcessautomationTriggersTopicTest(ACW, { body: JSON.stringify({ mediaType: "VOICE" }) });
    expect(topicMiss.triggerMatchValidation?.unmatchedTriggers?.map((x) => x.id)).toEqual([t.id]);
    expect(await failure(api.triggers.postProcessautomationTriggersTopicTest("v2.nope", { body: "{}" }))).toMatchObject({ status: 404 });
    await api.triggers.deleteProcessautomationTrigger(t.id!);
  });

  it("lists the known topics and matches the path case-insensitively", async () => {
    const topics = await api.triggers.getProcessautomationTriggersTopics();
    expect(topics.entities).toEqual([ACW, USER_END, "v2.detail.events.conversation.{id}.user.start", "v2.detail.events.conversation.{id}.customer.end"]);
    const res = await fetch(`${emu.url}/api/v2/processAutomation/triggers/topics/${encodeURIComponent(ACW)}/test`, {
      method: "POST",
      headers: { Authorization: `Bearer ${api.token}`, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(200);
  });
});
