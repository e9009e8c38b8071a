// The quick size of the seeded fault-injection suite (npm run reliability runs the long one).
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../tools/reliability/report";
import { runSuite } from "../../tools/reliability/suite";
import { projectDir } from "./org";

const LIFECYCLES = 50;
// A fixed default keeps CI reproducible; RELIABILITY_SEED explores other fault sequences.
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261125);

describe("fault-injection suite (quick size)", () => {
  it(`${LIFECYCLES} full lifecycles under 20% random faults: no duplicate, no residue, no failure`, async () => {
    const result = await runSuite({ lifecycles: LIFECYCLES, seed: SEED, rate: 0.2, concurrency: 8, projectDir });
    const summary = formatSummary(result);
    // The summary names the seed and every failed lifecycle's replay seed.
    console.log(summary);
    expect(result.lifecycles, summary).toBe(LIFECYCLES);
    expect(Object.values(result.faults).reduce((a, b) => a + b, 0), summary).toBeGreaterThan(LIFECYCLES);
    expect(result.faults.hang, summary).toBeGreaterThan(0);
    expect(result.retries, summary).toBeGreaterThan(0);
    expect(result.failures.map((f) => `lifecycle ${f.index} (seed ${f.seed}) at ${f.failure?.step}: ${f.failure?.message}`), summary).toEqual([]);
    expect(result.duplicates, summary).toBe(0);
    expect(result.residue, summary).toBe(0);
  }, 600_000);
});
