// The whole stack through the real Pulumi CLI on an org whose home division is not called "Home"
// (orgs rename it): with cognigy:division unset the workflows go to the org's home division by
// its role (GET /api/v2/authorization/divisions/home), a second `up` changes nothing, and verify
// expects that division too.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { failedNames, orgStack, verifyRows } from "../verify/org";

const STACK = "renamed-home";
const COGNIGY = { "cognigy:endpointDomain": "app.cognigy.ai" };

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, homeDivision: "New Home" });
});
afterAll(async () => emu?.close());

it("deploys both workflows into the org's renamed home division, then changes nothing, and verify passes", async () => {
  const stack = await orgStack(emu, STACK, COGNIGY);
  await stack.up();
  const flows = emu.state().flows;
  expect(flows.map((flow) => [flow.name, flow.division]).sort()).toEqual([
    ["Workflow conversation.id.acw", "New Home"],
    ["Workflow conversation.id.user.end", "New Home"],
  ]);
  expect(emu.state().triggers).toHaveLength(2);

  const again = await stack.up();
  expect(again.changes).toEqual({ same: again.changes.same });
  expect(failedNames(await verifyRows(emu, STACK, COGNIGY))).toEqual([]);
});
