// verify's row for a workflow still bound to a deleted data action: the action was recreated by
// hand under the same name (a new id) after the workflows were published, so events fail.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../dev/emulator/index";
import { login } from "../emulator/sdk";
import { handoverAction } from "../emulator/handover-org";
import { INTEGRATION, seedHandMade } from "./hand-made";
import { failedNames, startOrg, verifyRows } from "./org";

const SAAS = { "cognigy:endpointDomain": "app.cognigy.ai" };
const ACW = 'Workflow "Workflow conversation.id.acw": calls a data action that exists';
const USER_END = 'Workflow "Workflow conversation.id.user.end": calls a data action that exists';

let emu: Emulator;
beforeAll(async () => {
  emu = await startOrg();
});
afterAll(async () => emu.close());

it("fails both workflows' rows after the action is recreated, naming the old id; a republished workflow passes", async () => {
  const made = await seedHandMade(emu.url);
  expect(failedNames(await verifyRows(emu, "hand", SAAS))).not.toContain(ACW);

  const api = await login(emu.url);
  await api.integrations.deleteIntegrationsAction(made.actionId);
  await api.integrations.postIntegrationsActions(handoverAction(made.integrationId, INTEGRATION, "https://endpoint-app.cognigy.ai") as never);

  const rows = await verifyRows(emu, "hand", SAAS);
  expect(failedNames(rows)).toEqual(expect.arrayContaining([ACW, USER_END]));
  const row = rows.find((r) => r.name === ACW)!;
  expect(row.actual).toBe(`still calls the deleted data action "Send Event to Cognigy" (id ${made.actionId})`);
  expect(row.hint).toContain("Republish the workflow");

  // Republishing the acw workflow (same YAML, a new version) binds it to the new action.
  const flow = emu.state().flows.find((f) => f.id === made.flowIds.acw)!;
  const job = await api.architect.postFlowsJobs();
  await fetch(job.presignedUrl!, { method: "PUT", headers: job.headers, body: flow.yaml });
  for (let i = 0; i < 500 && emu.state().flows.find((f) => f.id === made.flowIds.acw)!.versions.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  const after = failedNames(await verifyRows(emu, "hand", SAAS));
  expect(after).not.toContain(ACW);
  expect(after).toContain(USER_END);
});
