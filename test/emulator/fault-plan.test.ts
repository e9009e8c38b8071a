// A seed replays: each random fault is drawn from the call's identity (route, the natural key of
// the object it concerns, the attempt for that identity), not from the order calls arrive in, so
// calls made side by side get the same faults in every run whatever order they reach Genesys in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, type PlannedFault, startEmulator } from "../../dev/emulator/index";
import { callIdentity, drawFault } from "../../dev/emulator/faults";
import { login } from "./sdk";

const NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima"];
const FAULTS = { rate: 0.5, seed: 20261125, kinds: ["500" as const, "503" as const] };

let one: Emulator;
let two: Emulator;
beforeAll(async () => {
  [one, two] = await Promise.all([startEmulator(), startEmulator()]);
});
afterAll(async () => Promise.all([one?.close(), two?.close()]));

/** Integrations named `names` (made before any fault is set): name → id, ids differing per org. */
async function integrations(emu: Emulator, names: string[]): Promise<Map<string, string>> {
  const api = await login(emu.url);
  const ids = new Map<string, string>();
  for (const name of names) {
    const { id } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const config = await api.integrations.getIntegrationConfigCurrent(id!);
    await api.integrations.putIntegrationConfigCurrent(id!, { body: { ...config, name } });
    ids.set(name, id!);
  }
  return ids;
}

/** Each call twice (a first attempt and a second), in the given order: the status of each, by name and attempt. */
async function statuses(emu: Emulator, order: string[], ids: Map<string, string>): Promise<Record<string, number>> {
  const { token } = await login(emu.url);
  emu.setRandomFaults(FAULTS);
  const seen: Record<string, number> = {};
  for (const attempt of [1, 2]) {
    for (const name of order) {
      const read = await fetch(`${emu.url}/api/v2/integrations/${ids.get(name)}`, { headers: { Authorization: `Bearer ${token}` } });
      const listing = await fetch(`${emu.url}/api/v2/flows?name=${encodeURIComponent(name)}`, { headers: { Authorization: `Bearer ${token}` } });
      seen[`read ${name} #${attempt}`] = read.status;
      seen[`list ${name} #${attempt}`] = listing.status;
    }
  }
  emu.setRandomFaults(null);
  return seen;
}

const byCall = (plan: PlannedFault[]) => Object.fromEntries(plan.map((p) => [`${p.call}#${p.attempt}`, p.kind]));

describe("random faults drawn from the call's identity", () => {
  it("the same seed gives each call the same fault in two orgs whose calls arrive in opposite orders (ids differ, names agree)", async () => {
    const [idsOne, idsTwo] = await Promise.all([integrations(one, NAMES), integrations(two, [...NAMES].reverse())]);
    const first = await statuses(one, NAMES, idsOne);
    const plan = one.faults().plan;
    const second = await statuses(two, [...NAMES].reverse(), idsTwo);
    expect(second).toEqual(first);
    expect(byCall(two.faults().plan)).toEqual(byCall(plan));
    // Faults did strike, and not every call: the draw depends on the call.
    const failed = Object.values(first).filter((status) => status !== 200).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(Object.keys(first).length);
    // A replay on the same org (same seed, the order of the first run) draws the same again.
    expect(await statuses(two, NAMES, idsTwo)).toEqual(first);
  });

  it("names the object by its natural key: the name in the body, else the named object's name; filters count, cursors do not", () => {
    const names = (param: string, id: string) => ({ integrationId: { "id-1": "Cognigy Handover" } as Record<string, string> })[param]?.[id];
    const none = new URLSearchParams();
    expect(callIdentity("GET /api/v2/integrations/{integrationId}", { integrationId: "id-1" }, none, "", names)).toEqual({
      route: "GET /api/v2/integrations/{integrationId}",
      subject: "Cognigy Handover",
    });
    expect(callIdentity("POST /api/v2/processautomation/triggers", {}, none, JSON.stringify({ name: "Trigger acw", enabled: true }), names).subject).toBe("Trigger acw");
    expect(callIdentity("PUT /uploads/architect-jobs/{jobId}", { jobId: "j-1" }, none, "workflow:\n  name: Workflow acw\n  division: Home\n", names).subject).toBe("Workflow acw");
    expect(callIdentity("GET /api/v2/flows/{flowId}/versions/{versionId}", { flowId: "unknown", versionId: "2.0" }, none, "", names).subject).toBe("?/2.0");
    const query = new URLSearchParams({ topicName: "v2.detail.events.conversation.{id}.acw", after: "b2Zmc2V0OjIw", pageSize: "200" });
    expect(callIdentity("GET /api/v2/processautomation/triggers", {}, query, "", names).subject).toBe("pageSize=200 topicName=v2.detail.events.conversation.{id}.acw");
  });

  it("draws per (seed, call, attempt): the same three give the same fault, another attempt or seed may not", () => {
    const call = { route: "POST /api/v2/integrations/actions", subject: "Send Event to Cognigy" };
    const draws = (seed: number) => Array.from({ length: 40 }, (_, i) => drawFault({ ...FAULTS, seed }, call, i + 1));
    expect(draws(7)).toEqual(draws(7));
    expect(new Set(draws(7)).size).toBeGreaterThan(1);
    expect(draws(8)).not.toEqual(draws(7));
  });
});
