// The EventBridge mode through the real Pulumi CLI on an org where Genesys cannot activate the
// Amazon EventBridge Source (the AWS account Cognigy support gave is wrong): `up` fails with
// Genesys's detail instead of succeeding while no event ever reaches Cognigy, and the next `up`,
// once the account is right on the AWS side, finishes the same integration.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { login } from "../emulator/sdk";
import { emulatorConfig, TestStack } from "../support/stack";

const ACCOUNT = "123456789012";
const DETAIL = `AWS account ${ACCOUNT} has no EventBridge partner event sources enabled in eu-central-1`;

let emu: Emulator;
let stack: TestStack;

beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, activationMs: 300 });
  stack = await TestStack.create({
    stack: "eventbridge-activation",
    config: emulatorConfig(emu, {
      "cognigy:mode": "eventbridge",
      "cognigy:version": "2025.12",
      "cognigy:eventBridgeAwsAccountId": ACCOUNT,
      "cognigy:eventBridgeAwsRegion": "eu-central-1",
      "cognigy:organisationId": "cognigy-org-42",
    }),
    secretKeys: ["genesyscloud:oauthClientSecret"],
  });
});
afterAll(async () => {
  await stack?.dispose();
  await emu?.close();
});

const eventBridgeIntegrations = () => emu.state().integrations.filter((i) => i.typeId === "amazon-eventbridge-source");

it("fails `up` with Genesys's detail when the activation ends in ERROR, and the next `up` finishes the same integration", async () => {
  emu.failActivations(ACCOUNT, DETAIL);
  const failed = await stack.up().then(
    () => undefined,
    (err: Error & { stdout?: string }) => err,
  );
  expect(failed, "up must fail").toBeDefined();
  expect(`${failed?.message}\n${failed?.stdout ?? ""}`).toContain(`could not activate it: ${DETAIL}`);
  const [made] = eventBridgeIntegrations();
  expect(made).toMatchObject({ intendedState: "ENABLED", properties: { awsAccountId: ACCOUNT, awsAccountRegion: "eu-central-1" } });

  emu.clearActivationFailures();
  await stack.up();
  expect(eventBridgeIntegrations().map((i) => i.id)).toEqual([made.id]);
  const api = await login(emu.url);
  expect((await api.integrations.getIntegration(made.id)).reportedState?.code).toBe("ACTIVE");
});
