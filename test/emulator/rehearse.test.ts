// dev/local/rehearse.ts on its own: an emulator holding the webhook objects, the local mode's
// Cognigy receiver (dev/local/receiver.ts) on loopback, and the rehearsal's report.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Receiver, startReceiver } from "../../dev/local/receiver";
import { rehearse } from "../../dev/local/rehearse";
import { deadUrl } from "./cognigy-receiver";
import { handoverOrg } from "./handover-org";
import { login } from "./sdk";

let emu: Emulator;
let receiver: Receiver;
const printed: string[] = [];
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  receiver = await startReceiver(0, (line) => printed.push(line));
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});
beforeEach(() => {
  emu.reset();
  printed.length = 0;
});

it("both Open Messaging events reach the receiver once, the voice call's nothing; the report says so", async () => {
  await handoverOrg(await login(emu.url), receiver.url);
  const report = await rehearse(emu.url);
  expect(report.ok).toBe(true);
  expect(printed).toHaveLength(2);
  expect(printed[0]).toMatch(/^\[cognigy receiver\] POST \/handover\/genesysCloudOM \{"userId":"cognigy-session-[0-9a-f]{8}","topic":"v2\.detail\.events\.conversation\.id\.acw"\}$/);
  expect(printed[1]).toMatch(/"topic":"v2\.detail\.events\.conversation\.id\.user\.end","disconnectType":"client"\}$/);
  const lines = report.text.split("\n");
  expect(lines[0]).toBe("Rehearsal: what Cognigy is told when an agent ends a conversation");
  expect(lines[1]).toMatch(new RegExp(`^ok   AfterCallWorkEvent, Open Messaging: POST ${receiver.url}/handover/genesysCloudOM \\{.*\\} → HTTP 200$`));
  expect(lines[2]).toMatch(/^ok   UserEndEvent, Open Messaging: POST .* → HTTP 200$/);
  expect(lines[3]).toBe('ok   AfterCallWorkEvent, voice call: nothing sent to Cognigy ("Trigger conversation.id.acw": match criteria not met: mediaType Equal "MESSAGE", messageType Equal "OPEN")');
  expect(lines[4]).toMatch(/^ok   UserEndEvent, voice call: nothing sent to Cognigy/);
  expect(lines).toHaveLength(5);
  expect((await rehearse(emu.url, { verbose: true })).text).toContain('callData "Send Event to Cognigy" → success');
});

it("with cognigy:events [\"acw\"], the UserEndEvent reaching nothing is as intended", async () => {
  await handoverOrg(await login(emu.url), receiver.url);
  await (await login(emu.url)).triggers.deleteProcessautomationTrigger(emu.state().triggers.find((t) => t.topicName.endsWith(".user.end"))!.id);
  const report = await rehearse(emu.url, { events: ["acw"] });
  expect(report.ok).toBe(true);
  expect(report.text).toContain("ok   UserEndEvent, Open Messaging: nothing sent to Cognigy (no trigger on this topic)");
  expect(printed).toHaveLength(1);
  expect((await rehearse(emu.url)).ok).toBe(false);
});

it("a stack after destroy (no triggers) fails the rehearsal and says why", async () => {
  const report = await rehearse(emu.url);
  expect(report.ok).toBe(false);
  expect(report.text).toContain("FAIL AfterCallWorkEvent, Open Messaging: nothing sent to Cognigy (no trigger on this topic)");
  expect(printed).toEqual([]);
});

it("a receiver that is not listening shows as the failure it is", async () => {
  const dead = await deadUrl();
  await handoverOrg(await login(emu.url), dead);
  const report = await rehearse(emu.url);
  expect(report.ok).toBe(false);
  expect(report.text).toContain(`FAIL AfterCallWorkEvent, Open Messaging: POST ${dead}/handover/genesysCloudOM`);
  expect(report.text).toMatch(/→ no answer: The request to .* failed: connect ECONNREFUSED/);
});
