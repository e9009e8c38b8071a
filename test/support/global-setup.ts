// Before any test file: the real Pulumi CLI the lifecycle tests drive, built from its Go modules
// when this machine has none (minutes, once; progress on stderr). No CLI and no way to build one
// fails the run here with a message naming what is missing, instead of skipping tests.
import type { TestProject } from "vitest/node";
import { ensurePulumiCli } from "../../dev/pulumi/build";

export default async function setup(project: TestProject): Promise<void> {
  const cli = await ensurePulumiCli((line) => process.stderr.write(`[pulumi cli] ${line}\n`));
  project.provide("pulumiCli", cli);
}

declare module "vitest" {
  export interface ProvidedContext {
    pulumiCli: { root: string; version: string; source: string };
  }
}
