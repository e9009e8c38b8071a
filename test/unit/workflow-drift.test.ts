// Whether the published workflow is still the stack's (providers/workflow-drift.ts): pure rules.
import { describe, expect, it } from "vitest";
import { configurationDigest, driftedYaml, stillPublishedByStack } from "../../providers/workflow-drift";

const ours = { name: "Handover", states: [{ actions: [{ topic: "acw" }] }] };
const recorded = { publishedVersion: "2.0", configurationDigest: configurationDigest(ours) };

describe("configurationDigest", () => {
  it("depends on the JSON meaning only: key order and undefined members do not count, any value does", () => {
    expect(configurationDigest({ states: ours.states, name: "Handover", extra: undefined })).toBe(recorded.configurationDigest);
    expect(configurationDigest({ ...ours, states: [{ actions: [{ topic: "user.end" }] }] })).not.toBe(recorded.configurationDigest);
    expect(recorded.configurationDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("stillPublishedByStack", () => {
  it("keeps the version the stack published without reading its configuration", () => {
    expect(stillPublishedByStack(recorded, "2.0", undefined)).toBe(true);
  });

  it("keeps a later version only when its configuration digests as the stack's did", () => {
    expect(stillPublishedByStack(recorded, "3.0", recorded.configurationDigest)).toBe(true);
    expect(stillPublishedByStack(recorded, "3.0", configurationDigest({ ...ours, name: "Edited" }))).toBe(false);
  });

  it("counts no published version, and a later version of a stack that kept no digest, as drift", () => {
    expect(stillPublishedByStack(recorded, "", undefined)).toBe(false);
    expect(stillPublishedByStack({ publishedVersion: "2.0" }, "3.0", recorded.configurationDigest)).toBe(false);
    expect(stillPublishedByStack({ publishedVersion: "2.0", configurationDigest: "" }, "3.0", "")).toBe(false);
  });
});

describe("driftedYaml", () => {
  it("is a YAML comment naming the workflow, both versions and the way back", () => {
    const text = driftedYaml("Handover", "3.0", recorded);
    expect(text).toMatch(/^# Workflow "Handover" is published as version 3\.0, .*this stack published version 2\.0.*`pulumi up`/);
    expect(driftedYaml("Handover", "", recorded)).toContain("has no published version");
  });
});
