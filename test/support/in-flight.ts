import type { Emulator } from "../../dev/emulator/index";

/**
 * Holds each of `calls` (a route and which of its calls from now, default the next) unanswered
 * until all have arrived, then releases them together: `together` resolves true when they did
 * (each was sent before any of them was answered: the program did not wait for one to send
 * another), false when not all came within `boundMs` of the first (they are then released, so a
 * program that waits goes on, and the test fails on `false` rather than on a timing window) or
 * when `release()` comes first. `boundMs` stays under the providers' request timeout (16 s by
 * default), so a held call is never retried.
 */
export function inFlightTogether(emu: Emulator, calls: [route: string, nth?: number][], boundMs = 10_000): { together: Promise<boolean>; release(): void } {
  const holds = calls.map(([route, nth]) => emu.hold(route, nth));
  let settle: (value: boolean) => void = () => {};
  const together = new Promise<boolean>((resolve) => (settle = resolve));
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const release = (value = false) => {
    done = true;
    clearTimeout(timer);
    holds.forEach((hold) => hold.release());
    settle(value);
  };
  // The bound runs from the first arrival: the program may take its time to get there.
  void Promise.race(holds.map((hold) => hold.arrived)).then(() => {
    if (!done) timer = setTimeout(() => release(false), boundMs);
  });
  void Promise.all(holds.map((hold) => hold.arrived)).then(() => release(true));
  return { together, release: () => release(false) };
}
