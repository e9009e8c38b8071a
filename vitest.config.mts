import { defineConfig } from "vitest/config";

// The default "forks" pool keeps each test file in its own process: Pulumi's runtime
// (setMocks, config) is process-global state.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
