// The marker with the stack's identity, and how markers written before it are recognised.
import { describe, expect, it } from "vitest";
import { IDENTITY_LENGTH, hasMarker, hasStackMarker, sameStackMarker, stackMarker, stackMarkerIdentity } from "../../domain/marker";

const LEGACY = stackMarker("cognigy", "prod");
const MINE = stackMarker("cognigy", "prod", "0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90");
const NAMESAKE = stackMarker("cognigy", "prod", "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6");

describe("stack marker with identity", () => {
  it("carries project, stack and the identity; a UUID has the length the description check counts", () => {
    expect(MINE).toBe("cognigy-genesys-handover cognigy/prod 0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90");
    expect("0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90").toHaveLength(IDENTITY_LENGTH);
  });

  it("an object in state with the marker from before identities is the same stack's; another identity or stack is not", () => {
    expect(sameStackMarker(LEGACY, MINE)).toBe(true);
    expect(sameStackMarker(MINE, MINE)).toBe(true);
    expect(sameStackMarker(MINE, NAMESAKE)).toBe(false);
    expect(sameStackMarker(MINE, LEGACY)).toBe(false);
    expect(sameStackMarker(stackMarker("cognigy", "prod-eu"), MINE)).toBe(false);
    expect(sameStackMarker(LEGACY, `${MINE} extra`)).toBe(false);
  });

  it("a namesake found by lookup is recognised by the exact marker only", () => {
    expect(hasMarker(`notes\n\n${MINE}`, MINE)).toBe(true);
    expect(hasMarker(`notes\n\n${NAMESAKE}`, MINE)).toBe(false);
    expect(hasMarker(LEGACY, MINE)).toBe(false);
  });

  it("verify recognises this project/stack with any identity or none, and nothing else", () => {
    for (const text of [LEGACY, `text\n\n${MINE}`, NAMESAKE]) expect(hasStackMarker(text, LEGACY)).toBe(true);
    for (const text of [`${LEGACY}x`, stackMarker("cognigy", "prod-eu", "id"), "hand-made", undefined]) expect(hasStackMarker(text, LEGACY)).toBe(false);
  });

  it("verify given the identity recognises that one and the marker from before identities, not a same-named stack's", () => {
    const identity = "0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90";
    for (const text of [LEGACY, `text\n\n${MINE}`]) expect(hasStackMarker(text, LEGACY, identity)).toBe(true);
    for (const text of [NAMESAKE, "hand-made", undefined]) expect(hasStackMarker(text, LEGACY, identity)).toBe(false);
  });

  it("reads the identity a marker of this project/stack carries: none before identities, nothing for another stack's", () => {
    expect(stackMarkerIdentity(`notes\n\n${MINE}`, LEGACY)).toBe("0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90");
    expect(stackMarkerIdentity(LEGACY, LEGACY)).toBe("");
    for (const text of [stackMarker("cognigy", "prod-eu", "id"), `${MINE} extra`, "hand-made", undefined]) expect(stackMarkerIdentity(text, LEGACY)).toBeUndefined();
  });
});
