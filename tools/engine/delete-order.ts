export interface Dependent {
  urn: string;
  parent?: string;
  dependencies: string[];
}

/**
 * For each entry, the entries of the same set that depend on it directly (as a dependency or
 * as a child). Entries are compared by identity, so an old and a new version of one URN can
 * both be in the set.
 */
export function dependentsWithin<T extends Dependent>(entries: readonly T[]): Map<T, T[]> {
  const map = new Map<T, T[]>(entries.map((e) => [e, []]));
  for (const e of entries) {
    for (const other of entries) {
      if (other !== e && (other.parent === e.urn || other.dependencies.includes(e.urn))) map.get(e)!.push(other);
    }
  }
  return map;
}

export interface RemovalOutcome<T> {
  removed: T[];
  failed: Array<{ entry: T; error: unknown }>;
  /** Not attempted because something that depends on them could not be removed. */
  kept: T[];
}

/**
 * Removes every entry after everything in the set that depends on it, independent ones
 * concurrently (the engine's reverse dependency order).
 */
export async function removeInReverseDependencyOrder<T extends Dependent>(
  entries: readonly T[],
  remove: (entry: T) => Promise<void>,
): Promise<RemovalOutcome<T>> {
  const dependents = dependentsWithin(entries);
  const outcome: RemovalOutcome<T> = { removed: [], failed: [], kept: [] };
  const tasks = new Map<T, Promise<boolean>>();
  const task = (entry: T, path: ReadonlySet<T>): Promise<boolean> => {
    const started = tasks.get(entry);
    if (started) return started;
    if (path.has(entry)) throw new Error(`LocalEngine: dependency cycle through ${entry.urn}`);
    const inner = new Set(path).add(entry);
    const before = dependents.get(entry)!.map((d) => task(d, inner));
    const run = Promise.all(before).then(async (done) => {
      if (!done.every(Boolean)) {
        outcome.kept.push(entry);
        return false;
      }
      try {
        await remove(entry);
        outcome.removed.push(entry);
        return true;
      } catch (error) {
        outcome.failed.push({ entry, error });
        return false;
      }
    });
    tasks.set(entry, run);
    return run;
  };
  await Promise.all(entries.map((e) => task(e, new Set())));
  return outcome;
}
