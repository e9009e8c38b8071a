// The real `pulumi up` is killed (its whole process tree, as a killed CI runner) at each write of
// each create, after the emulator applied the write and before the provider read the answer.
// Then the runbook (docs/crash-recovery.md, dev/reliability/recovery.ts): `pulumi cancel`,
// delete an unconfigured integration the run left, `pulumi refresh --clear-pending-creates`,
// `pulumi up`. It must converge with no duplicate, every other half-made object taken back, and
// no residue after destroy.
import { afterAll, describe, expect, inject, it } from "vitest";
import { ADOPT_CONFIG_KEY } from "../../domain/config-keys";
import { StackRunError } from "../../dev/pulumi/stack";
import { CRASH_POINTS } from "../../dev/reliability/crash-proxy";
import { duplicates, objectIds, residue, violations } from "../../dev/reliability/invariants";
import { ReliabilityOrg, SECRET_KEYS, stackConfig } from "../../dev/reliability/org";
import { INTEGRATION_RESOURCE_TYPE } from "../../dev/reliability/recovery";
import { GENESYS_TYPE } from "../support/state";

const opened: ReliabilityOrg[] = [];

// Each crash test runs several CLI operations: two at a time keep a shared 2-core machine from
// starving them, while the file's tests still start together.
let free = 2;
const waiting: (() => void)[] = [];
async function exclusive<T>(run: () => Promise<T>): Promise<T> {
  if (free > 0) free--;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await run();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free++;
  }
}
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

async function open(stack: string): Promise<ReliabilityOrg> {
  const org = await ReliabilityOrg.open({ cli: inject("pulumiCli"), stack, emulator: { jobMs: 50 } });
  opened.push(org);
  return org;
}

/** Ids of the Genesys objects the stack's state holds. */
async function managedIds(org: ReliabilityOrg): Promise<Set<string>> {
  const { deployment } = await org.stack.exportState();
  return new Set((deployment.resources as { custom?: boolean; type: string; id?: string }[]).filter((r) => r.custom && r.type.startsWith(GENESYS_TYPE)).map((r) => r.id!));
}

describe("crash recovery: `pulumi up` is killed mid-create", () => {
  it.concurrent.each(CRASH_POINTS.map((p) => [p.name, p] as const))("%s", (name, point) => exclusive(async () => {
    const org = await open(`crash-${CRASH_POINTS.indexOf(point)}`);
    org.proxy.arm(point, () => org.stack.kill());

    const crashed = await org.stack.up().then(() => undefined, (e: unknown) => e);
    expect(org.proxy.fired, `the crash point was reached; the run ended with: ${String(crashed)}`).toBe(true);
    expect(crashed).toBeInstanceOf(StackRunError);
    expect((crashed as StackRunError).killed).toBe(true);
    const halfMade = objectIds(org.emulator.state());
    for (const id of org.seeded) halfMade.delete(id);

    if (point === CRASH_POINTS[0]) {
      // The lock is what the CLI asks about first (a preview takes no lock); once is enough.
      const locked = (await org.stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(locked.message).toMatch(/the stack is currently locked .*`pulumi cancel`/s);
    }

    const recovery = await org.recover();
    expect(recovery.cleared.length).toBeGreaterThanOrEqual(1);
    // Only the integration killed between its create and its naming is the user's to delete.
    expect(recovery.deleted).toEqual(name === "integration create" ? [...halfMade] : []);
    expect(recovery.up.changes.create).toBeGreaterThan(0);
    const after = org.emulator.state();
    expect(duplicates(after)).toEqual([]);
    expect(violations(org.baseline, after, org.seeded)).toEqual([]);
    const managed = await managedIds(org);
    expect(managed.size).toBe(6);
    // Every other object the crashed run made is now managed by the stack (taken back, not duplicated).
    expect([...halfMade].filter((id) => !managed.has(id))).toEqual(recovery.deleted);
    expect(after.integrations.filter((i) => managed.has(i.id)).map((i) => i.name)).toEqual(["Web Services Data Actions Integration"]);

    await org.stack.destroy();
    expect(residue(org.emulator.state(), org.seeded)).toEqual([]);
    expect(violations(org.baseline, org.emulator.state(), org.seeded)).toEqual([]);
  }), 1_200_000);
});

describe("objects with our natural key but without our marker", () => {
  it.concurrent("an unmarked integration with our name is refused without adopt, left untouched, and taken over with adopt", () => exclusive(async () => {
    const org = await open("unmarked");
    const { emulator, stack } = org;
    const token = await (await fetch(`${emulator.url}/oauth/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from("emulator-client:emulator-secret").toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    }).then((r) => r.json()) as { access_token: string }).access_token;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${emulator.url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json());
    const theirs = (await call("POST", "/api/v2/integrations", { integrationType: { id: "custom-rest-actions" } })) as { id: string };
    const config = (await call("GET", `/api/v2/integrations/${theirs.id}/config/current`)) as Record<string, unknown>;
    await call("PUT", `/api/v2/integrations/${theirs.id}/config/current`, { ...config, name: "Web Services Data Actions Integration", notes: "hand-made" });
    const before = emulator.state().integrations.find((i) => i.id === theirs.id);
    emulator.clearLog();

    const refused = (await stack.up().catch((e: unknown) => e)) as StackRunError;
    expect(refused).toBeInstanceOf(StackRunError);
    expect(refused.killed).toBe(false);
    expect(refused.message).toContain(`Integration "Web Services Data Actions Integration" already exists`);
    expect(refused.message).toContain(ADOPT_CONFIG_KEY);
    expect(emulator.state().integrations.find((i) => i.id === theirs.id)).toEqual(before);
    const writes = emulator.log().entries.filter((e) => e.method !== "GET" && e.route !== "POST /oauth/token");
    expect(writes).toEqual([]);
    await stack.destroy();
    expect(emulator.state().integrations.find((i) => i.id === theirs.id)).toEqual(before);

    stack.setConfig(stackConfig(org.apiUrl, { [ADOPT_CONFIG_KEY]: "true" }), SECRET_KEYS);
    const adopted = await stack.up();
    expect(adopted.outputs.integration).toMatchObject({ id: theirs.id, adopted: true });
    const { deployment } = await stack.exportState();
    expect((deployment.resources as { type: string; id?: string }[]).find((r) => r.type === INTEGRATION_RESOURCE_TYPE)?.id).toBe(theirs.id);
    expect(duplicates(emulator.state())).toEqual([]);
  }), 1_200_000);
});
