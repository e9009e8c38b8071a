// Hand edits in Genesys, through the real Pulumi CLI against the emulator: a workflow republished
// in Architect (through the flow jobs API, as Architect publishes), a trigger disabled and its
// conditions narrowed, and the integration disabled, by hand. CI's pull-request preview runs `pulumi preview --refresh` with a read-only
// OAuth client (view permissions only) and must show all three; that client cannot change the
// org (`up` is refused with Genesys's 403 naming the permission); deploy's `up --refresh` with
// the write client repairs all three, after which a refreshing preview shows nothing. As in CI,
// the credentials come from the job's environment (GENESYSCLOUD_OAUTHCLIENT_*), not the stack
// config: one state, two runners with different clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import { readOnlyPermissions } from "../../domain/permissions";
import { login } from "../emulator/sdk";
import { publish } from "../emulator/world";
import { GUIDE_EVENTS, OPEN_MESSAGING_CONDITIONS } from "../support/guide";
import { TestStack, testEnv } from "../support/stack";
import { genesysChanges } from "../support/state";
import type { Step } from "../../dev/pulumi/stack";
import { Objects, orgWithUnrelated, writeCalls } from "./org";

const READ_ONLY = { id: "ci-preview-client", secret: "ci-preview-secret" };
const [ACW, USER_END] = GUIDE_EVENTS;
/** What the three hand edits make preview show, and `up` repair. */
const DRIFTED = ["update Integration handover-integration", "update Trigger handover-trigger-user-end", "update Workflow handover-workflow-acw"];

let emu: Emulator;
/** Deploy's runner: the write client. */
let deploy: TestStack;
/** The pull request's runner: the read-only client, the same state. */
let preview: TestStack;
let ours: () => Objects;

function clientEnv(client: { id: string; secret: string }): NodeJS.ProcessEnv {
  return { ...testEnv(), GENESYSCLOUD_OAUTHCLIENT_ID: client.id, GENESYSCLOUD_OAUTHCLIENT_SECRET: client.secret };
}

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  ({ ours } = await orgWithUnrelated(emu));
  emu.addClient(READ_ONLY.id, READ_ONLY.secret, readOnlyPermissions());
  const config = { "genesyscloud:apiUrl": emu.url, "cognigy:endpointDomain": "trial.cognigy.ai" };
  deploy = await TestStack.create({ stack: "drift", config, env: clientEnv(DEFAULT_CLIENT) });
  preview = await TestStack.create({ stack: "drift", config, env: clientEnv(READ_ONLY), backendDir: deploy.backendDir });
});
afterAll(async () => {
  await preview?.dispose();
  await deploy?.dispose();
  await emu?.close();
});

/** The steps that change an object (a refreshing run also lists a `refresh` step per object). */
function changes(steps: Step[]): string[] {
  return genesysChanges(steps).filter((s) => !s.startsWith("refresh "));
}

function calls() {
  const entries = emu.log().entries;
  emu.clearLog();
  return entries;
}

function named<T extends { name: string }>(list: T[], name: string): T {
  const found = list.filter((o) => o.name === name);
  expect(found, name).toHaveLength(1);
  return found[0];
}

/** The `topic` literal the workflow's published version sends to Cognigy. */
function publishedTopic(yaml: string): unknown {
  const callData = parseDocument(yaml).getIn(["workflow", "states", 0, "state", "actions", 0, "callData"]) as { toJSON(): any };
  const [category] = Object.values(callData.toJSON().category) as any[];
  const [action] = Object.values(category.dataAction) as any[];
  return action.inputs.topic.lit;
}

describe("drift made by hand in Genesys", () => {
  let stackYaml: string;

  it("0. deploy's first up makes the six objects", async () => {
    const result = await deploy.up();
    expect(changes(result.steps).filter((s) => s.startsWith("create "))).toHaveLength(6);
  });

  it("1. an admin republishes a workflow in Architect, disables a trigger and changes its conditions, and disables the integration", async () => {
    const mine = ours();
    const flow = named(mine.flows, ACW.workflowName);
    stackYaml = flow.versions[flow.versions.length - 1].yaml;
    expect(publishedTopic(stackYaml)).toBe(ACW.workflowTopic);
    const api = await login(emu.url);

    // Architect republishes the flow with another topic: the same flow, a new version.
    const doc = parseDocument(stackYaml);
    const callData = ["workflow", "states", 0, "state", "actions", 0, "callData"];
    const category = Object.keys((doc.getIn([...callData, "category"]) as { toJSON(): object }).toJSON())[0];
    const action = Object.keys((doc.getIn([...callData, "category", category, "dataAction"]) as { toJSON(): object }).toJSON())[0];
    doc.setIn([...callData, "category", category, "dataAction", action, "inputs", "topic", "lit"], "hand-edited.topic");
    const job = await publish(api, doc.toString());
    expect(job).toMatchObject({ status: "Success", flowId: flow.id });

    const trigger = named(mine.triggers, USER_END.triggerName);
    const { id, createdAt: _createdAt, ...body } = trigger;
    expect(trigger.matchCriteria).toEqual(OPEN_MESSAGING_CONDITIONS);
    await api.triggers.putProcessautomationTrigger(id, { ...body, enabled: false, matchCriteria: OPEN_MESSAGING_CONDITIONS.slice(0, 1) } as never);
    const integration = mine.integrations[0];
    await api.integrations.patchIntegration(integration.id, { body: { intendedState: "DISABLED" } } as never);

    const edited = ours();
    expect(publishedTopic(named(edited.flows, ACW.workflowName).yaml)).toBe("hand-edited.topic");
    expect(named(edited.triggers, USER_END.triggerName)).toMatchObject({ enabled: false, matchCriteria: OPEN_MESSAGING_CONDITIONS.slice(0, 1) });
    expect(edited.integrations[0].intendedState).toBe("DISABLED");
  });

  it("2. CI's preview --refresh with the read-only client shows all three and writes nothing", async () => {
    calls();
    const result = await preview.preview({ refresh: true });
    const log = calls();
    expect(writeCalls(log)).toEqual([]);
    expect(log.filter((e) => e.status === 403).map((e) => e.route)).toEqual([]);
    expect(log.some((e) => e.clientId === READ_ONLY.id)).toBe(true);
    expect(log.filter((e) => e.clientId !== null && e.clientId !== READ_ONLY.id)).toEqual([]);
    expect(changes(result.steps)).toEqual(DRIFTED);
    // As the pull-request comment shows it: which field differs.
    expect(result.stdout).toMatch(/Workflow handover-workflow-acw\s+update \[diff: ~yaml\]/);
    expect(result.stdout).toMatch(/Trigger handover-trigger-user-end\s+update \[diff: ~enabled,matchCriteria\]/);
    expect(result.stdout).toMatch(/Integration handover-integration\s+update \[diff: ~enabled\]/);
  });

  it("3. up with the read-only client is refused by Genesys's 403 naming the permission, and changes nothing", async () => {
    calls();
    const refused = await preview.up({ refresh: true }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(refused?.message).toMatch(/missing the following permission\(s\): \[(integrations:integration:edit|processautomation:trigger:edit|architect:job:create)\]/);
    const writes = calls().filter((e) => e.method !== "GET" && e.route !== "POST /oauth/token");
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((e) => e.status !== 403)).toEqual([]);
    expect(named(ours().triggers, USER_END.triggerName).enabled).toBe(false);
  });

  it("4. deploy's up --refresh with the write client repairs all three; a refreshing preview then shows no change", async () => {
    const result = await deploy.up({ refresh: true });
    expect(changes(result.steps)).toEqual(DRIFTED);
    const repaired = ours();
    const flow = named(repaired.flows, ACW.workflowName);
    expect(flow.yaml).toBe(stackYaml);
    expect(publishedTopic(flow.yaml)).toBe(ACW.workflowTopic);
    expect(named(repaired.triggers, USER_END.triggerName)).toMatchObject({ enabled: true, matchCriteria: OPEN_MESSAGING_CONDITIONS });
    expect(repaired.integrations[0].intendedState).toBe("ENABLED");

    const after = await preview.preview({ refresh: true });
    expect(changes(after.steps)).toEqual([]);
  });
});
