import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { dependentsWithin, removeInReverseDependencyOrder } from "../../tools/engine/delete-order";
import { resourceUrn } from "../../tools/engine/program-runner";
import { changedKeys, containsUnknown, markSecrets, toWire, unknownSentinel, wrapSecret } from "../../tools/engine/property-values";
import { loadState, saveState } from "../../tools/engine/state";

describe("property values", () => {
  it("unwraps secrets for the host, remembering which top-level keys held one, and turns unknowns into the sentinel", () => {
    const wire = toWire({ a: wrapSecret("s"), b: { c: [wrapSecret(1)] }, d: pulumi.unknown, e: "plain" });
    expect(wire.props).toEqual({ a: "s", b: { c: [1] }, d: unknownSentinel, e: "plain" });
    expect(wire.secretKeys).toEqual(["a", "b"]);
    expect(containsUnknown(wire.props)).toBe(true);
    expect(containsUnknown({ e: "plain" })).toBe(false);
  });

  it("marks named outputs secret once", () => {
    expect(markSecrets({ a: 1, b: wrapSecret(2), c: 3 }, ["a", "b", "missing"])).toEqual({ a: wrapSecret(1), b: wrapSecret(2), c: 3 });
  });

  it("compares inputs by value, counting __provider unless ignored", () => {
    expect(changedKeys({ a: [1, { b: 2 }], __provider: "x" }, { a: [1, { b: 2 }], __provider: "y" })).toEqual(["__provider"]);
    expect(changedKeys({ a: 1, n: "x" }, { a: 2, n: "y" }, ["n"])).toEqual(["a"]);
  });
});

describe("resource URNs", () => {
  it("prefix the parent's type, as Pulumi does", () => {
    const parent = resourceUrn("dev", "p", "pkg:index:Comp", "c");
    expect(parent).toBe("urn:pulumi:dev::p::pkg:index:Comp::c");
    expect(resourceUrn("dev", "p", "t:x:Y", "y", parent)).toBe("urn:pulumi:dev::p::pkg:index:Comp$t:x:Y::y");
  });
});

describe("reverse dependency order", () => {
  const a = { urn: "a", dependencies: [] };
  const b = { urn: "b", dependencies: ["a"] };
  const c = { urn: "c", parent: "a", dependencies: [] };
  const d = { urn: "d", dependencies: ["b"] };

  it("finds dependents by dependency and by parent", () => {
    const map = dependentsWithin([a, b, c, d]);
    expect(map.get(a)).toEqual([b, c]);
    expect(map.get(b)).toEqual([d]);
  });

  it("removes dependents first and keeps what a failed removal still needs", async () => {
    const order: string[] = [];
    const outcome = await removeInReverseDependencyOrder([a, b, c, d], async (e) => {
      if (e === c) throw new Error("refused");
      order.push(e.urn);
    });
    expect(order).toEqual(["d", "b"]);
    expect(outcome.failed.map((f) => f.entry)).toEqual([c]);
    expect(outcome.kept).toEqual([a]);
  });
});

describe("state file", () => {
  it("stores secret values encrypted and reads them back with the passphrase only", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engine-state-")), "state.json");
    const state = {
      resources: [{ urn: "u", type: "t", custom: true, id: "1", dependencies: [], inputs: { k: wrapSecret("hunter2") }, outputs: {} }],
      outputs: { o: wrapSecret({ deep: "hunter2" }) },
    };
    saveState(file, state, "pass");
    expect(fs.readFileSync(file, "utf8")).not.toContain("hunter2");
    expect(loadState(file, "pass")).toEqual(state);
    expect(() => loadState(file, "wrong")).toThrow(/wrong secretsPassphrase/);
    expect(() => saveState(file, state)).toThrow(/pass secretsPassphrase/);
  });
});

describe("LocalEngine options", () => {
  it("names a bad program path or a secret key without a value before starting anything", async () => {
    const { LocalEngine } = await import("../../tools/engine/local-engine");
    expect(() => new LocalEngine({ programPath: "no/such/program.ts", project: "p", stack: "s" })).toThrow(
      /programPath no\/such\/program.ts does not exist/,
    );
    expect(
      () => new LocalEngine({ programPath: __filename, project: "p", stack: "s", config: {}, secretKeys: ["ns:secret"] }),
    ).toThrow(/secret key\(s\) ns:secret are not in the config/);
  });
});
