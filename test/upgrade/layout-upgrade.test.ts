// Stacks deployed before the provider plugin move to it with `npm run migrate` (tools/migrate), in
// their state only. The trees of earlier layouts deploy a stack per cognigy:mode with the real
// Pulumi CLI against the emulator: 05805b9 (the EventBridge integration at the stack's top level,
// no HandoverEventBridge component, no identity), 32f83bc (markers without an identity), fccc79f
// (the identity a child of HandoverWebhooks, the EventBridge integration's marker without it) and
// 11b863a (the last main of dynamic providers). The current program then runs on the same stack,
// backend and stack file, as after a `git pull`: its guard refuses the stack in preview and up (not
// one write to Genesys); the migration backs the state up, moves every record to the plugin with no
// write to Genesys and a preview without a change to any Genesys object, and a second run changes
// nothing; the next up leaves every object as it was (only records without a Genesys object, the
// identity and the new component, are added) and restores the outputs; destroy removes the objects.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import { extractTree } from "../../dev/pulumi/earlier-tree";
import type { RunResult } from "../../dev/pulumi/stack";
import { StackRunError } from "../../dev/pulumi/stack";
import { type MigrationOps, migrateStack } from "../../tools/migrate/migrate";
import { pluginType } from "../../tools/migrate/rewrite";
import { Objects, writeCalls } from "../lifecycle/org";
import { DYNAMIC, Deployment, STACK_IDENTITY_TYPE, genesysSteps } from "../support/state";
import { TestStack } from "../support/stack";

const LAYOUT = "05805b9";
/** The tree before stack identities: markers `cognigy-genesys-handover <project>/<stack>`. */
const NO_IDENTITY = "32f83bc";
/** The tree before the EventBridge side carried the identity: the identity a child of HandoverWebhooks. */
const WEBHOOKS_IDENTITY = "fccc79f";
/** The last tree of dynamic providers: one identity at the stack's top level, for both components. */
const LAST_DYNAMIC = "11b863a";
const STACK = "upgrade";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const EVENTBRIDGE = {
  "cognigy:eventBridgeAwsAccountId": "123456789012",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "cognigy-org-42",
};
// The steps the first up after the migration may show, in the state only: the record of the new
// component (a component has no provider, so nothing reaches Genesys) and the stack's identity
// (providers/stack-identity.ts: no call reaches Genesys).
const NEW_COMPONENT = "create cognigy:genesyscloud:HandoverEventBridge eventbridge";
const NEW_IDENTITY = `create ${STACK_IDENTITY_TYPE} handover-identity`;
// The provider's record, added by the migration with the plugin's version only, takes the program's configuration.
const PROVIDER_CONFIGURED = "update pulumi:providers:cognigy-genesys genesys";

/** The modes of domain/modes.ts; self-hosted stays off: the aws provider plugin cannot be installed here. */
const MODES = [
  { before: LAYOUT, mode: "webhooks", config: {}, created: [NEW_IDENTITY, PROVIDER_CONFIGURED] },
  { before: LAYOUT, mode: "eventbridge", config: EVENTBRIDGE, created: [NEW_COMPONENT, NEW_IDENTITY, PROVIDER_CONFIGURED] },
  { before: LAYOUT, mode: "both", config: EVENTBRIDGE, created: [NEW_COMPONENT, NEW_IDENTITY, PROVIDER_CONFIGURED] },
  { before: NO_IDENTITY, mode: "webhooks", config: {}, created: [NEW_IDENTITY, PROVIDER_CONFIGURED] },
  { before: WEBHOOKS_IDENTITY, mode: "both", config: EVENTBRIDGE, created: [PROVIDER_CONFIGURED] },
  { before: LAST_DYNAMIC, mode: "both", config: EVENTBRIDGE, created: [PROVIDER_CONFIGURED] },
];

/** The component that holds an object, by the object's name; up to 05805b9 the stack itself held the EventBridge integration. */
const PARENT_BEFORE = (name: string) => (name.startsWith("eventbridge-") ? "pulumi:pulumi:Stack" : "cognigy:genesyscloud:HandoverWebhooks");
const PARENT_NOW = (name: string) => (name.startsWith("eventbridge-") ? "cognigy:genesyscloud:HandoverEventBridge" : "cognigy:genesyscloud:HandoverWebhooks");

const beforeTrees: Record<string, string> = {};

beforeAll(() => {
  for (const commit of new Set(MODES.map((m) => m.before))) beforeTrees[commit] = extractTree(commit);
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

/** The stack's Genesys objects as the state holds them, by resource name: id, Kind and the type of the parent. */
async function managed(stack: TestStack) {
  const state = (await stack.exportState()) as Deployment;
  const resources = state.deployment.resources ?? [];
  const typeOf = (urn: string | undefined) => resources.find((r) => r.urn === urn)?.type;
  const kindOf = (type: string) => (type.startsWith(DYNAMIC) ? type.slice(DYNAMIC.length) : type.split(":").pop()!);
  return Object.fromEntries(
    resources
      .filter((r) => (r.type.startsWith(DYNAMIC) || pluginType(`${DYNAMIC}${r.type.split(":").pop()}`) === r.type) && r.type !== STACK_IDENTITY_TYPE)
      .map((r) => [r.urn.split("::").pop()!, { id: r.id, kind: kindOf(r.type), parent: typeOf(r.parent) }]),
  );
}

describe.each(MODES)("a stack deployed in $mode mode at $before, moved to the provider plugin", ({ before: commit, mode, config: modeConfig, created }) => {
  let emu: Emulator;
  let before: TestStack;
  let after: TestStack;
  let config: Record<string, string>;
  let deployed: Objects;
  let deployedResources: Awaited<ReturnType<typeof managed>>;
  let deployedOutputs: Record<string, unknown>;

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

  /** The same stack file (its secrets' salt), as a checkout keeps Pulumi.<org>.yaml across a pull. */
  const sameStack = async () => {
    const stack = await TestStack.create({ stack: STACK, config, secretKeys: SECRET_KEYS, backendDir: before.backendDir });
    fs.copyFileSync(path.join(before.workDir, `Pulumi.${STACK}.yaml`), path.join(stack.workDir, `Pulumi.${STACK}.yaml`));
    return stack;
  };

  it("the earlier program deploys the stack (up to 05805b9: the EventBridge integration at the stack's top level)", async () => {
    deployedOutputs = (await before.up()).outputs;
    deployed = objects(emu);
    deployedResources = await managed(before);
    expect(Object.keys(deployedResources).length).toBeGreaterThan(0);
    for (const [name, { parent }] of Object.entries(deployedResources)) expect(parent, name).toBe(commit === LAYOUT ? PARENT_BEFORE(name) : PARENT_NOW(name));
    after = await sameStack();
  });

  it("preview and up with the current program are refused, naming the migration, and write nothing to Genesys", async () => {
    emu.clearLog();
    for (const run of [() => after.preview(), () => after.up()]) {
      const refused = await run().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(StackRunError);
      expect((refused as StackRunError).stdout + (refused as StackRunError).stderr).toContain(`npm run migrate -- --stack ${STACK}`);
    }
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(objects(emu)).toEqual(deployed);
    expect(await managed(after)).toEqual(deployedResources);
  });

  let ops: MigrationOps;

  it("the migration backs the state up, moves every record with no write to Genesys, and its preview changes no Genesys object", async () => {
    emu.clearLog();
    const refusedState = await after.exportState();
    ops = {
      exportState: () => after.exportState(),
      importState: (state) => after.importState(state),
      preview: async () => {
        const preview = await after.preview();
        return { changes: preview.steps.filter((step) => step.op !== "same").map((step) => `${step.op} ${step.urn}`), output: preview.stdout };
      },
    };
    const backup = path.join(after.workDir, "backup.json");
    const log: string[] = [];
    expect(await migrateStack(ops, STACK, "cognigy", backup, (line) => log.push(line))).toMatchObject({ outcome: "migrated" });
    expect(JSON.parse(fs.readFileSync(backup, "utf8"))).toEqual(refusedState);
    expect(log.join("\n")).toContain(backup);
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(await managed(after)).toEqual(deployedResources);
    expect(JSON.stringify(await after.exportState())).not.toContain("__provider");
  });

  it("a second migration changes nothing and writes no backup", async () => {
    const again = path.join(after.workDir, "again.json");
    expect(await migrateStack(ops, STACK, "cognigy", again, () => undefined)).toEqual({ outcome: "already-migrated", moved: [] });
    expect(fs.existsSync(again)).toBe(false);
  });

  it("then up leaves every Genesys object as it was, adds only records without one, and restores the outputs", async () => {
    emu.clearLog();
    const up = await after.up();
    // The refused run may already have recorded the new component (state only: the engine registers
    // components while the provider's step fails), so its create may come before this up.
    const withoutComponent = (list: readonly string[]) => list.filter((change) => change !== NEW_COMPONENT).sort();
    expect(withoutComponent(changes(up))).toEqual(withoutComponent(created));
    expect(genesysSteps(up.steps)).toEqual(Object.entries(deployedResources).map(([name, { kind }]) => `same ${kind} ${name}`).sort());
    expect(writeCalls(emu.log().entries)).toEqual([]);
    expect(objects(emu)).toEqual(deployed);
    expect(await managed(after)).toEqual(
      Object.fromEntries(Object.entries(deployedResources).map(([name, resource]) => [name, { ...resource, parent: PARENT_NOW(name) }])),
    );
    expect(up.outputs).toMatchObject(Object.fromEntries(Object.entries(deployedOutputs).filter(([key]) => key !== "stackIdentity")));
  });

  it("destroy removes the webhook objects (the EventBridge integration stays protected until released)", async () => {
    await after.destroy().catch(() => undefined);
    const left = objects(emu);
    expect([...left.actions, ...left.flows, ...left.triggers]).toEqual([]);
    expect(left.integrations.map((integration) => integration.name)).toEqual(mode === "webhooks" ? [] : ["Amazon EventBridge Source - Cognigy"]);
  });
});
