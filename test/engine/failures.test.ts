import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { LocalEngineError } from "../../tools/engine/local-engine";
import { fixture, token, urnOf } from "./helpers";

describe("LocalEngine failures", () => {
  it("records a partial create (provider error carrying an id), retries it as an update, and destroys it; two engines run side by side", async () => {
    const broken = fixture("partial", { "fixture:failChild": "true" });
    const healthy = fixture("healthy");
    const [failed, ok] = await Promise.allSettled([broken.engine.up(), healthy.engine.up()]);
    expect(ok.status).toBe("fulfilled");
    expect(failed.status).toBe("rejected");
    const error = (failed as PromiseRejectedResult).reason as LocalEngineError;
    expect(error).toBeInstanceOf(LocalEngineError);
    expect(error.failures.map((f) => f.urn)).toEqual([urnOf("child", "partial")]);
    expect(error.message).toMatch(/created obj-\w+ but its follow-up step failed/);

    const madeId = broken.newJournal().find((j) => j.op === "create" && j.name === "app-child")!.id;
    const child = broken.engine.stackState.resources.find((e) => e.urn === urnOf("child", "partial"))!;
    expect(child.id).toBe(madeId);
    expect(child.initErrors?.[0]).toMatch(/follow-up step failed/);
    expect(JSON.parse(fs.readFileSync(path.join(broken.dir, "state.json"), "utf8")).resources).toHaveLength(4);

    broken.engine.setConfig({ "fixture:token": token }, ["fixture:token"]);
    const retry = await broken.engine.up();
    expect(retry.steps.find((s) => s.urn === urnOf("child", "partial"))?.op).toBe("update");
    expect(broken.newJournal().map((j) => `${j.op} ${j.id}`)).toEqual([`update ${madeId}`]);

    await Promise.all([broken.engine.destroy(), healthy.engine.destroy()]);
    expect(broken.objectIds()).toEqual([]);
    expect(healthy.objectIds()).toEqual([]);
  });

  it("fails with the provider's message when configure did not get the token, and writes nothing", async () => {
    const f = fixture("wrong-token", { "fixture:token": "not-the-token" });
    const error = (await f.engine.up().catch((e: unknown) => e)) as LocalEngineError;
    expect(error).toBeInstanceOf(LocalEngineError);
    expect(error.message).toContain("fixture: token rejected");
    expect(f.objectIds()).toEqual([]);
    expect(f.engine.stackState.resources.filter((e) => e.custom)).toEqual([]);
  });
});
