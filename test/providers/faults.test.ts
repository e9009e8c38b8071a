// Retries, Retry-After, eventual consistency and version conflicts, through the real API layer
// against the emulator's fault injection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { connect } from "../../providers/provider-base";
import { IntegrationProvider } from "../../providers/integration";
import { readSettings } from "../../providers/genesys/settings";
import { until } from "../support/until";
import { withClient, emulator, MARKER, stackConfig, timed } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => {
  emu.reset();
  emu.configure({ invisibilityMs: 0 });
});

const inputs = { name: "Cognigy Handover", notes: "", enabled: true, adopt: false, managedBy: MARKER };
const CONFIG_ROUTE = "GET /api/v2/integrations/{integrationId}/config/current";

async function provider(overrides: Record<string, string> = {}): Promise<IntegrationProvider> {
  const p = new IntegrationProvider();
  withClient(p, stackConfig(emu, overrides));
  return p;
}

describe("fault handling", () => {
  it("waits out a 429 with Retry-After: 2 and succeeds", async () => {
    const p = await provider();
    emu.injectFaults({ route: "POST /api/v2/integrations", kind: "429", retryAfterSeconds: 2, count: 1 });
    const { value, ms } = await timed(() => p.create(inputs));
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(emu.state().integrations.map((i) => i.id)).toEqual([value.id]);
    expect(emu.log().counts["POST /api/v2/integrations"]).toBe(2);
  });

  it("retries 503 twice, then succeeds", async () => {
    const p = await provider();
    emu.injectFaults({ route: CONFIG_ROUTE, kind: "503", count: 2 });
    const created = await p.create(inputs);
    expect(emu.state().integrations[0]).toMatchObject({ id: created.id, name: inputs.name });
    expect(emu.faults().injected["503"]).toBe(2);
  });

  it("tolerates 404s on read-after-create", async () => {
    // Unseen until the first 404 has been answered, however slow the machine; then seen.
    emu.configure({ invisibilityMs: 600_000 });
    const p = await provider();
    const creating = p.create(inputs);
    await until(() => emu.log().entries.some((e) => e.status === 404), "a read-after-create 404", 60_000);
    emu.configure({ invisibilityMs: 0 });
    const created = await creating;
    expect(emu.state().integrations[0]).toMatchObject({ id: created.id, name: inputs.name, intendedState: "ENABLED" });
    const notFound = emu.log().entries.filter((e) => e.status === 404).length;
    expect(notFound).toBeGreaterThan(0);
  });

  it("waits out read-after-create 404s while polling the activation", async () => {
    emu.configure({ activationMs: 1500 });
    // Seeded: half the single-object reads answer 404, the activation polls among them. Each draw
    // follows the call (route, object, attempt), not the clock: with this seed the first activation
    // read is a 404, and no read meets more than 7 in a row (under the 20-attempt bound), however
    // many polls the activation time allows.
    emu.setRandomFaults({ rate: 0.5, seed: 7, kinds: ["invisibility"] });
    try {
      const p = await provider();
      const created = await p.create(inputs);
      emu.setRandomFaults(null);
      expect(emu.state().integrations[0]).toMatchObject({ id: created.id, intendedState: "ENABLED" });
      const afterPatch = emu.log().entries.slice(emu.log().entries.findIndex((e) => e.route === "PATCH /api/v2/integrations/{integrationId}"));
      expect(afterPatch.filter((e) => e.route === "GET /api/v2/integrations/{integrationId}" && e.status === 404).length).toBeGreaterThan(0);
    } finally {
      emu.setRandomFaults(null);
      emu.configure({ activationMs: 200 });
    }
  });

  it("stops at the attempt bound with an error saying what was retried", async () => {
    const p = await provider({ "genesyscloud:retryMaxAttempts": "3" });
    emu.injectFaults({ route: "POST /api/v2/integrations", kind: "503", count: 10 });
    await expect(p.create(inputs)).rejects.toThrow(/Create integration failed after 3 attempts .*transient error \(503\).*HTTP 503/);
    expect(emu.log().counts["POST /api/v2/integrations"]).toBe(3);
    expect(emu.state().integrations).toEqual([]);
  });

  it("stops at the total-time bound rather than wait a long Retry-After", async () => {
    const p = await provider({ "genesyscloud:retryMaxTotalMs": "1000" });
    emu.injectFaults({ route: "POST /api/v2/integrations", kind: "429", retryAfterSeconds: 5, count: 1 });
    await expect(p.create(inputs)).rejects.toThrow(/Create integration failed.*5000 ms more would exceed the 1000 ms bound.*HTTP 429/);
  });

  it("a create that made the object and then failed carries its id", async () => {
    const p = await provider({ "genesyscloud:retryMaxAttempts": "2" });
    emu.injectFaults({ route: "PUT /api/v2/integrations/{integrationId}/config/current", kind: "500", count: 5 });
    const error = await p.create(inputs).then(
      () => undefined,
      (err: Error & { id?: string; properties?: Record<string, unknown> }) => err,
    );
    const [made] = emu.state().integrations;
    expect(error?.id).toBe(made.id);
    expect(error?.message).toMatch(new RegExp(`created \\(id ${made.id}\\) but naming/enabling it failed`));
    expect(error?.properties).toMatchObject({ name: inputs.name, managedBy: MARKER });
  });

  it("re-reads and re-applies on a stale version", async () => {
    const p = await provider();
    const created = await p.create(inputs);
    const api = connect(readSettings((k) => stackConfig(emu)[k], "config"));
    let attempts = 0;
    await api.withFreshVersion("Rename integration", async () => {
      attempts++;
      const config = await api.call<{ version: number }>("Read config", (a) => a.integrations.getIntegrationConfigCurrent(created.id));
      // The first attempt writes a version someone else already moved past.
      const version = attempts === 1 ? config.version - 1 : config.version;
      await api.call("Write config", (a) =>
        a.integrations.putIntegrationConfigCurrent(created.id, { body: { ...config, name: "Renamed", version } }),
      );
    });
    expect(attempts).toBe(2);
    expect(emu.state().integrations[0].name).toBe("Renamed");
  });
});
