// A create that references an object made just before (a data action's integration, a trigger's
// workflow): which answer Genesys gives while it does not see that object yet is a guess (the
// emulator's: a 400 naming it). The retry loop is correct under each plausible reading: a 400
// naming it, a 400 that does not, or a 404 are retried while a read of the object says it is not
// shown yet, and reported at once when it is (a genuine refusal), or after the window.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, GenesysApiError, policyFor, withRetries } from "../../providers/genesys/retry-policy";

const LIMITS = { ...DEFAULT_LIMITS, retryMinWaitMs: 10, retryMaxWaitMs: 10 };
const REFUSALS = {
  "a 400 naming it": { status: 400, message: "Integration 'integration-1' was not found" },
  "a 400 not naming it": { status: 400, message: "The request could not be understood by the server due to malformed syntax." },
  "a 404": { status: 404, message: "Not found" },
};

/** Runs a create refused `times` times with `refusal`, the referenced object shown after `shownAfter` reads of it. */
async function run(refusal: { status: number; message: string }, times: number, shownAfter: number, clock = { ms: 0 }, limits = LIMITS) {
  let calls = 0;
  let reads = 0;
  const policy = policyFor(limits, { referencing: "integration-1", referenceSeen: async () => ++reads > shownAfter });
  const result = await withRetries(
    "Create data action",
    async () => {
      if (calls++ < times) throw { status: refusal.status, headers: {}, body: { ...refusal, code: "bad.request" } };
      return "created";
    },
    policy,
    { sleep: async (ms) => void (clock.ms += ms), now: () => clock.ms, random: () => 0 },
  ).catch((err: unknown) => err);
  return { result, calls, reads };
}

describe("a create referencing a fresh object", () => {
  it.each(Object.entries(REFUSALS))("retries %s while the object does not read yet", async (_, refusal) => {
    const { result, calls } = await run(refusal, 3, 3);
    expect(result).toBe("created");
    expect(calls).toBe(4);
  });

  it.each(Object.entries(REFUSALS).slice(1))("reports %s at once when the object reads (a genuine refusal)", async (_, refusal) => {
    const { result, calls } = await run(refusal, 5, 0);
    expect(result).toBeInstanceOf(GenesysApiError);
    expect((result as Error).message).toContain(refusal.message);
    expect(calls).toBe(1);
  });

  it("gives up after the reference window (REFERENCE_VISIBILITY_MS) however the object reads", async () => {
    const clock = { ms: 0 };
    const unbounded = { ...LIMITS, retryMaxAttempts: 1_000_000, retryMaxTotalMs: 600_000, retryMinWaitMs: 1000, retryMaxWaitMs: 1000 };
    const { result } = await run(REFUSALS["a 404"], 1_000_000, 1_000_000, clock, unbounded);
    expect(result).toBeInstanceOf(GenesysApiError);
    expect(clock.ms).toBeGreaterThanOrEqual(59_000);
    expect(clock.ms).toBeLessThanOrEqual(61_000);
  });
});
