// Runs one task per item, at most `limit` at a time, in the items' order; settles every task
// (one org's failure does not stop the others, as the CI matrix's fail-fast: false).

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function runBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<Settled<R>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`parallelism ${limit} is not a whole number of at least 1`);
  const results: Settled<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await task(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
