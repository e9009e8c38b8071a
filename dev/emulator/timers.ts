/** Every timer the emulator starts, so close() can cancel them all and leak none. */
export class Timers {
  private readonly cancels = new Set<() => void>();

  /**
   * Resolves true after `ms`, or false as soon as `abort` is called or clearAll() runs.
   * `abort` lets a held request end early when its client disconnects.
   */
  sleep(ms: number): { done: Promise<boolean>; abort: () => void } {
    let abort = () => {};
    const done = new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(true);
      const t = setTimeout(() => {
        this.cancels.delete(abort);
        resolve(true);
      }, ms);
      abort = () => {
        clearTimeout(t);
        this.cancels.delete(abort);
        resolve(false);
      };
      this.cancels.add(abort);
    });
    return { done, abort: () => abort() };
  }

  clearAll(): void {
    for (const cancel of [...this.cancels]) cancel();
  }
}
