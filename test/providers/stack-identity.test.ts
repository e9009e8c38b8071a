// The stack identity: made once by check, kept from the stored inputs ever after, never changed.
import { describe, expect, it } from "vitest";
import { StackIdentityProvider } from "../../providers/stack-identity";

describe("StackIdentity provider", () => {
  it("check makes a UUID for a new stack and keeps the stored one after; diff never changes it; no API involved", async () => {
    const provider = new StackIdentityProvider();
    const first = (await provider.check({}, {})).inputs as { identity: string };
    expect(first.identity).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const other = (await provider.check({}, {})).inputs as { identity: string };
    expect(other.identity).not.toBe(first.identity);
    expect((await provider.check(first, {})).inputs).toMatchObject({ identity: first.identity });
    expect(await provider.diff()).toEqual({ changes: false });
    const created = await provider.create(first as never);
    expect(created).toEqual({ id: first.identity, outs: first });
    expect((await provider.update(created.id, created.outs as never, { identity: "another" } as never)).outs).toMatchObject({ identity: first.identity });
  });
});
