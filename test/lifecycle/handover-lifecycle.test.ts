// The handover stack's whole life in one org, through the real Pulumi CLI (Automation API,
// test/support/stack.ts) against the emulator: preview, up, no-op up, endpoint change, workflow rename, drift repaired after refresh, destroy. The steps
// share one emulator and one stack and run in order; each checks the emulator's objects field by
// field and its request log.
import { readFileSync } from "fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import { login } from "../emulator/sdk";
import { releaseWith } from "../support/release";
import { emulatorConfig, TestStack } from "../support/stack";
import { genesysChanges, genesysSteps, managedResources, webhookSteps } from "../support/state";
import {
  callDataInputs,
  DATA_ACTION_NAME,
  GUIDE_EVENTS,
  INTEGRATION_NAME,
  INTEGRATION_TYPE,
  OPEN_MESSAGING_CONDITIONS,
  requestUrl,
} from "../support/guide";
import inputContract from "../../templates/input-contract.json";
import { Objects, orgWithUnrelated, writeCalls } from "./org";

const PROJECT = "cognigy"; // Pulumi.yaml `name`
const STACK = "lifecycle";
const MANAGED_BY = `cognigy-genesys-handover ${PROJECT}/${STACK}`;
/** The stack's identity the marker ends with (a UUID made once per stack). */
const IDENTITY = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const RENAMED_ACW = "Handover after-call work";

let emu: Emulator;
let stack: TestStack;
/** Our objects now; every call also proves the seeded objects unchanged. */
let ours: () => Objects;
let baseConfig: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  ({ ours } = await orgWithUnrelated(emu));
  baseConfig = emulatorConfig(emu, { "cognigy:endpointDomain": "trial.cognigy.ai" });
  // The providers take the target and credentials from the stack config alone (TestStack drops GENESYSCLOUD_*).
  stack = await TestStack.create({ stack: STACK, config: baseConfig, secretKeys: SECRET_KEYS });
  emu.clearLog();
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

/** The request log since the previous call. */
function calls() {
  const entries = emu.log().entries;
  emu.clearLog();
  return entries;
}

/** Our objects after the last step that completed; the steps build on each other. */
let lastStep: Objects | undefined;

/** The previous step's objects; taken, so that a step that fails leaves nothing for the next. */
function previous(): Objects {
  const objects = lastStep;
  lastStep = undefined;
  if (!objects) throw new Error("an earlier step failed; this step starts from its result");
  return objects;
}
let firstUp: { mine: Objects; outputs: Record<string, unknown> } | undefined;

function only<T>(list: T[], what: string): T {
  expect(list, what).toHaveLength(1);
  return list[0];
}

function flowNamed(mine: Objects, name: string) {
  return only(mine.flows.filter((f) => f.name === name), `flow ${name}`);
}

function triggerNamed(mine: Objects, name: string) {
  return only(mine.triggers.filter((t) => t.name === name), `trigger ${name}`);
}

/** The workflow as the guide's step 4 describes it, read from the YAML Genesys published. */
function expectGuideWorkflow(mine: Objects, name: string, workflowTopic: string) {
  const flow = flowNamed(mine, name);
  expect(flow).toMatchObject({ type: "WORKFLOW", division: "Home", inputVariables: ["addressTo", "disconnectType"] });
  expect(flow.versions.length, "published versions").toBeGreaterThan(0);
  const published = flow.versions[flow.versions.length - 1];
  expect(published.datePublished).toBeTruthy();
  expect(published.yaml).toBe(flow.yaml);
  expect(published.variables).toEqual([
    { name: "Flow.addressTo", type: "stringVariable", isInput: true, isOutput: false },
    { name: "Flow.disconnectType", type: "stringVariable", isInput: true, isOutput: false },
  ]);
  const workflow = parse(flow.yaml).workflow;
  expect(workflow.name).toBe(name);
  expect(workflow.description).toContain(MANAGED_BY);
  const actions = workflow.states.flatMap((s: { state: { actions: unknown[] } }) => s.state.actions);
  const callData = only(
    actions.filter((a: Record<string, unknown>) => "callData" in a).map((a: { callData: Record<string, unknown> }) => a.callData),
    "Call Data Action",
  ) as { category: Record<string, { dataAction: Record<string, { inputs: unknown }> }> };
  expect(Object.keys(callData.category)).toEqual([INTEGRATION_NAME]);
  expect(Object.keys(callData.category[INTEGRATION_NAME].dataAction)).toEqual([DATA_ACTION_NAME]);
  expect(callData.category[INTEGRATION_NAME].dataAction[DATA_ACTION_NAME].inputs).toEqual(callDataInputs(workflowTopic));
  return flow;
}

describe("the handover stack's lifecycle in one org", () => {
  it("preview on the empty org makes no API call and reports six creates", async () => {
    const result = await stack.preview();
    // check/diff only, and there is no state to diff: nothing needs the org.
    expect(calls()).toEqual([]);
    expect(genesysSteps(result.steps)).toEqual(webhookSteps("create"));
    expect(managedResources(await stack.exportState())).toEqual([]);
    expect(ours()).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
  });

  it("1. up creates exactly the guide's six objects", async () => {
    const result = await stack.up();
    calls();
    expect(genesysSteps(result.steps).map((s) => s.split(" ")[0])).toEqual(Array(6).fill("create"));
    const mine = ours();

    const integration = only(mine.integrations, "integration");
    expect(integration).toMatchObject({ name: INTEGRATION_NAME, typeId: INTEGRATION_TYPE, intendedState: "ENABLED", notes: expect.stringMatching(new RegExp(`^${MANAGED_BY} ${IDENTITY}$`)) });

    const action = only(mine.actions, "data action");
    expect(action).toMatchObject({ name: DATA_ACTION_NAME, category: INTEGRATION_NAME, integrationId: integration.id });
    expect(action.config.request).toMatchObject({ requestType: "POST", requestUrlTemplate: requestUrl("trial.cognigy.ai") });
    expect(action.contract.input.inputSchema).toEqual(inputContract);
    // Minimal output contract: an object with no declared properties.
    expect(action.contract.output.successSchema).toMatchObject({ type: "object" });
    expect(Object.keys(action.contract.output.successSchema.properties ?? {})).toEqual([]);

    expect(mine.flows).toHaveLength(2);
    expect(mine.triggers).toHaveLength(2);
    for (const event of GUIDE_EVENTS) {
      const flow = expectGuideWorkflow(mine, event.workflowName, event.workflowTopic);
      const trigger = triggerNamed(mine, event.triggerName);
      expect(trigger).toMatchObject({
        topicName: event.triggerTopic,
        target: { type: "Workflow", id: flow.id, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
        enabled: true,
      });
      expect(trigger.matchCriteria).toEqual(OPEN_MESSAGING_CONDITIONS);
      expect(trigger.description).toContain(MANAGED_BY);
    }
    // The secret config reaches the default provider's inputs, encrypted (`pulumi stack export` shows ciphertext).
    expect(JSON.stringify(await stack.exportState())).not.toContain(DEFAULT_CLIENT.secret);
    expect(readFileSync(stack.checkpointFile, "utf8")).not.toContain(DEFAULT_CLIENT.secret);
    lastStep = mine;
    firstUp = { mine, outputs: result.outputs };
  });

  it("1. the stack outputs carry the request URL and every object's id and name", () => {
    if (!firstUp) throw new Error("step 1's up failed");
    const { mine } = firstUp;
    const integration = only(mine.integrations, "integration");
    const action = only(mine.actions, "data action");
    const outputs = firstUp.outputs as Record<string, any>;
    expect(outputs.requestUrl).toBe(requestUrl("trial.cognigy.ai"));
    expect(outputs.integration).toEqual({ id: integration.id, name: INTEGRATION_NAME, adopted: false });
    expect(outputs.dataAction).toEqual({ id: action.id, name: DATA_ACTION_NAME, adopted: false });
    for (const event of GUIDE_EVENTS) {
      expect(outputs.workflows[event.key]).toEqual({ id: flowNamed(mine, event.workflowName).id, name: event.workflowName, adopted: false });
      expect(outputs.triggers[event.key]).toEqual({ id: triggerNamed(mine, event.triggerName).id, name: event.triggerName, adopted: false });
    }
  });

  it("2. a second up changes nothing and makes no write call; preview --expect-no-changes passes", async () => {
    const before = previous();
    const result = await stack.up();
    expect(writeCalls(calls())).toEqual([]);
    expect(genesysSteps(result.steps).map((s) => s.split(" ")[0])).toEqual(Array(6).fill("same"));
    await stack.preview({ expectNoChanges: true });
    expect(calls()).toEqual([]);
    expect(ours()).toEqual(before);
    lastStep = before;
  });

  it("3. preview --diff shows a new endpoint domain as exactly that change on the data action", async () => {
    const before = previous();
    stack.setConfig({ ...baseConfig, "cognigy:endpointDomain": "app.cognigy.ai" }, SECRET_KEYS);
    const result = await stack.preview({ diff: true });
    expect(calls()).toEqual([]);
    expect(genesysChanges(result.steps)).toEqual(["update DataAction handover-data-action"]);
    // What a pull request comment shows: one resource, one property, old value and new.
    const resources = result.stdout.split("--outputs:--")[0].split("\n");
    expect(resources.filter((line) => /^\s*[~+-] [\w-]+:[\w-]+:\w+: \(/.test(line))).toEqual(["    ~ cognigy-genesys:index:DataAction: (update)"]);
    // (The CLI pads property names to the longest input's name: the padding is layout, not content.)
    expect(resources.filter((line) => /^\s*[~+-] \w+\s*:/.test(line)).map((line) => line.trim().replace(/\s+:/, ":"))).toEqual([
      `~ requestUrlTemplate: "${requestUrl("trial.cognigy.ai")}" => "${requestUrl("app.cognigy.ai")}"`,
    ]);
    expect(result.stdout).not.toContain(DEFAULT_CLIENT.secret);
    lastStep = before;
  });

  it("3. a new endpoint domain updates the data action's URL in place; workflows and triggers untouched", async () => {
    const previousStep = previous();
    const result = await stack.up();
    const writes = writeCalls(calls());
    expect(genesysSteps(result.steps).filter((s) => !s.startsWith("same"))).toEqual(["update DataAction handover-data-action"]);
    expect(writes).toEqual(["PATCH /api/v2/integrations/actions/{actionId} → 200"]);

    const mine = ours();
    const before = only(previousStep.actions, "data action");
    const action = only(mine.actions, "data action");
    expect(action.id).toBe(before.id);
    expect(action.config.request.requestUrlTemplate).toBe(requestUrl("app.cognigy.ai"));
    expect(action.version).toBe(before.version + 1);
    expect({ ...action, config: before.config, version: before.version }).toEqual(before);
    expect(result.outputs.requestUrl).toBe(requestUrl("app.cognigy.ai"));
    // Same ids, same versions: nothing about them was written.
    expect(mine.flows).toEqual(previousStep.flows);
    expect(mine.triggers).toEqual(previousStep.triggers);
    expect(mine.integrations).toEqual(previousStep.integrations);
    lastStep = mine;
  });

  it("4. renaming a workflow replaces it: the new flow exists, its trigger targets it, the old flow is gone", async () => {
    const [acw, userEnd] = GUIDE_EVENTS;
    const before = previous();
    const oldFlow = flowNamed(before, acw.workflowName);
    stack.setConfig({ ...baseConfig, "cognigy:endpointDomain": "app.cognigy.ai", "cognigy:workflowNameAcw": RENAMED_ACW }, SECRET_KEYS);
    const result = await stack.up();
    const writes = writeCalls(calls());
    // Create-before-delete: the replacement, the trigger moved to it, then the old flow's delete.
    expect(genesysChanges(result.steps)).toEqual([
      "create-replacement Workflow handover-workflow-acw",
      "delete-replaced Workflow handover-workflow-acw",
      "replace Workflow handover-workflow-acw",
      "update Trigger handover-trigger-acw",
    ]);

    const mine = ours();
    const newFlow = expectGuideWorkflow(mine, RENAMED_ACW, acw.workflowTopic);
    expect(newFlow.id).not.toBe(oldFlow.id);
    expect(mine.flows.map((f) => f.id)).not.toContain(oldFlow.id);
    expect(mine.flows).toHaveLength(2);
    const trigger = triggerNamed(mine, acw.triggerName);
    const triggerBefore = triggerNamed(before, acw.triggerName);
    expect(trigger.id).toBe(triggerBefore.id);
    expect(trigger.target.id).toBe(newFlow.id);
    expect(trigger).toMatchObject({ enabled: true, topicName: acw.triggerTopic, matchCriteria: OPEN_MESSAGING_CONDITIONS });
    expect(result.outputs.workflows).toMatchObject({ acw: { id: newFlow.id, name: RENAMED_ACW } });
    // The other event's pair is untouched.
    expect(flowNamed(mine, userEnd.workflowName)).toEqual(flowNamed(before, userEnd.workflowName));
    expect(triggerNamed(mine, userEnd.triggerName)).toEqual(triggerNamed(before, userEnd.triggerName));
    expect(mine.actions).toEqual(before.actions);
    // The trigger moved before the old flow was deleted (Genesys refuses to delete a target).
    expect(writes.filter((w) => w.startsWith("DELETE"))).toEqual(["DELETE /api/v2/flows/{flowId} → 204"]);
    expect(writes.indexOf("PUT /api/v2/processautomation/triggers/{triggerId} → 200")).toBeLessThan(
      writes.indexOf("DELETE /api/v2/flows/{flowId} → 204"),
    );
    lastStep = mine;
  });

  it("4. a data action contract change replaces the action, and both workflows are republished calling the new one", async () => {
    previous();
    // The stack as an earlier release with another output contract left it: Genesys cannot patch
    // a contract, so the action must be replaced (create first: contract-change.test.ts).
    const older = { type: "object", properties: { status: { type: "string" } }, additionalProperties: true };
    const release = releaseWith({ "output-contract.json": older });
    const config = { ...baseConfig, "cognigy:endpointDomain": "app.cognigy.ai", "cognigy:workflowNameAcw": RENAMED_ACW };
    const earlier = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, backendDir: stack.backendDir, projectDir: release.dir });
    try {
      await earlier.up();
    } finally {
      await earlier.dispose();
      release.dispose();
    }
    const oldAction = only(ours().actions, "data action");
    expect(oldAction.contract.output.successSchema).toEqual(older);
    calls();

    const result = await stack.up();
    calls();
    const changes = genesysChanges(result.steps);
    expect(changes.filter((s) => s.includes("DataAction"))).toEqual([
      "create-replacement DataAction handover-data-action",
      "delete-replaced DataAction handover-data-action",
      "replace DataAction handover-data-action",
    ]);
    const mine = ours();
    const newAction = only(mine.actions, "data action");
    expect(newAction.id).not.toBe(oldAction.id);
    expect(newAction.contract.input.inputSchema).toEqual(inputContract);
    for (const event of GUIDE_EVENTS) {
      // The acw workflow carries the name step 4 gave it.
      const flow = flowNamed(mine, event.key === "acw" ? RENAMED_ACW : event.workflowName);
      const published = flow.versions[flow.versions.length - 1];
      expect(published.dataActions, `${flow.name} calls the new action`).toEqual([
        { category: INTEGRATION_NAME, name: DATA_ACTION_NAME, actionId: newAction.id },
      ]);
      expect(triggerNamed(mine, event.triggerName).target.id).toBe(flow.id);
    }
    lastStep = mine;
  });

  it("5. a trigger disabled behind the tool's back shows in refresh and is enabled again by the next up", async () => {
    const [acw] = GUIDE_EVENTS;
    const live = triggerNamed(previous(), acw.triggerName);
    const api = await login(emu.url);
    const { id, createdAt, ...body } = live;
    await api.triggers.putProcessautomationTrigger(id, { ...body, enabled: false } as never);
    expect(triggerNamed(ours(), acw.triggerName)).toMatchObject({ id, enabled: false, version: live.version + 1 });
    calls();

    const refreshed = await stack.refresh();
    expect(writeCalls(calls())).toEqual([]);
    expect(refreshed.changes).toMatchObject({ update: 1 });
    const entry = managedResources(await stack.exportState()).find((r) => r.id === id);
    expect(entry?.outputs).toMatchObject({ enabled: false, version: live.version + 1 });

    const result = await stack.up();
    const writes = writeCalls(calls());
    expect(genesysSteps(result.steps).filter((s) => !s.startsWith("same"))).toEqual(["update Trigger handover-trigger-acw"]);
    expect(writes).toEqual(["PUT /api/v2/processautomation/triggers/{triggerId} → 200"]);
    const trigger = triggerNamed(ours(), acw.triggerName);
    expect(trigger).toMatchObject({ id, enabled: true, version: live.version + 2, target: live.target });
    expect(trigger.matchCriteria).toEqual(OPEN_MESSAGING_CONDITIONS);
  });

  it("6. destroy deletes triggers, then workflows, then the action, then the integration; the seeded objects stay", async () => {
    const result = await stack.destroy();
    const deletes = calls().filter((e) => e.method === "DELETE");
    expect(genesysSteps(result.steps).map((s) => s.split(" ")[0])).toEqual(Array(6).fill("delete"));
    const order = [
      "DELETE /api/v2/processautomation/triggers/{triggerId}",
      "DELETE /api/v2/flows/{flowId}",
      "DELETE /api/v2/integrations/actions/{actionId}",
      "DELETE /api/v2/integrations/{integrationId}",
    ];
    expect(deletes.map((e) => `${e.route} → ${e.status}`).sort()).toEqual(
      [order[0], order[0], order[1], order[1], order[2], order[3]].map((r) => `${r} → ${r.includes("{integrationId}") ? 200 : 204}`).sort(),
    );
    // Each kind's deletes arrive only after every delete of the kind before it was answered.
    for (let i = 1; i < order.length; i++) {
      const before = deletes.filter((e) => e.route === order[i - 1]);
      const after = deletes.filter((e) => e.route === order[i]);
      expect(Math.min(...after.map((e) => e.t)), `${order[i]} after ${order[i - 1]}`).toBeGreaterThanOrEqual(
        Math.max(...before.map((e) => e.t + e.durationMs)),
      );
    }
    expect(ours()).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
    expect(managedResources(await stack.exportState())).toEqual([]);
  });
});
