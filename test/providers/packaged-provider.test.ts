// The webhook provider as the program registers it (providers/webhook-objects.ts
// webhookObjectsProvider): its modules packaged as one text (providers/packaged-provider.ts). After
// a serialization round trip, with no credential and no path of this checkout in the text, it does
// what the WebhookObjectsProvider does against the emulator. How fast it serializes is the
// bench's to measure (npm run bench), not a test's.
import * as path from "path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { PackagedProvider, packageModules } from "../../providers/packaged-provider";
import { WebhookObjectsProvider, webhookObjectsProvider } from "../../providers/webhook-objects";
import { configureRequest, emulator, WEBHOOK_INTEGRATION_INPUTS as integration, reloadedWithoutCredentials, serializedWithoutCredentials, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());


describe("the packaged webhook provider", () => {
  it("is what the program registers, one object for every webhook resource", () => {
    expect(webhookObjectsProvider()).toBeInstanceOf(PackagedProvider);
    expect(webhookObjectsProvider()).toBe(webhookObjectsProvider());
  });

  it("after a round trip: every call reaches the kind's provider, kind kept, no credential and no checkout path in the text", async () => {
    const registered = webhookObjectsProvider();
    const text = await serializedWithoutCredentials(registered);
    expect(text).not.toContain(path.resolve(__dirname, "..", ".."));
    expect(text).toContain('require(\\"purecloud-platform-client-v2\\")');

    const provider = await reloadedWithoutCredentials(registered as PackagedProvider & WebhookObjectsProvider);
    await provider.configure(configureRequest(stackConfig(emu)));
    const checked = await provider.check({}, integration);
    expect(checked).toEqual({ inputs: integration, failures: [] });
    const created = await provider.create(checked.inputs);
    expect(created.outs).toMatchObject({ ...integration, integrationType: "custom-rest-actions", adopted: false });
    expect(await provider.read(created.id, created.outs)).toEqual({ id: created.id, props: created.outs, inputs: integration });
    const renamed = { ...integration, name: "Cognigy Handover 2" };
    expect(await provider.diff(created.id, created.outs, renamed)).toMatchObject({ changes: true });
    const updated = await provider.update(created.id, created.outs, renamed);
    expect(updated.outs).toMatchObject({ kind: "Integration", name: "Cognigy Handover 2" });
    await provider.delete(created.id, updated.outs);
    expect(emu.state().integrations).toEqual([]);
    await expect(provider.check({}, { ...integration, kind: "Queue" })).rejects.toThrow(/kind "Queue"/);
  });

  it("a create the release refuses is refused inside the package as outside", async () => {
    const provider = await reloadedWithoutCredentials(webhookObjectsProvider() as PackagedProvider & WebhookObjectsProvider);
    await provider.configure(configureRequest(stackConfig(emu)));
    await expect(provider.create({ ...integration, createRefusal: "refused for the test" })).rejects.toThrow(/refused for the test/);
  });

  it("leaves the packaging module out; refuses a module that reads its own location (it would not be there where the text runs) or cannot be found", () => {
    expect(packageModules("packaged-provider.ts")).toBe(packageModules("packaged-provider.ts"));
    expect(packageModules("packaged-provider.ts")).toMatch(/module\.exports = \{\};/);
    expect(packageModules("../domain/workflow-yaml.ts")).toBeUndefined();
    expect(packageModules("no-such-module.ts")).toBeUndefined();
  });
});
