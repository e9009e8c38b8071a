// How long to wait between polls of something Genesys finishes on its own (a flow job, an
// integration's activation). Genesys's Terraform provider polls flow jobs every 15 s.

/**
 * Pure: the wait before the next poll, `elapsedMs` after the work started, when the last request
 * took `roundTripMs`; no poll before `firstPollMs` (nothing finishes sooner). A finish just after
 * a poll is seen one wait and about two round trips later, so the wait is 20% of the time so far
 * plus 250 ms, minus those round trips: the finish is noticed within ~20% of the work's time +
 * 250 ms, with a number of polls that grows only with the logarithm of that time.
 */
export function pollDelayMs(elapsedMs: number, roundTripMs: number, firstPollMs: number): number {
  if (elapsedMs < firstPollMs) return firstPollMs - elapsedMs;
  return Math.round(Math.min(15_000, Math.max(100, 0.2 * elapsedMs + 250 - 2 * roundTripMs)));
}
