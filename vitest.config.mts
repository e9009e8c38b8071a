import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// The default "forks" pool keeps each test file in its own process: Pulumi's runtime
// (setMocks, config) is process-global state. The global setup finds or builds the real Pulumi
// CLI once for every file that drives it. The real-CLI files mostly wait (on the CLI, the
// provider host, the emulator's latency and job times), so at least two files run at once even
// on a 2-core machine, where vitest's default (cores - 1) would run one: the whole suite took
// 611 s that way against about 1050 s one file at a time (2 December 2026).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
