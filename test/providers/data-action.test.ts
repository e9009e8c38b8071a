// DataAction provider against the emulator: direct calls and after a serialization round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { DataActionOutputs, DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { login } from "../emulator/sdk";
import { until } from "../support/until";
import { withClient, emulator, expectIdempotentDelete, MARKER, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

async function integration(name = "Web Services Cognigy"): Promise<string> {
  const p = new IntegrationProvider();
  withClient(p, stackConfig(emu));
  return (await p.create({ name, notes: "", enabled: true, adopt: false, managedBy: MARKER })).id;
}

function desired(integrationId: string): Record<string, unknown> {
  return {
    name: "Send Event to Cognigy",
    category: "Web Services Cognigy",
    integrationId,
    inputSchema: { type: "object", properties: { userId: { type: "string" }, topic: { type: "string" } }, additionalProperties: true },
    outputSchema: { type: "object", properties: {}, additionalProperties: true },
    requestUrlTemplate: "https://endpoint.example/handover",
    managedBy: MARKER,
  };
}

async function lifecycle(provider: DataActionProvider): Promise<void> {
  withClient(provider, stackConfig(emu));
  const integrationId = await integration();
  const inputs = (await provider.check({}, desired(integrationId))).inputs as DataActionOutputs;
  const created = await provider.create(inputs);
  let [action] = emu.state().actions;
  expect(emu.state().actions).toHaveLength(1);
  expect(action).toMatchObject({
    id: created.id,
    name: "Send Event to Cognigy",
    category: "Web Services Cognigy",
    integrationId,
    secure: false,
    version: 1,
    contract: { input: { inputSchema: inputs.inputSchema }, output: { successSchema: inputs.outputSchema } },
  });
  expect(action.config.request).toMatchObject({
    requestUrlTemplate: "https://endpoint.example/handover",
    requestType: "POST",
    requestTemplate: "${input.rawRequest}",
  });
  expect(action.config.response).toMatchObject({ successTemplate: "${rawResult}" });

  const read = await provider.read(created.id, created.outs);
  expect(read.id).toBe(created.id);
  expect(read.props).toEqual(created.outs);
  expect(await provider.diff(created.id, read.props, { ...inputs })).toMatchObject({ changes: false });

  const news = { ...inputs, requestUrlTemplate: "https://endpoint.example/v2", headers: { "X-Tool": "handover" }, timeoutSeconds: 20 };
  expect(await provider.diff(created.id, created.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  const updated = await provider.update(created.id, created.outs, news);
  [action] = emu.state().actions;
  expect(action.version).toBe(2);
  expect(action.config.request).toMatchObject({ requestUrlTemplate: "https://endpoint.example/v2", headers: { "X-Tool": "handover" } });
  expect((await provider.read(created.id, updated.outs)).props).toEqual(updated.outs);

  const contractChange = { ...news, inputSchema: { type: "object", properties: { userId: { type: "string" } } } };
  expect(await provider.diff(created.id, updated.outs, contractChange)).toEqual({
    changes: true,
    replaces: ["inputSchema"],
    deleteBeforeReplace: false,
  });

  await expectIdempotentDelete(provider, created.id, updated.outs, () => emu.state().actions);
}

describe("DataAction provider", () => {
  it("create → read → update → diff → delete, field by field in the emulator", async () => {
    await lifecycle(new DataActionProvider());
  });


  it("treats an action under an integration the stack made as ours, refuses one elsewhere, adopts it when asked", async () => {
    const provider = new DataActionProvider();
    withClient(provider, stackConfig(emu));
    const theirs = await integration("Someone else's");
    const inputs = (await provider.check({}, desired(theirs))).inputs as DataActionOutputs;
    const foreign = await provider.create(inputs);

    const ours = await integration();
    const mine = (await provider.check({}, { ...desired(ours), integrationAdopted: false })).inputs as DataActionOutputs;
    await expect(provider.create(mine)).rejects.toThrow(
      new RegExp(`Data action "Web Services Cognigy / Send Event to Cognigy" already exists .*id ${foreign.id}.*cognigy:adoptExisting=true`),
    );
    expect(emu.state().actions).toHaveLength(1);

    // Adopting an action whose integration differs would recreate it under ours (the integration
    // cannot be patched): refused in check unless replacing an adopted object is allowed.
    const refused = await provider.check({}, { ...desired(ours), integrationAdopted: false, adopt: true });
    expect(refused.failures?.[0].reason).toMatch(new RegExp(`id ${foreign.id}\\) was not made by this stack.*it is under integration ${theirs}.*cognigy:allowReplaceAdopted=true`));
    await expect(provider.create({ ...mine, adopt: true, adoption: `take over ${foreign.id} in place` })).rejects.toThrow("cognigy:allowReplaceAdopted=true");
    expect(emu.state().actions).toEqual([expect.objectContaining({ id: foreign.id })]);
    const allowed = await provider.check({}, { ...desired(ours), integrationAdopted: false, adopt: true, allowReplaceAdopted: true });
    expect(allowed.inputs).toMatchObject({ adoption: expect.stringMatching(new RegExp(`^replace ${foreign.id}: it is under integration ${theirs}`)) });
    const adopted = await provider.create(allowed.inputs as DataActionOutputs);
    expect(adopted.outs).toMatchObject({ adopted: true });
    expect(emu.state().actions).toEqual([expect.objectContaining({ id: adopted.id, integrationId: ours })]);

    // A re-run finds it under our integration and keeps its id without adopt.
    const again = await provider.create(mine);
    expect(again).toMatchObject({ id: adopted.id, outs: { adopted: false } });
    expect(emu.state().actions).toHaveLength(1);
  });

  it("a replacement that Genesys refuses gives the superseded action its name back", async () => {
    const provider = new DataActionProvider();
    withClient(provider, stackConfig(emu));
    // Under the integration the stack made: the action found by name is the stack's own.
    const inputs = (await provider.check({}, { ...desired(await integration()), integrationAdopted: false })).inputs as DataActionOutputs;
    const old = await provider.create(inputs);
    // A new contract, and a timeout Genesys refuses (1 to 60 s): the create fails after the old action was set aside.
    const refused = { ...inputs, inputSchema: { type: "object", properties: { userId: { type: "string" } } }, timeoutSeconds: 61 };
    await expect(provider.create(refused)).rejects.toThrow(/timeoutSeconds/);
    expect(emu.state().actions.map((a) => [a.id, a.name])).toEqual([[old.id, "Send Event to Cognigy"]]);
  });

  it("reports a genuine 400 at once, with Genesys's message, and retries only the 400 naming the fresh integration", async () => {
    const provider = new DataActionProvider();
    withClient(provider, stackConfig(emu));
    const integrationId = await integration();
    const inputs = (await provider.check({}, desired(integrationId))).inputs as DataActionOutputs;
    emu.clearLog();
    // A contract Genesys refuses: no "not visible yet" about it, so one call and the reason.
    const bad = { ...inputs, inputSchema: { type: "array", items: { type: "string" } } };
    await expect(provider.create(bad)).rejects.toThrow(/Create data action failed: HTTP 400 bad.request 'contract.input.inputSchema.type' must be 'object'/);
    expect(emu.log().counts["POST /api/v2/integrations/actions"]).toBe(1);

    // Right after the integration's create Genesys does not see it yet: 400 naming it, retried.
    // It stays unseen until the first 400 has been answered, however slow the machine.
    const api = await login(emu.url);
    emu.configure({ invisibilityMs: 600_000 });
    try {
      const fresh = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
      emu.clearLog();
      const creating = provider.create({ ...inputs, integrationId: fresh.id! });
      await until(() => emu.log().entries.some((e) => e.route === "POST /api/v2/integrations/actions" && e.status === 400), "a 400 naming the fresh integration", 60_000);
      emu.configure({ invisibilityMs: 0 });
      const created = await creating;
      const posts = emu.log().entries.filter((entry) => entry.route === "POST /api/v2/integrations/actions");
      expect(posts.map((entry) => entry.status)).toEqual([...posts.slice(0, -1).map(() => 400), 200]);
      expect(posts.length).toBeGreaterThan(1);
      expect(emu.state().actions.find((action) => action.id === created.id)?.integrationId).toBe(fresh.id);
    } finally {
      emu.configure({ invisibilityMs: 0 });
    }
  });
});
