// Adoption decided before it happens, on the real Pulumi CLI against an emulator seeded with a
// hand-made setup: `pulumi preview --diff` shows what `up` will do with each existing object
// (take it over in place, or replace it under a new id), replacing an object the stack did not
// make is refused unless `cognigy:allowReplaceAdopted` is set, and the admin's own notes and
// descriptions stay beside the management marker.
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { seedHandMade } from "../verify/hand-made";
import { PROJECT, SECRET_KEY, genesysConfig, orgStack, startOrg } from "../verify/org";
import { writeCalls } from "./org";

const ADOPT = { "cognigy:endpointDomain": "app.cognigy.ai", "cognigy:adoptExisting": "true" };
const ADMIN_TEXT = "Owned by the contact-centre team";
/** An output contract other than the stack's (templates/output-contract.json): Genesys cannot change it in place. */
const OTHER_OUTPUT = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] };

async function refusal(run: Promise<unknown>): Promise<string> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StackRunError);
  return (err as StackRunError).message;
}

async function withOrg(test: (emu: Emulator) => Promise<void>): Promise<void> {
  const emu = await startOrg();
  try {
    await test(emu);
  } finally {
    await emu.close();
  }
}

type Outputs = Record<string, { id: string; adopted: boolean } & Record<string, { id: string; adopted: boolean }>>;

describe("adoption shown before it happens", () => {
  it("preview --diff shows each takeover in place without a write; up keeps the ids and the admin's text beside the marker; a later replace is refused", () =>
    withOrg(async (emu) => {
      const made = await seedHandMade(emu.url, { adminText: ADMIN_TEXT });
      const ids = [made.integrationId, made.actionId, ...Object.values(made.flowIds), ...Object.values(made.triggerIds)];
      const stack = await orgStack(emu, "adopt-preview", ADOPT);

      emu.clearLog();
      const preview = await stack.preview({ diff: true });
      for (const id of ids) expect(preview.stdout).toContain(`take over ${id} in place`);
      expect(writeCalls(emu.log().entries)).toEqual([]);

      const outputs = (await stack.up()).outputs as Outputs;
      expect(outputs.integration).toMatchObject({ id: made.integrationId, adopted: true });
      // Found by name under an integration the stack did not make: adopted, not "ours by where it lives".
      expect(outputs.dataAction).toMatchObject({ id: made.actionId, adopted: true });
      for (const key of ["acw", "user.end"] as const) {
        expect(outputs.workflows[key]).toMatchObject({ id: made.flowIds[key], adopted: true });
        expect(outputs.triggers[key]).toMatchObject({ id: made.triggerIds[key], adopted: true });
      }
      // The admin's text, a blank line, the marker with the stack's identity.
      const marked = new RegExp(`^${ADMIN_TEXT}\n\ncognigy-genesys-handover ${PROJECT}/adopt-preview [0-9a-f-]{36}$`);
      const state = emu.state();
      expect(state.integrations.find((i) => i.id === made.integrationId)?.notes).toMatch(marked);
      for (const id of Object.values(made.flowIds)) expect(state.flows.find((f) => f.id === id)?.description).toMatch(marked);
      for (const id of Object.values(made.triggerIds)) expect(state.triggers.find((t) => t.id === id)?.description).toMatch(marked);

      // Renaming an adopted workflow would replace it (a new flow, the admin's one deleted).
      stack.setConfig({ ...genesysConfig(emu), ...ADOPT, "cognigy:workflowNameAcw": "Renamed acw workflow" }, [SECRET_KEY]);
      emu.clearLog();
      const message = await refusal(stack.up());
      expect(message).toContain(`Workflow "Workflow conversation.id.acw" (id ${made.flowIds.acw}) was not made by this stack, and changing name would delete it`);
      expect(message).toContain("pulumi config set cognigy:allowReplaceAdopted true");
      expect(writeCalls(emu.log().entries)).toEqual([]);
    }));

  it("a hand-made data action with another contract: preview refuses before any write, up before touching the action; with cognigy:allowReplaceAdopted, preview shows the replace and up makes it", () =>
    withOrg(async (emu) => {
      const made = await seedHandMade(emu.url, { outputSchema: OTHER_OUTPUT });
      const stack = await orgStack(emu, "adopt-replace", ADOPT);

      emu.clearLog();
      const expected = new RegExp(
        `Data action "Web Services Data Actions Integration / Send Event to Cognigy" \\(id ${made.actionId}\\) was not made by this stack, ` +
          "and adopting it \\(its output contract differs, which Genesys cannot change in place\\) would delete it.*cognigy:allowReplaceAdopted true",
        "s",
      );
      expect(await refusal(stack.preview({ diff: true }))).toMatch(expected);
      expect(writeCalls(emu.log().entries)).toEqual([]);
      // `up` (which runs without a preview) decides once the action's integration is known: the
      // integration is taken over first, the action is neither deleted nor changed.
      expect(await refusal(stack.up())).toMatch(expected);
      expect(writeCalls(emu.log().entries).filter((call) => call.includes("/actions"))).toEqual([]);
      expect(emu.state().actions).toEqual([expect.objectContaining({ id: made.actionId, version: 1 })]);

      stack.setConfig({ ...genesysConfig(emu), ...ADOPT, "cognigy:allowReplaceAdopted": "true" }, [SECRET_KEY]);
      const preview = await stack.preview({ diff: true });
      expect(preview.stdout).toContain(`replace ${made.actionId}: its output contract differs, which Genesys cannot change in place`);
      const outputs = (await stack.up()).outputs as Outputs;
      expect(outputs.dataAction.adopted).toBe(true);
      expect(outputs.dataAction.id).not.toBe(made.actionId);
      expect(emu.state().actions.map((a) => a.id)).toEqual([outputs.dataAction.id]);
    }));
});
