// Whether the published workflow is still the stack's (providers/workflow-drift.ts): pure rules.
import { describe, expect, it } from "vitest";
import { driftedYaml, stillPublishedByStack } from "../../providers/workflow-drift";

const ours = { name: "Handover", states: [{ actions: [{ topic: "acw" }] }] };

describe("stillPublishedByStack", () => {
  it("keeps the version the stack published without its configuration", () => {
    expect(stillPublishedByStack("2.0", "2.0")).toBe(true);
  });

  it("keeps a later version only when its configuration means the same JSON as the stack's version's", () => {
    expect(stillPublishedByStack("2.0", "3.0", { stack: ours, live: { states: ours.states, name: "Handover", extra: undefined } })).toBe(true);
    expect(stillPublishedByStack("2.0", "3.0", { stack: ours, live: { ...ours, states: [{ actions: [{ topic: "user.end" }] }] } })).toBe(false);
  });

  it("counts no published version, a stack version Genesys no longer has, and unread configurations as drift", () => {
    expect(stillPublishedByStack("2.0", "")).toBe(false);
    expect(stillPublishedByStack("2.0", "3.0", { stack: undefined, live: ours })).toBe(false);
    expect(stillPublishedByStack("2.0", "3.0")).toBe(false);
  });
});

describe("driftedYaml", () => {
  it("is a YAML comment naming the workflow, both versions and the way back", () => {
    const text = driftedYaml("Handover", "3.0", "2.0");
    expect(text).toMatch(/^# Workflow "Handover" is published as version 3\.0, .*this stack published version 2\.0.*`pulumi up`/);
    expect(driftedYaml("Handover", "", "2.0")).toContain("has no published version");
  });
});
