// Reads the repository's GitHub workflow files and runs their shell steps the way a runner
// does, so tests check the real scripts rather than copies of them.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const WORKFLOW_DIR = path.join(REPO_ROOT, ".github/workflows");

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  "continue-on-error"?: unknown;
}

export interface Job {
  uses?: string;
  needs?: string | string[];
  if?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  environment?: unknown;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { "fail-fast"?: boolean; "max-parallel"?: number | string; matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps?: Step[];
}

export interface Workflow {
  on: Record<string, any>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export function workflowFiles(): string[] {
  return fs.readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
}

export function readWorkflowText(file: string): string {
  return fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
}

export function loadWorkflow(file: string): Workflow {
  return parse(readWorkflowText(file)) as Workflow;
}

export function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : ([] as string[]).concat(job.needs);
}

export function stepNamed(job: Job, name: string): Step {
  const step = (job.steps ?? []).find((s) => s.name === name);
  if (!step) throw new Error(`no step named "${name}"`);
  return step;
}

/** Runs a step's script with the shell options GitHub uses for `bash` steps. */
export function runStep(step: Step, env: Record<string, string>, cwd = REPO_ROOT) {
  if (!step.run) throw new Error(`step "${step.name}" has no run script`);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
