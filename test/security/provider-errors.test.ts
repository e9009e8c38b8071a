// Errors thrown by the providers the plugin serves: the refused login names the client id and not
// the secret, a partial create says what was made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { withClient } from "../providers/harness";
import { emulatorConfig } from "../support/stack";

const SECRET = "wrong-secret-Hq2-never-shown";
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(async () => emulator.close());

function connected(config: Record<string, string>): IntegrationProvider {
  return withClient(new IntegrationProvider(), config);
}

const inputs = { name: "Serialized errors", notes: "", enabled: true, adopt: false, managedBy: "marker" };

describe("provider errors", () => {
  it("a refused login names the client id, never the secret", async () => {
    const provider = connected(emulatorConfig(emulator, { "genesyscloud:oauthClientSecret": SECRET }));
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as { message?: string };
    expect(error.message).toContain(`refused the login of OAuth client "emulator-client"`);
    expect(error.message).not.toContain(SECRET);
  });

  it("a partial create keeps its message and the id of what it made", async () => {
    const provider = connected(
      emulatorConfig(emulator, { "genesyscloud:retryMaxAttempts": "2", "genesyscloud:retryMinWaitMs": "10", "genesyscloud:retryMaxWaitMs": "20" }),
    );
    emulator.injectFaults({ route: "PUT /api/v2/integrations/{integrationId}/config/current", kind: "500", count: 4 });
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as { message?: string; id?: string };
    const [made] = emulator.state().integrations;
    expect(error.id).toBe(made.id);
    expect(error.message).toContain(`was created (id ${made.id}) but naming/enabling it failed`);
  });
});
