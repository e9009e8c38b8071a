// Killing a process with everything it started, as a killed CI runner ends a `pulumi up`: the
// CLI's plugin processes are its children, not members of one process group we could signal.
import * as fs from "fs";

/** Children of each pid, read from /proc (Linux, where the project's machines and runners are). */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // Field 4 is the parent pid; the command name (field 2) is in parentheses and may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  return children;
}

export function descendants(pid: number): number[] {
  const children = childrenByParent();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Whether a process has ended: gone from /proc, or a zombie (dead, not yet reaped by its new parent). */
export function hasEnded(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return ["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0]);
  } catch {
    return true;
  }
}

/**
 * SIGKILL a process and all its descendants, parents first so none can start another, and resolve
 * once every one has ended. A signal is delivered asynchronously: a killed CLI can still finish the
 * checkpoint write it was in, and whoever looks at the checkpoint next must not race that write.
 */
export async function killTree(pid: number): Promise<void> {
  const targets = [pid, ...descendants(pid)];
  for (const target of targets) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
  while (!targets.every(hasEnded)) await new Promise((resolve) => setTimeout(resolve, 10));
}
