// Whether the published workflow is still the stack's, and the stand-ins read records for a YAML
// it cannot give back (providers/workflow-drift.ts): pure rules.
import { describe, expect, it } from "vitest";
import { checkWorkflow } from "../../providers/workflow";
import { driftedYaml, importedYaml, isStandInYaml, standInPublishRefusal, stillPublishedByStack } from "../../providers/workflow-drift";

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

describe("the stand-ins for a YAML Genesys does not give back", () => {
  const yaml = 'workflow:\n  name: "Handover"\n  division: "Home"\n';

  it("importedYaml is a YAML comment naming the workflow, its version and the way to publish", () => {
    expect(importedYaml("Handover", "2.0")).toMatch(/^# Workflow "Handover" was imported at its published version 2\.0;.*`pulumi up`/);
    expect(importedYaml("Handover", "")).toContain("has no published version");
  });

  it("isStandInYaml tells comments only from a workflow", () => {
    expect(isStandInYaml(importedYaml("Handover", "2.0"))).toBe(true);
    expect(isStandInYaml(driftedYaml("Handover", "3.0", "2.0"))).toBe(true);
    expect(isStandInYaml(`# exported from Architect\n${yaml}`)).toBe(false);
    expect(isStandInYaml("")).toBe(false);
    expect(isStandInYaml(undefined)).toBe(false);
  });

  it("check accepts a stand-in only as the recorded yaml kept (ignoreChanges), never as a new one", () => {
    const stand = importedYaml("Handover", "2.0");
    const news = { name: "Handover", yaml: stand, managedBy: "m" };
    expect(checkWorkflow(news, { yaml: stand }).failures).toEqual([]);
    expect(checkWorkflow(news, {}).failures).toEqual([expect.objectContaining({ property: "yaml" })]);
    expect(checkWorkflow({ ...news, yaml }, { yaml: stand }).failures).toEqual([]);
  });

  it("publishing a stand-in is refused with the way out", () => {
    expect(standInPublishRefusal("Handover", importedYaml("Handover", "2.0"))).toMatch(/^Workflow "Handover": .*Nothing was written\. Remove "yaml"/);
    expect(standInPublishRefusal("Handover", "workflow:\n  name: Handover\n")).toBeUndefined();
  });
});
