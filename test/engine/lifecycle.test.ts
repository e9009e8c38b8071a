import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { unknownSentinel } from "../../tools/engine/property-values";
import { fixture, token, urnOf } from "./helpers";

// One stack taken through its whole life; each step builds on the state the previous left.
const stack = "life";
const f = fixture(stack, { "fixture:delayMs": "150" });
const config = (extra: Record<string, string>) => f.engine.setConfig({ "fixture:token": token, ...extra }, ["fixture:token"]);
const idOf = (name: string) => f.engine.stackState.resources.find((e) => e.urn === urnOf(name, stack))?.id;

describe("LocalEngine lifecycle over the dynamic-provider host", () => {
  it("up creates every resource, independent ones side by side, and feeds real ids to dependents", async () => {
    const result = await f.engine.up();
    expect(result.summary).toEqual({ create: 4 });
    const journal = f.newJournal();
    const starts = journal.filter((j) => j.op === "create-start").map((j) => j.name);
    // base and sibling do not depend on each other: both started before either finished.
    const firstDone = journal.findIndex((j) => j.op === "create");
    expect(journal.slice(0, firstDone).map((j) => j.name).sort()).toEqual(["app-base", "app-sibling"]);
    expect(starts).toHaveLength(3);
    expect(result.outputs.baseId).toBe(idOf("base"));
    expect(result.outputs.childParentId).toBe(idOf("base"));
    expect(f.objectIds()).toEqual([idOf("base"), idOf("child"), idOf("sibling")].sort());
    const child = f.engine.stackState.resources.find((e) => e.urn === urnOf("child", stack))!;
    expect(child.dependencies).toContain(urnOf("base", stack));
    expect(child.parent).toBe(`urn:pulumi:${stack}::fixture::fixture:index:Group::group`);
  });

  it("a second up is a no-op: no create, update or delete reaches the provider", async () => {
    const result = await f.engine.up();
    expect(result.summary).toEqual({ same: 4 });
    expect(f.newJournal()).toEqual([]);
    expect(result.operations.map((o) => o.op).filter((op) => !["check", "diff"].includes(op)).sort()).toEqual([
      "configure",
      "host-start",
      "program",
    ]);
  });

  it("preview reports the changes without writing anything", async () => {
    config({ "fixture:content": "v2", "fixture:extra": "true" });
    const result = await f.engine.preview();
    expect(result.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn])).toEqual(
      expect.arrayContaining([
        ["update", urnOf("base", stack)],
        ["create", urnOf("extra", stack)],
      ]),
    );
    expect(result.outputs.extraId).toBe(unknownSentinel);
    expect(f.newJournal()).toEqual([]);
    expect(f.engine.stackState.resources).toHaveLength(4);
  });

  it("a changed input updates in place; a new resource is created", async () => {
    const baseId = idOf("base");
    const result = await f.engine.up();
    expect(result.summary).toEqual({ same: 3, update: 1, create: 1 });
    const journal = f.newJournal();
    expect(journal.filter((j) => j.op === "update")).toEqual([
      { op: "update", id: baseId, name: "app-base", from: "v1", to: "v2" },
    ]);
    expect(idOf("base")).toBe(baseId);
  });

  it("a resource the program no longer registers is deleted after the program", async () => {
    const extraId = idOf("extra");
    config({ "fixture:content": "v2" });
    const result = await f.engine.up();
    expect(result.steps.filter((s) => s.op === "delete").map((s) => s.urn)).toEqual([urnOf("extra", stack)]);
    expect(f.newJournal()).toEqual([{ op: "delete", id: extraId, name: "app-extra" }]);
    expect(idOf("extra")).toBeUndefined();
  });

  it("a replace the provider marks delete-before-replace deletes the old object first", async () => {
    const oldId = idOf("sibling");
    config({ "fixture:content": "v2", "fixture:kind": "b" });
    const result = await f.engine.up();
    expect(result.steps.find((s) => s.urn === urnOf("sibling", stack))).toMatchObject({
      op: "replace",
      replaces: ["kind"],
      deleteBeforeReplace: true,
    });
    const ops = f.newJournal().map((j) => `${j.op} ${j.id}`);
    const newId = idOf("sibling")!;
    expect(newId).not.toBe(oldId);
    expect(ops.indexOf(`delete ${oldId}`)).toBeLessThan(ops.indexOf(`create-start ${newId}`));
  });

  it("any other replace creates the new object, updates dependents, then deletes the old one", async () => {
    const oldBase = idOf("base");
    const childId = idOf("child");
    config({ "fixture:content": "v2", "fixture:kind": "b", "fixture:slot": "2" });
    const result = await f.engine.up();
    const newBase = idOf("base")!;
    expect(result.outputs.childParentId).toBe(newBase);
    expect(f.newJournal().map((j) => `${j.op} ${j.id}`)).toEqual([
      `create-start ${newBase}`,
      `create ${newBase}`,
      `update ${childId}`,
      `delete ${oldBase}`,
    ]);
  });

  it("refresh drops an object deleted behind the engine's back; the next up recreates it", async () => {
    const childId = idOf("child")!;
    fs.rmSync(path.join(f.dir, "objects", `${childId}.json`));
    const result = await f.engine.refresh();
    expect(result.steps.filter((s) => s.op === "drop").map((s) => s.urn)).toEqual([urnOf("child", stack)]);
    expect(idOf("child")).toBeUndefined();
    f.newJournal();
    const up = await f.engine.up();
    expect(up.steps.find((s) => s.urn === urnOf("child", stack))?.op).toBe("create");
  });

  it("destroy deletes everything, dependents before what they depend on", async () => {
    const [baseId, childId] = [idOf("base"), idOf("child")];
    f.newJournal();
    await f.engine.destroy();
    const deletes = f.newJournal().filter((j) => j.op === "delete").map((j) => j.id);
    expect(deletes).toHaveLength(3);
    expect(deletes.indexOf(childId!)).toBeLessThan(deletes.indexOf(baseId!));
    expect(f.objectIds()).toEqual([]);
    expect(f.engine.stackState.resources).toEqual([]);
  });

  it("the config secret reached configure but never the state, the logs or the outputs", () => {
    // Every create above passed the provider's token check, which only configure can satisfy.
    const stored = [
      fs.readFileSync(path.join(f.dir, "state.json"), "utf8"),
      JSON.stringify(f.engine.operations),
      f.engine.hostStderr,
      f.engine.programOutput,
    ].join("\n");
    expect(stored).not.toContain(token);
  });
});
