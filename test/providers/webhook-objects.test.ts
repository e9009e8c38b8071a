// The one provider of the four webhook kinds (providers/webhook-objects.ts) against the emulator:
// each call reaches its kind's provider by the `kind` input, which stays in outputs and read-back
// inputs; an unknown kind is refused by name; the same after a serialization round trip. The
// kinds themselves are tested in their own files.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { WebhookObjectsProvider } from "../../providers/webhook-objects";
import { configureRequest, emulator, expectIdempotentDelete, WEBHOOK_INTEGRATION_INPUTS as integration, reloadedWithoutCredentials, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());


async function lifecycle(provider: WebhookObjectsProvider): Promise<void> {
  await provider.configure(configureRequest(stackConfig(emu)));
  const checked = await provider.check({}, integration);
  expect(checked).toEqual({ inputs: integration, failures: [] });
  const created = await provider.create(checked.inputs);
  expect(emu.state().integrations).toHaveLength(1);
  expect(created.outs).toMatchObject({ ...integration, integrationType: "custom-rest-actions", adopted: false });
  const read = await provider.read(created.id, created.outs);
  expect(read).toEqual({ id: created.id, props: created.outs, inputs: integration });
  const renamed = { ...integration, name: "Cognigy Handover 2" };
  expect(await provider.diff(created.id, created.outs, renamed)).toMatchObject({ changes: true });
  const updated = await provider.update(created.id, created.outs, renamed);
  expect(updated.outs).toMatchObject({ kind: "Integration", name: "Cognigy Handover 2" });
  await expectIdempotentDelete(provider, created.id, updated.outs, () => emu.state().integrations);
}

describe("the webhook objects' provider", () => {
  it("routes every call by kind and keeps the kind in outputs and read-back inputs", async () => {
    await lifecycle(new WebhookObjectsProvider());
  });

  it("does the same after a serialize → require round trip, with no credential in the text", async () => {
    await lifecycle(await reloadedWithoutCredentials(new WebhookObjectsProvider()));
  });

  it("refuses a kind it does not know, naming it and the known ones, before any call", async () => {
    const provider = new WebhookObjectsProvider();
    await provider.configure(configureRequest(stackConfig(emu)));
    const before = emu.log().entries.length;
    await expect(provider.create({ ...integration, kind: "Queue" })).rejects.toThrow(/kind "Queue"; known: Integration, DataAction, Workflow, Trigger/);
    await expect(provider.check({}, { ...integration, kind: "toString" })).rejects.toThrow(/kind "toString"/);
    expect(emu.log().entries.length).toBe(before);
  });
});
