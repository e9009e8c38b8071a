// A killed operation's tree must have ended when kill resolves: a CLI still finishing its
// checkpoint write would race whoever looks at the checkpoint next (runbook step 0).
import { spawn } from "child_process";
import { describe, expect, it } from "vitest";
import { awaitEnded, descendants, hasEnded, killTree } from "../../dev/pulumi/process-tree";
import { until } from "../support/until";

describe("killTree", () => {
  it("resolves once the process and every descendant have ended", async () => {
    // A shell with forty children, as the host has the CLI and the CLI has its plugins. SIGKILL is
    // delivered when a target is next scheduled: on two cores, sending the signals alone left some
    // of the forty running in about half of the tries, hence ten.
    for (let attempt = 0; attempt < 10; attempt++) {
      const root = spawn("sh", ["-c", "for i in $(seq 40); do sleep 60 & done; wait"], { stdio: "ignore" });
      await until(() => descendants(root.pid!).length === 40, "forty children started");
      const tree = [root.pid!, ...descendants(root.pid!)];

      await killTree(root.pid!);

      expect(tree.filter((pid) => !hasEnded(pid)), `attempt ${attempt}`).toEqual([]);
    }
  });

  it("gives up on a process that does not end, naming it", async () => {
    // Nothing signals this one, as nothing ends a process stuck in the kernel.
    const running = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      await expect(awaitEnded([running.pid!], 50)).rejects.toThrow(new RegExp(`process ${running.pid} still running 0.05 s after SIGKILL`));
    } finally {
      running.kill("SIGKILL");
    }
  });

  it("resolves for a process that has already ended", async () => {
    const done = spawn("true");
    await new Promise((resolve) => done.once("exit", resolve));
    await killTree(done.pid!);
    expect(hasEnded(done.pid!)).toBe(true);
  });
});
