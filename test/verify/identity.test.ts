// The identity row (pure): which objects found carry which identity of this project/stack.
import { describe, expect, it } from "vitest";
import { stackMarker } from "../../domain/marker";
import { identityRow } from "../../tools/verify/identity";

const MARKER = stackMarker("cognigy", "prod");
const MINE = "0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90";
const OTHER = "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6";
const ctx = { stack: "prod", marker: MARKER };
const object = (label: string, identity?: string) => ({ label, text: `admin text\n\n${stackMarker("cognigy", "prod", identity)}` });

describe("the identity row", () => {
  it("is left out without --identity while the objects carry one identity, beside the marker from before identities", () => {
    expect(identityRow([object('integration "I"'), object('trigger "T"', MINE), { label: 'workflow "W"', text: "hand-made" }], ctx)).toBeUndefined();
  });

  it("fails without --identity on two identities, each with its objects", () => {
    const row = identityRow([object('integration "I"', MINE), object('trigger "T"', MINE), object('EventBridge integration "E"', OTHER)], ctx);
    expect(row).toMatchObject({ ok: false, actual: `identity ${MINE} on integration "I", trigger "T"; identity ${OTHER} on EventBridge integration "E"` });
  });

  it("with --identity passes on that identity and the marker from before identities, fails on another", () => {
    expect(identityRow([object('integration "I"'), object('trigger "T"', MINE)], { ...ctx, identity: MINE })).toEqual({ name: "Stack prod: identity", ok: true });
    expect(identityRow([object('trigger "T"', MINE), object('EventBridge integration "E"', OTHER)], { ...ctx, identity: MINE })).toMatchObject({
      ok: false,
      actual: `identity ${OTHER} on EventBridge integration "E"`,
    });
  });
});
