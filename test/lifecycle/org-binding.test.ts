// The org binding through the real CLI, with two emulators standing for two Genesys orgs. A stack
// deployed to org A with credentials from the environment (as CI hands them to a job) is run with
// org B's environment, as a mixed-up GitHub environment would: refresh and destroy are refused,
// naming both orgs; the state, org A's objects and org B are left as they were. And a stack
// pinned (genesyscloud:organizationId) to another org than its credentials reach makes nothing.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, type Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { type Deployment, managedResources } from "../support/state";
import { TestStack, testEnv } from "../support/stack";
import { writeCalls } from "./org";

const STACK = "org-bound";
const CONFIG = { "cognigy:endpointDomain": "app.cognigy.ai" };

/** The environment a CI job gets for one org: its OAuth client and where its API is. */
function orgEnv(emu: Emulator): NodeJS.ProcessEnv {
  return {
    ...testEnv(),
    GENESYSCLOUD_OAUTHCLIENT_ID: DEFAULT_CLIENT.id,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: DEFAULT_CLIENT.secret,
    GENESYSCLOUD_API_URL: emu.url,
  };
}

/** What the state says of each Genesys object (the engine rewrites its own bookkeeping on any run). */
const records = (state: Deployment) => managedResources(state).map(({ urn, id, inputs, outputs }) => ({ urn, id, inputs, outputs }));

const objects = (emu: Emulator) => {
  const { integrations, actions, flows, triggers } = emu.state();
  return { integrations, actions, flows, triggers };
};

let orgA: Emulator;
let orgB: Emulator;
const stacks: TestStack[] = [];

beforeAll(async () => {
  [orgA, orgB] = await Promise.all([startEmulator({ jobMs: 5 }), startEmulator({ jobMs: 5 })]);
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.dispose()));
  await Promise.all([orgA?.close(), orgB?.close()]);
});

async function stackWith(env: NodeJS.ProcessEnv, config: Record<string, string> = CONFIG, backendOf?: TestStack, name = STACK): Promise<TestStack> {
  const stack = await TestStack.create({ stack: name, config, env, backendDir: backendOf?.backendDir });
  stacks.push(stack);
  if (backendOf) {
    // The same stack file (its secrets' salt), as another checkout of the repository has it.
    fs.copyFileSync(path.join(backendOf.workDir, `Pulumi.${name}.yaml`), path.join(stack.workDir, `Pulumi.${name}.yaml`));
  }
  return stack;
}

describe("a stack deployed to org A, run with org B's credentials", () => {
  let inA: TestStack;
  let inB: TestStack;
  let deployed: Deployment;

  it("up records org A on every Genesys resource", async () => {
    inA = await stackWith(orgEnv(orgA));
    await inA.up();
    deployed = (await inA.exportState()) as Deployment;
    inB = await stackWith(orgEnv(orgB), CONFIG, inA);
    const resources = managedResources(deployed);
    expect(resources).toHaveLength(6);
    for (const resource of resources) expect(resource.outputs?.genesysOrgId, resource.urn).toBe(orgA.state().org.id);
  });

  const refused = async (run: () => Promise<unknown>) => {
    const before = objects(orgA);
    orgA.clearLog();
    const failure = (await run().then(() => undefined, (e: unknown) => e)) as StackRunError;
    expect(failure).toBeInstanceOf(StackRunError);
    expect(failure.message).toContain(`reaches org "${orgB.state().org.name}" (id ${orgB.state().org.id})`);
    expect(failure.message).toContain(`deployed to Genesys Cloud org id ${orgA.state().org.id}`);
    expect(failure.message).toContain("GENESYSCLOUD_OAUTHCLIENT_ID");
    expect(records((await inB.exportState()) as Deployment)).toEqual(records(deployed));
    expect(objects(orgA)).toEqual(before);
    expect(orgA.log().entries).toEqual([]);
    expect(writeCalls(orgB.log().entries)).toEqual([]);
    expect(objects(orgB)).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
  };

  it("refresh is refused, naming both orgs; the state and both orgs are left as they were", async () => {
    await refused(() => inB.refresh());
  });

  it("destroy is refused alike", async () => {
    await refused(() => inB.destroy());
  });

  it("a state written before org binding (no genesysOrgId): org B's 404s are not taken as gone; org A's refresh records the org", async () => {
    const unbound = structuredClone(deployed);
    for (const resource of managedResources(unbound)) delete resource.outputs?.genesysOrgId;
    await inA.importState(unbound);
    for (const run of [() => inB.refresh(), () => inB.destroy()]) {
      const failure = (await run().then(() => undefined, (e: unknown) => e)) as StackRunError;
      expect(failure).toBeInstanceOf(StackRunError);
      expect(failure.message).toContain(`is not found in Genesys Cloud org "${orgB.state().org.name}" (id ${orgB.state().org.id})`);
      expect(failure.message).toContain("predates org binding");
      expect(records((await inB.exportState()) as Deployment)).toEqual(records(unbound));
    }
    expect(writeCalls(orgB.log().entries)).toEqual([]);
    await inA.refresh();
    for (const resource of managedResources((await inA.exportState()) as Deployment)) {
      expect(resource.outputs?.genesysOrgId, resource.urn).toBe(orgA.state().org.id);
    }
  });

  it("with org A's credentials, refresh finds every object and destroy removes them", async () => {
    await inA.refresh({ expectNoChanges: true });
    await inA.destroy();
    expect(objects(orgA)).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
  });
});

it("a stack pinned to another org than its credentials reach: up is refused before any write", async () => {
  const pinned = await stackWith(orgEnv(orgA), { ...CONFIG, "genesyscloud:organizationId": orgB.state().org.id }, undefined, "pinned");
  orgA.clearLog();
  const failure = (await pinned.up().then(() => undefined, (e: unknown) => e)) as StackRunError;
  expect(failure).toBeInstanceOf(StackRunError);
  expect(failure.message).toContain(`reaches org "${orgA.state().org.name}" (id ${orgA.state().org.id})`);
  expect(failure.message).toContain(`genesyscloud:organizationId (or GENESYSCLOUD_ORGANIZATION_ID) pins this stack to Genesys Cloud org id ${orgB.state().org.id}`);
  expect(writeCalls(orgA.log().entries)).toEqual([]);
  expect(objects(orgA)).toEqual({ integrations: [], actions: [], flows: [], triggers: [] });
});
