import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// The default "forks" pool keeps each test file in its own process: Pulumi's runtime
// (setMocks, config) is process-global state. The global setup finds or builds the real Pulumi
// CLI once for every file that drives it. The real-CLI files mostly wait (on the CLI, the
// provider plugin, the emulator's latency and job times), so three files run at once even on a
// 2-core machine: measured on 7 December 2026, the whole suite took 1009 s that way against
// 1117 s two at a time (on 2 December, with 89 files, one at a time took about 1050 s).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: Math.max(3, availableParallelism() - 1),
    globalSetup: ["test/support/global-setup.ts"],
    // Backstops for a hang, not measurements: a test waits for events, and on a loaded machine
    // (another suite beside this one) a real-CLI step takes several times as long.
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
