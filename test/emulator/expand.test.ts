// Reads get the fields they ask for (the SDK's expand/include parameters), so a product read
// that forgets to ask fails a test: an integration's config version (expand=config.current,
// unverified.ts), a data action's contract and config (expand=contract, includeConfig=true), a
// flow job's messages (expand=messages).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { login } from "./sdk";
import { CATEGORY, enabledIntegration, publish, sendEventAction } from "./world";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
});
afterAll(() => emu.close());

describe("reads answer what they ask for", () => {
  it("an integration's config.current only with expand=config.current, listed or read alone", async () => {
    const api = await login(emu.url);
    const { id } = await enabledIntegration(api);
    const listed = (await api.integrations.getIntegrations({})).entities?.find((entity) => entity.id === id);
    expect(listed?.config).toBeUndefined();
    expect((await api.integrations.getIntegration(id)).config).toBeUndefined();
    const asked = (await api.integrations.getIntegrations({ expand: ["config.current"] })).entities?.find((entity) => entity.id === id);
    expect(asked?.config?.current?.version).toBe(1);
    expect((await api.integrations.getIntegration(id, { expand: ["config.current"] })).config?.current?.version).toBe(1);
  });

  it("a data action's contract and config only with expand=contract and includeConfig=true", async () => {
    const api = await login(emu.url);
    const { id } = await enabledIntegration(api);
    const action = await api.integrations.postIntegrationsActions(sendEventAction(id, CATEGORY) as never);
    const bare = await api.integrations.getIntegrationsAction(action.id!);
    expect([bare.contract, bare.config]).toEqual([undefined, undefined]);
    const full = await api.integrations.getIntegrationsAction(action.id!, { expand: "contract", includeConfig: true });
    expect(full.contract?.input).toBeDefined();
    expect(full.config?.request?.requestType).toBe("POST");
  });

  it("a flow job's messages only with expand=messages", async () => {
    const api = await login(emu.url);
    const failed = await publish(api, "workflow: [");
    expect(failed.status).toBe("Failure");
    const job = (emu.state().jobs.find((j) => j.status === "Failure") ?? { id: "" }).id;
    expect((await api.architect.getFlowsJob(job)).messages).toBeUndefined();
    expect((await api.architect.getFlowsJob(job, { expand: ["messages"] })).messages?.length).toBeGreaterThan(0);
  });
});
