// The Integration provider through Pulumi's own dynamic-provider host over gRPC (tools/engine):
// configure with the stack config, create, no-op, update, refresh, refresh of a deleted
// object (read returns {}), destroy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as path from "path";
import { DEFAULT_CLIENT, Emulator } from "../../emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { LocalEngine } from "../../tools/engine/local-engine";
import { configureRequest, emulator, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());

// The provider host must get its credentials from the stack config, not from this process.
function envWithoutGenesys(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GENESYSCLOUD_")));
}

describe("Integration through Pulumi's dynamic-provider host", () => {
  it("up, no-op up, update, refresh, refresh after an outside delete, destroy", async () => {
    const config = { ...stackConfig(emu), "fixture:name": "Cognigy gRPC" };
    const engine = new LocalEngine({
      programPath: path.join(__dirname, "fixtures", "integration-program.ts"),
      project: "cognigy-genesys-handover",
      stack: "grpc",
      config,
      secretKeys: ["genesyscloud:oauthClientSecret"],
      projectDir: path.join(__dirname, "..", ".."),
      env: envWithoutGenesys(),
    });

    const first = await engine.up();
    const id = first.outputs.integrationId as string;
    expect(emu.state().integrations).toEqual([expect.objectContaining({ id, name: "Cognigy gRPC", notes: "cognigy-genesys-handover grpc/test", intendedState: "ENABLED" })]);
    const resource = () => engine.stackState.resources.find((r) => r.custom);
    expect(resource()?.id).toBe(id);
    expect(resource()?.outputs).toMatchObject({ name: "Cognigy gRPC", adopted: false, integrationType: "custom-rest-actions" });
    expect(JSON.stringify(engine.stackState)).not.toContain(DEFAULT_CLIENT.secret);

    expect((await engine.up()).summary).toEqual({ same: 1 });

    engine.setConfig({ ...config, "fixture:name": "Cognigy gRPC 2" }, ["genesyscloud:oauthClientSecret"]);
    expect((await engine.up()).summary).toEqual({ update: 1 });
    expect(emu.state().integrations[0]).toMatchObject({ id, name: "Cognigy gRPC 2" });

    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["refresh"]);
    expect(resource()?.id).toBe(id);

    // Deleted outside Pulumi: read returns {} and refresh drops it from state.
    const direct = new IntegrationProvider();
    await direct.configure(configureRequest(stackConfig(emu)));
    await direct.delete(id);
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["drop"]);
    expect(engine.stackState.resources.filter((r) => r.custom)).toEqual([]);

    await engine.up();
    expect(emu.state().integrations).toHaveLength(1);
    await engine.destroy();
    expect(emu.state().integrations).toEqual([]);
  });
});
