// Killing a process with everything it started, as a killed CI runner ends a `pulumi up`: the
// CLI's plugin processes are its children, not members of one process group we could signal.
import * as fs from "fs";

/**
 * The fields of /proc/<pid>/stat after the command name (state, parent pid, ...); undefined once
 * the process is gone. The name (field 2) is in parentheses and may hold spaces.
 */
function statFields(pid: string | number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Children of each pid, read from /proc (Linux, where the project's machines and runners are). */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue; // ended meanwhile
    const ppid = Number(fields[1]);
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
  const state = statFields(pid)?.[0];
  return state === undefined || state === "Z" || state === "X";
}

/** How long a SIGKILLed process may take to end before killTree gives up on it. */
const END_TIMEOUT_MS = 30_000;

/** Resolves once every one of `pids` has ended; rejects, naming those still running, after `timeoutMs`. */
export async function awaitEnded(pids: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter((pid) => !hasEnded(pid));
    if (alive.length === 0) return;
    if (Date.now() >= deadline) {
      throw new Error(`process${alive.length > 1 ? "es" : ""} ${alive.join(", ")} still running ${timeoutMs / 1000} s after SIGKILL (stuck in the kernel?); check them with ps before running again`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * SIGKILL a process and all its descendants, parents first so none can start another, and resolve
 * once every one has ended. A signal is delivered asynchronously: a killed CLI can still finish the
 * checkpoint write it was in, and whoever looks at the checkpoint next must not race that write.
 * Rejects when some have not ended after END_TIMEOUT_MS (a process stuck in the kernel).
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
  await awaitEnded(targets, END_TIMEOUT_MS);
}
