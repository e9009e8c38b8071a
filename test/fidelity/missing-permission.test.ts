// The whole stack through the real Pulumi CLI with an OAuth client whose role lacks one
// permission (processautomation:trigger:add): `up` stops with Genesys's 403 naming it and the
// client, the objects made before it stay in the stack, and once the permission is granted the
// next `up` finishes the setup with no duplicate. Likewise for a permission the flow job needs
// to publish a workflow for the client (architect:flow:publish): the job fails naming it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { neededPermissions } from "../../domain/permissions";
import { emulatorConfig, TestStack } from "../support/stack";

const CLIENT = { id: "provisioning", secret: "provisioning-secret" };
const ALL = neededPermissions(["stack"]);
const LACKING = "processautomation:trigger:add";

let emu: Emulator;
let stack: TestStack;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, clients: [{ ...CLIENT, permissions: ALL.filter((p) => p !== LACKING) }] });
  stack = await TestStack.create({
    stack: "missing-permission",
    config: emulatorConfig(emu, {
      "genesyscloud:oauthClientId": CLIENT.id,
      "genesyscloud:oauthClientSecret": CLIENT.secret,
      "cognigy:endpointDomain": "app.cognigy.ai",
    }),
    secretKeys: ["genesyscloud:oauthClientSecret"],
  });
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

it("stops at the first call that needs the missing permission, naming it, and finishes once it is granted", async () => {
  const failed = await stack.up().then(
    () => undefined,
    (err: Error & { stdout?: string }) => err,
  );
  expect(failed, "up must fail").toBeDefined();
  const text = `${failed?.message}\n${failed?.stdout ?? ""}`;
  expect(text).toContain(`You are missing the following permission(s): [${LACKING}]`);
  expect(text).toContain(`Add the permission to the role of OAuth client "${CLIENT.id}"`);
  // No retrying a 403: every trigger create the engine started was refused once (it may stop
  // scheduling the second after the first failure).
  const posts = emu.log().entries.filter((entry) => entry.route === "POST /api/v2/processautomation/triggers");
  expect(posts.length).toBeGreaterThanOrEqual(1);
  expect(posts.length).toBeLessThanOrEqual(2);
  expect(posts.every((entry) => entry.status === 403)).toBe(true);
  const before = emu.state();
  expect(before.triggers).toEqual([]);
  expect(before.flows).toHaveLength(2);

  emu.setPermissions(CLIENT.id, ALL);
  await stack.up();
  const after = emu.state();
  expect(after.triggers).toHaveLength(2);
  expect(after.integrations.map((i) => i.id)).toEqual(before.integrations.map((i) => i.id));
  expect(after.flows.map((f) => f.id).sort()).toEqual(before.flows.map((f) => f.id).sort());
  expect(after.actions.map((a) => a.id)).toEqual(before.actions.map((a) => a.id));
});

it("fails the flow jobs of a client that may register them but not publish, naming the permission, and publishes once it is granted", async () => {
  const lacking = "architect:flow:publish";
  const org = await startEmulator({ jobMs: 5, clients: [{ ...CLIENT, permissions: ALL.filter((p) => p !== lacking) }] });
  const publishing = await TestStack.create({
    stack: "missing-publish-permission",
    config: emulatorConfig(org, {
      "genesyscloud:oauthClientId": CLIENT.id,
      "genesyscloud:oauthClientSecret": CLIENT.secret,
      "cognigy:endpointDomain": "app.cognigy.ai",
    }),
    secretKeys: ["genesyscloud:oauthClientSecret"],
  });
  try {
    const failed = await publishing.up().then(
      () => undefined,
      (err: Error & { stdout?: string }) => err,
    );
    expect(failed, "up must fail").toBeDefined();
    expect(`${failed?.message}\n${failed?.stdout ?? ""}`).toMatch(/Archy job .* failed with these messages:[\s\S]*missing the following permission\(s\): \[architect:flow:publish\]/);
    expect(org.state().flows).toEqual([]);
    expect(org.state().actions).toHaveLength(1);

    org.setPermissions(CLIENT.id, ALL);
    await publishing.up();
    expect(org.state().flows).toHaveLength(2);
    expect(org.state().triggers).toHaveLength(2);
  } finally {
    await publishing.dispose();
    await org.close();
  }
});
