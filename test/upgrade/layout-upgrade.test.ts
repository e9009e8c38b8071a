// Stacks deployed before the layer restructure of issue 16 upgrade without noticing it. The tree as
// it stood at 05805b9 (the EventBridge integration registered at the stack's top level, no
// HandoverEventBridge component) deploys a stack per cognigy:mode with the real Pulumi CLI against
// the emulator; the current program then runs on the same stack, backend and stack file, as after
// a `git pull`. The aliases must carry every Genesys object over: no step on one but `same`, and
// not one write to Genesys. The same for a stack deployed by the tree before stack identities
// (32f83bc): its objects carry the marker without an identity, and only the identity is created;
// and for one deployed by the tree whose HandoverWebhooks held the identity as its child and whose
// EventBridge integration carried no identity (fccc79f): the identity record moves to the stack's
// top level by its alias, keeping its value, so both sides keep their markers without a write.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import type { RunResult } from "../../dev/pulumi/stack";
import { Objects, writeCalls } from "../lifecycle/org";
import { DYNAMIC, Deployment, genesysSteps, managedResources } from "../support/state";
import { TestStack } from "../support/stack";

const ROOT = path.join(__dirname, "..", "..");
const LAYOUT = "05805b9";
/** The tree before stack identities: markers `cognigy-genesys-handover <project>/<stack>`. */
const NO_IDENTITY = "32f83bc";
/** The tree before the EventBridge side carried the identity: the identity a child of HandoverWebhooks. */
const WEBHOOKS_IDENTITY = "fccc79f";
/** What the program needs of a tree (each where the commit has it: `domain` came with issue 16). */
const BEFORE_TREE = ["Pulumi.yaml", "package.json", "tsconfig.json", "tsconfig.pulumi.json", "stacks", "components", "providers", "domain", "templates"];
const STACK = "upgrade";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const EVENTBRIDGE = {
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};
// The one step the upgrade may show: the record of the new component, in the state only (a
// component has no provider, so nothing reaches Genesys).
const NEW_COMPONENT = "create cognigy:genesyscloud:HandoverEventBridge eventbridge";
// The stack's identity, state only (providers/stack-identity.ts): no call reaches Genesys.
const NEW_IDENTITY = "create pulumi-nodejs:dynamic/cognigy:StackIdentity handover-identity";
// The default provider's inputs hold the whole stack config: a newly declared key (with its
// default, here cognigy:allowReplaceAdopted) updates that record; state only, no object changes.
const NEW_CONFIG_KEY = "update pulumi:providers:pulumi-nodejs default";

/** The modes of domain/modes.ts; self-hosted stays off: the aws provider plugin cannot be installed here. */
const MODES = [
  { before: LAYOUT, mode: "webhooks", config: {}, created: [NEW_IDENTITY, NEW_CONFIG_KEY] },
  { before: LAYOUT, mode: "eventbridge", config: EVENTBRIDGE, created: [NEW_COMPONENT, NEW_IDENTITY, NEW_CONFIG_KEY] },
  { before: LAYOUT, mode: "both", config: EVENTBRIDGE, created: [NEW_COMPONENT, NEW_IDENTITY, NEW_CONFIG_KEY] },
  { before: NO_IDENTITY, mode: "webhooks", config: {}, created: [NEW_IDENTITY, NEW_CONFIG_KEY] },
  { before: WEBHOOKS_IDENTITY, mode: "both", config: EVENTBRIDGE, created: [] },
];

/** The component that holds an object, by the object's name; up to 05805b9 the stack itself held the EventBridge integration. */
const PARENT_BEFORE = (name: string) => (name.startsWith("eventbridge-") ? "pulumi:pulumi:Stack" : "cognigy:genesyscloud:HandoverWebhooks");
const PARENT_NOW = (name: string) => (name.startsWith("eventbridge-") ? "cognigy:genesyscloud:HandoverEventBridge" : "cognigy:genesyscloud:HandoverWebhooks");

const beforeTrees: Record<string, string> = {};

/** The project as it was at `commit`, runnable: its files from git, this checkout's node_modules. */
function extractBefore(commit: string): string {
  const known = spawnSync("git", ["-C", ROOT, "cat-file", "-e", `${commit}^{commit}`]);
  if (known.status !== 0) {
    throw new Error(
      `commit ${commit} (an earlier tree, whose stacks this test upgrades) is not in ${ROOT}: ` +
        "the test needs main's history; run it in a full clone (git fetch --unshallow)",
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cognigy-${commit}-`));
  const tree = BEFORE_TREE.filter((entry) => spawnSync("git", ["-C", ROOT, "cat-file", "-e", `${commit}:${entry}`]).status === 0);
  const archive = execFileSync("git", ["-C", ROOT, "archive", commit, ...tree], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

beforeAll(() => {
  for (const commit of new Set(MODES.map((m) => m.before))) beforeTrees[commit] = extractBefore(commit);
});
afterAll(() => {
  for (const dir of Object.values(beforeTrees)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Steps that change something, as "op type name" (the type without its parents). */
function changes(result: RunResult): string[] {
  return result.steps.filter((step) => step.op !== "same").map((step) => `${step.op} ${step.type} ${step.urn.split("::").pop()}`);
}

function objects(emu: Emulator): Objects {
  const { integrations, actions, flows, triggers } = emu.state();
  return { integrations, actions, flows, triggers };
}

describe.each(MODES)("a stack deployed in $mode mode at $before, run by the current program", ({ before: commit, mode, config: modeConfig, created }) => {
  let emu: Emulator;
  let before: TestStack;
  let after: TestStack;
  let config: Record<string, string>;
  let deployed: Objects;

  beforeAll(async () => {
    emu = await startEmulator({ jobMs: 5 });
    config = {
      "genesyscloud:oauthClientId": DEFAULT_CLIENT.id,
      "genesyscloud:oauthClientSecret": DEFAULT_CLIENT.secret,
      "genesyscloud:apiUrl": emu.url,
      "cognigy:endpointDomain": "trial.cognigy.ai",
      "cognigy:version": "4.98",
      "cognigy:mode": mode,
      ...modeConfig,
    };
    before = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, projectDir: beforeTrees[commit] });
  });
  afterAll(async () => {
    await after?.dispose();
    await before?.dispose();
    await emu?.close();
  });

  /** Each Genesys object's id, type and the type of its parent, by resource name. */
  const managed = async (stack: TestStack) => {
    const state = await stack.exportState();
    const typeOf = (urn: string | undefined) => (state as Deployment).deployment.resources?.find((r) => r.urn === urn)?.type;
    return Object.fromEntries(
      managedResources(state).map((r) => [r.urn.split("::").pop()!, { id: r.id, type: r.type, parent: typeOf(r.parent) }]),
    );
  };
  let deployedResources: Awaited<ReturnType<typeof managed>>;
  /** The engine saw every Genesys object and left each as it was. */
  const allSame = (result: RunResult) =>
    expect(genesysSteps(result.steps)).toEqual(
      Object.entries(deployedResources).map(([name, { type }]) => `same ${type.slice(DYNAMIC.length)} ${name}`).sort(),
    );

  it("the earlier program deploys the stack (up to 05805b9: the EventBridge integration at the stack's top level)", async () => {
    await before.up();
    deployed = objects(emu);
    deployedResources = await managed(before);
    expect(Object.keys(deployedResources).length).toBeGreaterThan(0);
    for (const [name, { parent }] of Object.entries(deployedResources)) expect(parent, name).toBe(commit === LAYOUT ? PARENT_BEFORE(name) : PARENT_NOW(name));
    // The same stack file (its secrets' salt), as a checkout keeps Pulumi.<org>.yaml across a pull.
    after = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, backendDir: before.backendDir });
    fs.copyFileSync(path.join(before.workDir, `Pulumi.${STACK}.yaml`), path.join(after.workDir, `Pulumi.${STACK}.yaml`));
  });

  /** The first run of the current program: no step but the new records (component, identity), not one write to Genesys. */
  const firstRun = async (run: () => Promise<RunResult>) => {
    emu.clearLog();
    const result = await run();
    expect(changes(result).sort()).toEqual([...created].sort());
    allSame(result);
    expect(writeCalls(emu.log().entries)).toEqual([]);
  };

  it("preview: no change to any Genesys object", async () => {
    await firstRun(() => after.preview());
  });

  it("up: no change but the new records, not one write to Genesys, every object kept under its id in the component", async () => {
    await firstRun(() => after.up());
    expect(objects(emu)).toEqual(deployed);
    expect(await managed(after)).toEqual(
      Object.fromEntries(Object.entries(deployedResources).map(([name, resource]) => [name, { ...resource, parent: PARENT_NOW(name) }])),
    );
  });

  it("then preview expects no changes at all", async () => {
    const preview = await after.preview({ expectNoChanges: true });
    expect(changes(preview)).toEqual([]);
    allSame(preview);
  });
});
