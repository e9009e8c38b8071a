// Integration provider against the emulator: direct calls and after a serialization round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, Emulator } from "../../dev/emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { inFlightTogether } from "../support/in-flight";
import { withClient, emulator, expectIdempotentDelete, MARKER, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const inputs = { name: "Cognigy Handover", notes: "", enabled: true, adopt: false, managedBy: MARKER };

async function lifecycle(provider: IntegrationProvider): Promise<void> {
  withClient(provider, stackConfig(emu));
  const checked = (await provider.check({}, inputs)).inputs as typeof inputs;
  expect(checked).toEqual(inputs);

  const created = await provider.create(checked);
  let [record] = emu.state().integrations;
  expect(emu.state().integrations).toHaveLength(1);
  expect(record).toMatchObject({ id: created.id, typeId: "custom-rest-actions", name: "Cognigy Handover", notes: MARKER, intendedState: "ENABLED" });
  expect(created.outs).toMatchObject({ ...inputs, integrationType: "custom-rest-actions", adopted: false });

  const read = await provider.read(created.id, created.outs);
  expect(read).toEqual({ id: created.id, props: created.outs, inputs });

  const news = { ...inputs, name: "Cognigy Handover 2", notes: "Sends events", enabled: false };
  expect(await provider.diff(created.id, created.outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  expect(await provider.diff(created.id, created.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  const updated = await provider.update(created.id, created.outs, news);
  [record] = emu.state().integrations;
  expect(record).toMatchObject({ id: created.id, name: "Cognigy Handover 2", notes: `Sends events\n\n${MARKER}`, intendedState: "DISABLED" });
  expect(record.configVersion).toBeGreaterThan(1);
  expect((await provider.read(created.id, updated.outs)).props).toEqual(updated.outs);
  expect(await provider.diff(created.id, updated.outs, news)).toMatchObject({ changes: false });

  await expectIdempotentDelete(provider, created.id, updated.outs, () => emu.state().integrations);
}

describe("Integration provider", () => {
  it("create → read → update → diff → delete, field by field in the emulator", async () => {
    await lifecycle(new IntegrationProvider());
  });


  it("reads credentials from the environment when the provider's configuration gives none", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      GENESYSCLOUD_OAUTHCLIENT_ID: DEFAULT_CLIENT.id,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: DEFAULT_CLIENT.secret,
      GENESYSCLOUD_API_URL: emu.url,
    });
    try {
      const provider = withClient(new IntegrationProvider(), {});
      const created = await provider.create(inputs);
      expect(emu.state().integrations.map((i) => i.id)).toEqual([created.id]);
      await provider.delete(created.id, created.outs);
    } finally {
      process.env = saved;
    }
  });

  it("looks for another run's namesake after naming its own, beside enabling it (off the critical path)", async () => {
    // The namesake look (the second listing, after the lookup) and the enabling PATCH are held
    // until both have arrived: each was sent before the other was answered, however slow the machine.
    const pair = inFlightTogether(emu, [["GET /api/v2/integrations", 2], ["PATCH /api/v2/integrations/{integrationId}"]]);
    try {
      const provider = new IntegrationProvider();
      withClient(provider, stackConfig(emu));
      await provider.create(inputs);
    } finally {
      pair.release();
    }
    expect(await pair.together).toBe(true);
    const entries = emu.log().entries;
    const naming = entries.find((e) => e.route === "PUT /api/v2/integrations/{integrationId}/config/current")!;
    const lists = entries.filter((e) => e.route === "GET /api/v2/integrations");
    expect(lists).toHaveLength(2);
    const namesakeLook = lists[1];
    expect(namesakeLook.t).toBeGreaterThanOrEqual(naming.t + naming.durationMs);
    // In flight together is `pair.together` (each held until the other arrived), not the log's
    // millisecond times, which can tie an arrival with the other's answer on a busy machine.
  });

  it("refuses an existing integration it did not make, naming id and config key; adopts it when asked", async () => {
    const other = new IntegrationProvider();
    withClient(other, stackConfig(emu));
    const foreign = await other.create({ ...inputs, notes: "someone else's notes", managedBy: "someone else" });

    const ours = new IntegrationProvider();
    withClient(ours, stackConfig(emu));
    await expect(ours.create(inputs)).rejects.toThrow(
      new RegExp(`Integration "Cognigy Handover" already exists .*id ${foreign.id}.*cognigy:adoptExisting=true`),
    );
    expect(emu.state().integrations).toHaveLength(1);

    // Create does only what check announced: unannounced, the takeover stops before any write.
    await expect(ours.create({ ...inputs, adopt: true })).rejects.toThrow(`found id ${foreign.id} to take over, which the check before this step did not announce`);
    const { notes: _, ...noNotes } = inputs;
    const checked = await ours.check({}, { ...noNotes, adopt: true });
    expect(checked.inputs).toMatchObject({ adoption: `take over ${foreign.id} in place` });
    const adopted = await ours.create(checked.inputs as typeof inputs);
    expect(adopted.id).toBe(foreign.id);
    expect(adopted.outs).toMatchObject({ adopted: true });
    expect(emu.state().integrations).toHaveLength(1);
    // No notes of the stack's own: the text there stays (here with the other maker's marker, now plain text), ours beside it.
    expect(emu.state().integrations[0].notes).toBe(`someone else's notes\n\nsomeone else\n\n${MARKER}`);

    // Now it carries our marker: a re-run recognises it without adopt.
    const again = await ours.create(inputs);
    expect(again).toMatchObject({ id: foreign.id, outs: { adopted: false } });
  });

  it("names the client id, not the secret, when the login is refused", async () => {
    const provider = new IntegrationProvider();
    withClient(provider, stackConfig(emu, { "genesyscloud:oauthClientSecret": "wrong-secret-value" }));
    const error = await provider.create(inputs).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.message).toMatch(new RegExp(`refused the login of OAuth client "${DEFAULT_CLIENT.id}"`));
    expect(error?.message).not.toContain("wrong-secret-value");
    expect(JSON.stringify(error)).not.toContain("wrong-secret-value");
  });
});
