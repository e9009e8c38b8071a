// The OAuth client secret rotated in stack config after `pulumi up`. Pulumi's `refresh` and
// `destroy` run with the provider configuration recorded at the last update, so they log in with
// the old secret: the refusal says so and names the one command that uses the current config
// (`--run-program`), and that command works. `refresh --run-program` updates the provider's
// record (the engine configures a provider with new inputs only through its update step:
// docs/provider-plugin.md, "Status"): that is its one change, in the state only, and a plain
// refresh works from then on.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { emulatorConfig, TestStack } from "../support/stack";

const CLIENT = "rotating-client";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const config = (emu: Emulator, secret: string) =>
  emulatorConfig(emu, { "genesyscloud:oauthClientId": CLIENT, "genesyscloud:oauthClientSecret": secret, "cognigy:endpointDomain": "app.cognigy.ai" });

let emu: Emulator;
let stack: TestStack;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, clients: [{ id: CLIENT, secret: "first-secret" }] });
  stack = await TestStack.create({ stack: "rotated", config: config(emu, "first-secret"), secretKeys: SECRET_KEYS });
  await stack.up();
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

/** Rotated in Genesys (Admin > OAuth), then in the stack's config. */
function rotate(secret: string): void {
  emu.revokeClient(CLIENT);
  emu.addClient(CLIENT, secret);
  stack.setConfig(config(emu, secret), SECRET_KEYS);
}

const objects = () => {
  const { integrations, actions, flows, triggers } = emu.state();
  return [...integrations, ...actions, ...flows, ...triggers].map((o) => o.id).sort();
};

async function refusal(run: () => Promise<unknown>, command: string): Promise<void> {
  const failure = (await run().then(() => undefined, (e: unknown) => e)) as StackRunError;
  expect(failure).toBeInstanceOf(StackRunError);
  expect(failure.message).toContain(`Genesys Cloud refused the login of OAuth client "${CLIENT}"`);
  expect(failure.message).toContain("still use the credentials recorded at the last `pulumi up`");
  expect(failure.message).toContain(command);
  expect(failure.message).not.toMatch(/first-secret|second-secret|third-secret/);
}

const PROVIDER_UPDATE = "update pulumi:providers:cognigy-genesys::genesys";

it("refresh is refused naming why and `pulumi refresh --run-program`, which then works with the new secret", async () => {
  rotate("second-secret");
  const before = objects();
  await refusal(() => stack.refresh(), "pulumi refresh --run-program");
  emu.clearLog();
  const run = await stack.refresh({ runProgram: true });
  // Its only change: the provider's record takes the rotated secret; no Genesys object drifted, none was written.
  expect(run.steps.filter((s) => !["same", "refresh"].includes(s.op)).map((s) => `${s.op} ${s.type}::${s.urn.split("::").pop()}`)).toEqual([PROVIDER_UPDATE]);
  expect(run.changes.update).toBe(1);
  expect(Object.keys(run.changes).sort()).toEqual(["same", "update"]);
  expect(emu.log().entries.filter((e) => e.method !== "GET" && e.route !== "POST /oauth/token")).toEqual([]);
  expect(objects()).toEqual(before);
  // The state now holds the rotated secret: a plain refresh logs in and finds nothing changed.
  await stack.refresh({ expectNoChanges: true });
});

it("after another rotation, destroy is refused alike; `pulumi destroy --run-program` removes every object", async () => {
  rotate("third-secret");
  await refusal(() => stack.destroy(), "pulumi destroy --run-program");
  await stack.destroy({ runProgram: true });
  expect(objects()).toEqual([]);
});
