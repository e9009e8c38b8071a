// Tokens through the real `pulumi up`: every token expiring mid-run is renewed once (one more
// login, however many calls saw the 401) and the run goes on; a client revoked mid-run fails the
// run at once with the message naming the client, without retrying the refused login.
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_CLIENT } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { CRASH_POINTS } from "../../dev/reliability/crash-proxy";
import { duplicates, residue } from "../../dev/reliability/invariants";
import { ReliabilityOrg } from "../../dev/reliability/org";

const opened: ReliabilityOrg[] = [];
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

// About tokens, not hangs: the suite's 1 s request timeout would let a loaded machine cut a slow
// login short and log in again, and the count of logins would then measure the machine's speed.
const LIMITS = { GENESYSCLOUD_REQUEST_TIMEOUT_MS: "60000" };

async function open(stack: string): Promise<ReliabilityOrg> {
  const org = await ReliabilityOrg.open({ cli: inject("pulumiCli"), stack, emulator: { jobMs: 50 }, limits: LIMITS });
  opened.push(org);
  org.emulator.clearLog();
  return org;
}

const point = (name: string) => CRASH_POINTS.find((p) => p.name === name)!;
const logins = (org: ReliabilityOrg, status: number) => org.emulator.log().entries.filter((e) => e.route === "POST /oauth/token" && e.status === status).length;

describe("tokens", () => {
  it.concurrent("a token expiring mid-run is renewed once and the run goes on", async () => {
    const org = await open("token-expiry");
    org.proxy.tap(point("data action create"), () => org.emulator.expireTokens());
    const up = await org.stack.up();
    expect(up.changes.create).toBe(10); // the stack, its provider, the identity, the component, six objects
    expect(org.emulator.log().entries.filter((e) => e.status === 401).length).toBeGreaterThan(0);
    expect(logins(org, 200)).toBe(2);
    expect(duplicates(org.emulator.state())).toEqual([]);
    await org.stack.destroy();
    expect(residue(org.emulator.state(), org.seeded)).toEqual([]);
  }, 600_000);

  it.concurrent("a client revoked mid-run fails the run at once, naming the client", async () => {
    const org = await open("token-revoked");
    org.proxy.tap(point("flow job create"), () => org.emulator.revokeClient(DEFAULT_CLIENT.id));
    const failure = (await org.stack.up().catch((e: unknown) => e)) as StackRunError;
    expect(failure).toBeInstanceOf(StackRunError);
    expect(failure.killed).toBe(false);
    expect(failure.message).toContain(`Genesys Cloud refused the login of OAuth client "${DEFAULT_CLIENT.id}"`);
    expect(failure.message).toMatch(/Check genesyscloud:oauthClientId \/ genesyscloud:oauthClientSecret/);
    expect(failure.message).not.toContain(DEFAULT_CLIENT.secret);
    // One refused login per call in flight when the client was revoked (the two workflows' and
    // their neighbours'), none retried: a retried login would be refused up to 20 times.
    expect(logins(org, 401)).toBeLessThanOrEqual(6);
    expect(logins(org, 401)).toBeGreaterThan(0);
  }, 600_000);
});
