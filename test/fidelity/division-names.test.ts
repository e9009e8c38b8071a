// The whole stack through the real Pulumi CLI with names Genesys accepts that hold characters
// YAML and Architect give meaning to: the workflows go to the division "Sales & Service", the
// integration and data action names carry `&`, `:`, `#` and quotes. The flow jobs publish (the
// names survive the YAML), a second `up` changes nothing, and verify passes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { failedNames, orgStack, verifyRows } from "../verify/org";

const STACK = "sales-service";
const DIVISION = "Sales & Service";
const CONFIG = {
  "cognigy:endpointDomain": "app.cognigy.ai",
  "cognigy:division": DIVISION,
  "cognigy:integrationName": "Cognigy: Sales & Service #1",
  "cognigy:dataActionName": `Send "Event" to Cognigy's endpoint`,
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5, homeDivision: DIVISION });
});
afterAll(async () => emu?.close());

it(`deploys both workflows into the division "${DIVISION}" with names holding & : # and quotes, then changes nothing, and verify passes`, async () => {
  const stack = await orgStack(emu, STACK, CONFIG);
  await stack.up();
  const state = emu.state();
  expect(state.flows.map((flow) => flow.division)).toEqual([DIVISION, DIVISION]);
  expect(state.actions.map((action) => [action.category, action.name])).toEqual([[CONFIG["cognigy:integrationName"], CONFIG["cognigy:dataActionName"]]]);
  expect(state.triggers).toHaveLength(2);

  const again = await stack.up();
  expect(again.changes).toEqual({ same: again.changes.same });
  expect(failedNames(await verifyRows(emu, STACK, CONFIG))).toEqual([]);
});
