// Writes Genesys applied whose answer never arrived (the connection dropped) or came back as a
// 5xx, on every create of the stack, through the real `pulumi up`: the providers look for what
// the lost attempt made before retrying, so the org ends with exactly one of each object, and
// `pulumi destroy` leaves nothing behind (no nameless integration, no second trigger).
import { afterAll, describe, expect, inject, it } from "vitest";
import { duplicates, residue, violations } from "../../dev/reliability/invariants";
import { ReliabilityOrg } from "../../dev/reliability/org";

const opened: ReliabilityOrg[] = [];
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

const CREATES = ["POST /api/v2/integrations", "POST /api/v2/integrations/actions", "POST /api/v2/flows/jobs", "POST /api/v2/processautomation/triggers"];

describe("lost answers on creates", () => {
  it.concurrent.each(["lost", "500-after-apply"] as const)("%s: one object each, no residue", async (kind) => {
    const org = await ReliabilityOrg.open({ cli: inject("pulumiCli"), stack: `lost-${kind}`, emulator: { jobMs: 50 } });
    opened.push(org);
    // Fresh objects stay invisible to single reads for a while (as on Genesys): the lookup before
    // a retry finds the lost create's object in a listing and must wait for it to be readable.
    org.emulator.configure({ invisibilityMs: 1_000 });
    // Both triggers' creates lose their answer; every other create's first attempt does.
    org.emulator.injectFaults(CREATES.map((route) => ({ route, kind, count: route.endsWith("/triggers") ? 2 : 1, hangMs: 3_000 })));
    const up = await org.stack.up();
    expect(org.emulator.faults().injected[kind]).toBe(5);
    expect(org.emulator.faults().pending).toEqual([]);
    expect(up.changes.create).toBe(10); // the stack, its provider, the identity, the component, six objects
    const after = org.emulator.state();
    expect(duplicates(after)).toEqual([]);
    expect(violations(org.baseline, after, org.seeded)).toEqual([]);
    const ours = (kind: "integrations" | "actions" | "flows" | "triggers") => after[kind].filter((o) => !org.seeded.has(o.id)).length;
    expect([ours("integrations"), ours("actions"), ours("flows"), ours("triggers")]).toEqual([1, 1, 2, 2]);
    await org.stack.destroy();
    expect(residue(org.emulator.state(), org.seeded)).toEqual([]);
  }, 600_000);
});
