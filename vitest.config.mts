import { defineConfig } from "vitest/config";

// The default "forks" pool keeps each test file in its own process: Pulumi's runtime
// (setMocks, config) is process-global state. The global setup finds or builds the real Pulumi
// CLI once for every file that drives it.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
