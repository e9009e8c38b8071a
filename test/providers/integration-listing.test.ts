// The integration listing is asked for what the provider reads from it: lost-answer recovery
// takes "the one unconfigured integration that was not there before the create" by its config
// version, which Genesys's listing carries only with expand=config.current (the emulator's
// reading, unverified.ts: INTEGRATION_CONFIG_EXPAND). A create answered 500 after Genesys made it is recovered, no duplicate.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { withClient, emulator, MARKER, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());

it("recovers an integration whose create answer came back as a 500 after it was made, from a listing that asks for each one's config version", async () => {
  const p = new IntegrationProvider();
  withClient(p, stackConfig(emu));
  emu.injectFaults({ route: "POST /api/v2/integrations", kind: "500-after-apply", count: 1 });
  const created = await p.create({ name: "Cognigy Handover", notes: "", enabled: true, adopt: false, managedBy: MARKER });
  expect(emu.state().integrations.map((integration) => [integration.id, integration.name])).toEqual([[created.id, "Cognigy Handover"]]);
  expect(emu.log().counts["POST /api/v2/integrations"]).toBe(1);
  const listings = emu.log().entries.filter((entry) => entry.route === "GET /api/v2/integrations");
  expect(listings.length).toBeGreaterThanOrEqual(2);
  expect(listings.every((entry) => new URLSearchParams(entry.query).get("expand") === "config.current")).toBe(true);
});
