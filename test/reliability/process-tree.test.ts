// A killed operation's tree must have ended when kill resolves: a CLI still finishing its
// checkpoint write would race whoever looks at the checkpoint next (runbook step 0).
import { spawn } from "child_process";
import { describe, expect, it } from "vitest";
import { descendants, hasEnded, killTree } from "../../tools/pulumi/process-tree";

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("killTree", () => {
  it("resolves once the process and every descendant have ended", async () => {
    // A shell with forty children, as the host has the CLI and the CLI has its plugins. SIGKILL is
    // delivered when a target is next scheduled: on two cores, sending the signals alone left some
    // of the forty running in about half of the tries, hence ten.
    for (let attempt = 0; attempt < 10; attempt++) {
      const root = spawn("sh", ["-c", "for i in $(seq 40); do sleep 60 & done; wait"], { stdio: "ignore" });
      await until(() => descendants(root.pid!).length === 40);
      const tree = [root.pid!, ...descendants(root.pid!)];

      await killTree(root.pid!);

      expect(tree.filter((pid) => !hasEnded(pid)), `attempt ${attempt}`).toEqual([]);
    }
  });

  it("resolves for a process that has already ended", async () => {
    const done = spawn("true");
    await new Promise((resolve) => done.once("exit", resolve));
    await killTree(done.pid!);
    expect(hasEnded(done.pid!)).toBe(true);
  });
});
