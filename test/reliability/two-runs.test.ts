// Two runs against one org at once, through the real CLI. Two `pulumi up` of the same stack (two
// pipelines, two checkouts, one backend): the backend's lock refuses the second, which names the
// lock and changes nothing. Two different stacks aimed at the same org with the same object
// names: whatever the interleaving, no object ends up twice, nothing either stack owns is
// deleted by the other, and the stack that lost is told why.
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_CLIENT, type Emulator, startEmulator } from "../../dev/emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { StackRunError } from "../../dev/pulumi/stack";
import { CRASH_POINTS, startCrashProxy } from "../../dev/reliability/crash-proxy";
import { duplicates, residue, violations } from "../../dev/reliability/invariants";
import { ReliabilityOrg } from "../../dev/reliability/org";
import { client } from "../../dev/reliability/seed";
import { withClient } from "../providers/harness";
import { emulatorConfig } from "../support/stack";

const opened: ReliabilityOrg[] = [];
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

async function open(stack: string, limits: Record<string, string> = {}): Promise<ReliabilityOrg> {
  const org = await ReliabilityOrg.open({ cli: inject("pulumiCli"), stack, emulator: { jobMs: 50 }, limits });
  opened.push(org);
  return org;
}

describe("two runs at once", () => {
  it.concurrent("the same stack twice: the second is refused by the lock and changes nothing", async () => {
    // The first run's data action create is held until the second run has ended: a request
    // timeout long enough that the held call is not retried meanwhile.
    const org = await open("twice", { GENESYSCLOUD_REQUEST_TIMEOUT_MS: "600000" });
    const second = org.another("twice");
    let refused: Promise<unknown> | undefined;
    org.proxy.tap(CRASH_POINTS.find((p) => p.name === "data action create")!, () => {
      refused = second.up().then(() => undefined, (e: unknown) => e);
      return refused;
    });
    const first = await org.stack.up();
    const failure = (await refused) as StackRunError;
    expect(failure).toBeInstanceOf(StackRunError);
    expect(failure.message).toMatch(/the stack is currently locked by 1 lock\(s\)/);
    expect(first.changes.create).toBe(10);
    const after = org.emulator.state();
    expect(duplicates(after)).toEqual([]);
    expect(violations(org.baseline, after, org.seeded)).toEqual([]);
    // The refused run's own checkout sees the first run's state: nothing to do.
    await second.preview({ expectNoChanges: true });
    await org.stack.destroy();
    expect(residue(org.emulator.state(), org.seeded)).toEqual([]);
  }, 600_000);

  it.concurrent("two stacks with the same names against one org: no duplicate, nothing of the other's deleted, the loser told", async () => {
    const org = await open("team-a");
    const other = org.another("team-b");
    const outcomes = await Promise.all([org.stack.up(), other.up()].map((run) => run.then(() => undefined, (e: unknown) => e as StackRunError)));
    const after = org.emulator.state();
    expect(duplicates(after)).toEqual([]);
    expect(violations(org.baseline, after, org.seeded)).toEqual([]);
    const failures = outcomes.filter((o): o is StackRunError => o !== undefined);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.killed).toBe(false);
      expect(failure.message).toMatch(/already exists in Genesys Cloud .* was not created by this stack|was created by another run against this Genesys org at the same time/s);
    }
    // The winner (if any) holds all six; destroying both leaves only the other team's objects.
    const winners = outcomes.filter((o) => o === undefined).length;
    expect(after.integrations.filter((i) => !org.seeded.has(i.id))).toHaveLength(winners);
    await org.stack.destroy();
    await other.destroy();
    expect(residue(org.emulator.state(), org.seeded)).toEqual([]);
    expect(violations(org.baseline, org.emulator.state(), org.seeded)).toEqual([]);
  }, 600_000);

  /**
   * Just before our naming, another run names its own integration the same: it looked for
   * namesakes before ours had our name, so only our look, after our naming, can see the clash.
   * `afterTheirs` runs once theirs is named; resolves to our create's failure and the ids.
   */
  async function namesakeRace(options: { invisibilityMs?: number; settings?: Record<string, string>; afterTheirs?: (emulator: Emulator) => void }) {
    const emulator = await startEmulator({ invisibilityMs: options.invisibilityMs });
    const proxy = await startCrashProxy(emulator.url);
    try {
      const other = await client(emulator, DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret);
      let theirs = "";
      proxy.tap(CRASH_POINTS.find((p) => p.name === "integration config (name + marker)")!, async () => {
        const made = await other.call<{ id: string }>("POST", "/api/v2/integrations", { integrationType: { id: "custom-rest-actions" } });
        // Inside a read-after-create window the other run waits it out too: its config reads 404 until then.
        let config: Record<string, unknown> | undefined;
        while (!config) {
          config = await other.call<Record<string, unknown>>("GET", `/api/v2/integrations/${made.id}/config/current`).catch(() => undefined);
          if (!config) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await other.call("PUT", `/api/v2/integrations/${made.id}/config/current`, { ...config, name: "Shared name", notes: "other stack's marker" });
        theirs = made.id;
        options.afterTheirs?.(emulator);
      });
      const provider = new IntegrationProvider();
      withClient(provider, emulatorConfig(proxy, options.settings));
      const failure = (await provider.create({ name: "Shared name", notes: "", enabled: true, adopt: false, managedBy: "our marker" }).catch((e: unknown) => e)) as Error;
      return { failure, theirs, faults: emulator.faults(), left: emulator.state().integrations.map((i) => [i.id, i.name, i.notes]) };
    } finally {
      await proxy.close();
      await emulator.close();
    }
  }

  it.concurrent("an integration create that finds a namesake made meanwhile deletes its own and says so", async () => {
    const { failure, theirs, left } = await namesakeRace({});
    expect(failure.message).toMatch(new RegExp(`Integration "Shared name" was created by another run against this Genesys org at the same time \\(id ${theirs}\\), while this run created its own \\(id [^)]+\\), which it deleted again`));
    expect(left).toEqual([[theirs, "Shared name", "other stack's marker"]]);
  });

  it.concurrent("the namesake clean-up deletes its own integration even when the DELETE answers 404 as not visible yet", async () => {
    // Genesys's read-after-create window on, and the clean-up's DELETE, right after the create,
    // answered 404 as inside it: counted as gone, the duplicate would stay while the run reports it deleted.
    const { failure, theirs, faults, left } = await namesakeRace({
      invisibilityMs: 300,
      settings: { "genesyscloud:retryMinWaitMs": "50" },
      afterTheirs: (emulator) => emulator.injectFaults({ route: "DELETE /api/v2/integrations/{integrationId}", kind: "invisibility" }),
    });
    expect(failure.message).toMatch(/was created by another run against this Genesys org at the same time .* which it deleted again/);
    expect(faults.injected.invisibility).toBe(1);
    expect(left).toEqual([[theirs, "Shared name", "other stack's marker"]]);
  });
});
