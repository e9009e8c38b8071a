import { validateWorkflow } from "@action-validator/core";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { pinnedPulumiVersion } from "../../tools/pulumi/cli";
import { listOrgStacks } from "../../tools/list-stacks";
import {
  Job,
  REPO_ROOT,
  Step,
  loadWorkflow,
  needsOf,
  readWorkflowText,
  runStep,
  stepNamed,
  workflowFiles,
} from "./workflow-files";

const REUSABLE_STACK_RUN = "./.github/workflows/pulumi-stack.yml";
const CHECKS = "./.github/workflows/checks.yml";

// The inputs of pulumi/actions@v7 (its action.yml; v7 kept v6's inputs and moved to Node 24).
// A key outside this list is silently ignored by the runner, so a typo would go unnoticed.
const PULUMI_ACTION_INPUTS = [
  "command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr",
  "comment-on-pr-number", "comment-on-summary", "github-token", "cloud-url", "secrets-provider",
  "parallel", "message", "config-map", "expect-no-changes", "diff", "replace", "target",
  "target-dependents", "policyPacks", "policyPackConfigs", "refresh", "upsert", "remove",
  "edit-pr-comment", "color", "exclude-protected", "plan", "suppress-outputs",
  "suppress-progress", "always-include-summary",
];

function allSteps(): { file: string; job: string; step: Step }[] {
  return workflowFiles().flatMap((file) =>
    Object.entries(loadWorkflow(file).jobs).flatMap(([job, def]) =>
      (def.steps ?? []).map((step) => ({ file, job, step })),
    ),
  );
}

function matrixCaller(file: string, jobName: string): Job {
  const job = loadWorkflow(file).jobs[jobName];
  expect(job, `${file} has a job "${jobName}"`).toBeDefined();
  return job;
}

function pulumiActionIndex(steps: Step[]): number {
  const indexes = steps.flatMap((s, i) => (s.uses?.startsWith("pulumi/actions") ? [i] : []));
  expect(indexes).toHaveLength(1);
  return indexes[0];
}

function pulumiActionStep(): Step {
  const steps = loadWorkflow("pulumi-stack.yml").jobs.pulumi.steps ?? [];
  return steps[pulumiActionIndex(steps)];
}

describe("every workflow file", () => {
  it("is the expected set of files", () => {
    expect(workflowFiles()).toEqual(["checks.yml", "deploy.yml", "destroy.yml", "preview.yml", "pulumi-stack.yml"]);
  });

  it.each(workflowFiles())("%s passes action-validator's workflow schema", (file) => {
    const state = validateWorkflow(readWorkflowText(file));
    expect(state.actionType).toBe("workflow");
    expect(state.errors).toEqual([]);
  });

  it("the validator does reject a broken workflow (so the check above can fail)", () => {
    const broken = readWorkflowText("deploy.yml").replace("uses: ./.github/workflows/pulumi-stack.yml", "usez: x");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it("installs dependencies only with npm ci, from the lock file", () => {
    const runs = allSteps().filter(({ step }) => step.run !== undefined);
    for (const { file, job, step } of runs) {
      expect(step.run, `${file} ${job}`).not.toMatch(/\bnpm (install|i|add)\b|\byarn\b|\bpnpm\b/);
    }
    expect(runs.filter(({ step }) => step.run === "npm ci").length).toBeGreaterThanOrEqual(4);
  });

  it("runs npm ci before any step that needs node_modules, in every job", () => {
    for (const file of workflowFiles()) {
      for (const [name, job] of Object.entries(loadWorkflow(file).jobs)) {
        const steps = job.steps ?? [];
        const ci = steps.findIndex((s) => s.run === "npm ci");
        steps.forEach((s, i) => {
          if (s.run && /\bnpm (test|run)\b|\bnpx\b/.test(s.run) || s.uses?.startsWith("pulumi/actions")) {
            expect(ci, `${file} ${name}: npm ci before "${s.name ?? s.run}"`).toBeGreaterThanOrEqual(0);
            expect(ci).toBeLessThan(i);
          }
        });
      }
    }
  });

  it("keeps secrets out of npm ci and passes inputs to scripts through env, never inline", () => {
    for (const { file, job, step } of allSteps()) {
      if (step.run === "npm ci") expect(step.env, `${file} ${job}`).toBeUndefined();
      // `${{ }}` inside a script is pasted into the shell text: a crafted input would run.
      if (step.run) expect(step.run, `${file} ${job} ${step.name}`).not.toContain("${{");
    }
  });
});

describe("checks.yml (called by preview and deploy)", () => {
  const checks = loadWorkflow("checks.yml");

  it("is a reusable workflow exposing the stacks list", () => {
    expect(Object.keys(checks.on)).toEqual(["workflow_call"]);
    expect(checks.on.workflow_call.outputs.stacks.value).toBe("${{ jobs.stacks.outputs.stacks }}");
  });

  it("runs npm ci then npm test", () => {
    const runs = (checks.jobs.test.steps ?? []).map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(["npm ci", "npm test"]);
  });

  it("checks out the whole history for the tests (test/upgrade deploys an older commit's program)", () => {
    const checkout = (checks.jobs.test.steps ?? []).find((s) => s.uses?.startsWith("actions/checkout"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
  });

  it("installs the pinned Pulumi CLI for the tests (the version tools/pulumi/go.mod builds)", () => {
    const install = stepNamed(checks.jobs.test, "Install the Pulumi CLI");
    expect(install.uses).toBe("pulumi/actions@v7");
    expect(install.with?.["pulumi-version"]).toBe(pinnedPulumiVersion());
    expect(install.with).not.toHaveProperty("command");
  });

  it("discovers the stacks with tools/list-stacks.ts and publishes them as the job output", () => {
    const job = checks.jobs.stacks;
    const step = stepNamed(job, "List the org stacks");
    expect(job.outputs?.stacks).toBe(`\${{ steps.${step.id}.outputs.stacks }}`);
    expect(step.run).toContain("tools/list-stacks.ts");
  });

  it("its discovery step writes exactly the stacks list-stacks finds in this repository", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-output-"));
    const output = path.join(dir, "output");
    fs.writeFileSync(output, "");
    const result = runStep(stepNamed(checks.jobs.stacks, "List the org stacks"), { GITHUB_OUTPUT: output });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readFileSync(output, "utf8")).toBe(`stacks=${JSON.stringify(listOrgStacks(REPO_ROOT))}\n`);
  });
});

describe.each([
  { file: "preview.yml", job: "preview", command: "preview" },
  { file: "deploy.yml", job: "up", command: "up" },
])("$file", ({ file, job: jobName, command }) => {
  const workflow = loadWorkflow(file);
  const job = matrixCaller(file, jobName);

  it("waits for the tests and the stack discovery", () => {
    expect(workflow.jobs.checks.uses).toBe(CHECKS);
    expect(needsOf(job)).toEqual(["checks"]);
    expect(job.if).toBe("needs.checks.outputs.stacks != '[]'");
  });

  it("builds its matrix from the discovery job, without fail-fast", () => {
    expect(job.strategy?.matrix).toEqual({ stack: "${{ fromJSON(needs.checks.outputs.stacks) }}" });
    expect(job.strategy?.["fail-fast"]).toBe(false);
  });

  it("runs as many orgs at once as the repository variable PULUMI_MAX_PARALLEL allows, 20 without it (docs/ci.md)", () => {
    expect(job.strategy?.["max-parallel"]).toBe("${{ fromJSON(vars.PULUMI_MAX_PARALLEL || '20') }}");
  });

  it(`runs ${command} per stack through the shared stack workflow with the repository secrets`, () => {
    expect(job.uses).toBe(REUSABLE_STACK_RUN);
    expect(job.with?.command).toBe(command);
    expect(job.with?.stack).toBe("${{ matrix.stack }}");
    expect(job.secrets).toBe("inherit");
  });

  it("has one concurrency group per stack that never cancels a running job", () => {
    expect(job.concurrency?.group).toContain("${{ matrix.stack }}");
    expect(job.concurrency?.["cancel-in-progress"]).toBe(false);
  });
});

describe("preview.yml specifics", () => {
  const workflow = loadWorkflow("preview.yml");
  const job = workflow.jobs.preview;

  it("runs on pull requests and comments on them", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(job.with?.["comment-on-pr"]).toBe(true);
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("keeps previews of different pull requests out of each other's (and deploy's) group", () => {
    expect(job.concurrency?.group).toBe("pulumi-preview-${{ matrix.stack }}-${{ github.event.pull_request.number }}");
  });
});

describe("deploy.yml specifics", () => {
  const workflow = loadWorkflow("deploy.yml");
  const job = workflow.jobs.up;

  it("runs on pushes to main only", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
  });

  it("uses the per-org group pulumi-<stack> and verifies after up", () => {
    expect(job.concurrency?.group).toBe("pulumi-${{ matrix.stack }}");
    expect(job.with?.verify).toBe(true);
    expect(job.with?.["comment-on-pr"]).toBeUndefined();
  });
});

describe("pulumi-stack.yml (one command on one org)", () => {
  const workflow = loadWorkflow("pulumi-stack.yml");
  const job = workflow.jobs.pulumi;
  const inputs = workflow.on.workflow_call.inputs as Record<string, { required?: boolean }>;

  it("takes the org's secrets from its GitHub Environment: <stack>-preview (read-only client) for a preview, <stack> (write client) for up and destroy", () => {
    expect(job.environment).toBe("${{ inputs.command == 'preview' && format('{0}-preview', inputs.stack) || inputs.stack }}");
    const callers = { preview: loadWorkflow("preview.yml").jobs.preview, up: loadWorkflow("deploy.yml").jobs.up, destroy: loadWorkflow("destroy.yml").jobs.destroy };
    expect(Object.fromEntries(Object.entries(callers).map(([command, caller]) => [command, caller.with?.command]))).toEqual({
      preview: "preview",
      up: "up",
      destroy: "destroy",
    });
    const env = pulumiActionStep().env ?? {};
    expect(env.GENESYSCLOUD_OAUTHCLIENT_ID).toBe("${{ secrets.GENESYSCLOUD_OAUTHCLIENT_ID }}");
    expect(env.GENESYSCLOUD_OAUTHCLIENT_SECRET).toBe("${{ secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET }}");
    expect(env.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
  });

  it("runs pulumi/actions@v7 with the command, stack and one updating PR comment per stack", () => {
    const step = pulumiActionStep();
    expect(step.uses).toBe("pulumi/actions@v7");
    expect(step.with?.command).toBe("${{ inputs.command }}");
    expect(step.with?.["stack-name"]).toContain("inputs.stack");
    expect(step.with?.["comment-on-pr"]).toBe("${{ inputs.comment-on-pr }}");
    expect(step.with?.["edit-pr-comment"]).toBe(true);
    expect(step.with?.["cloud-url"]).toBe("${{ vars.PULUMI_BACKEND_URL }}");
  });

  it("refreshes before every command, so a hand edit in Genesys shows in the preview and up repairs it", () => {
    expect(pulumiActionStep().with?.refresh).toBe(true);
  });

  it("gives pulumi/actions only inputs it has", () => {
    for (const key of Object.keys(pulumiActionStep().with ?? {})) expect(PULUMI_ACTION_INPUTS).toContain(key);
  });

  it("is called by every caller with declared inputs, required ones included", () => {
    const callers = [
      loadWorkflow("preview.yml").jobs.preview,
      loadWorkflow("deploy.yml").jobs.up,
      loadWorkflow("destroy.yml").jobs.destroy,
    ];
    for (const caller of callers) {
      expect(caller.uses).toBe(REUSABLE_STACK_RUN);
      for (const key of Object.keys(caller.with ?? {})) expect(Object.keys(inputs)).toContain(key);
      for (const [key, def] of Object.entries(inputs)) if (def.required) expect(caller.with).toHaveProperty(key);
    }
  });

  it("refuses stacks that list-stacks does not know before running Pulumi", () => {
    const steps = job.steps ?? [];
    const check = stepNamed(job, "Refuse a stack that is not an org stack");
    expect(check.run).toBe('npx ts-node --transpile-only tools/list-stacks.ts --require "$STACK"');
    expect(steps.indexOf(check)).toBeLessThan(pulumiActionIndex(steps));
  });

  it("verifies after the command only when asked, tolerating verify's 'all missing' after destroy", () => {
    const verify = stepNamed(job, "Verify the org");
    const steps = job.steps ?? [];
    expect(steps.indexOf(verify)).toBeGreaterThan(pulumiActionIndex(steps));
    expect(verify.if).toBe("inputs.verify");
    expect(verify.run).toBe('npm run verify -- --stack "$STACK" ${IDENTITY:+--identity "$IDENTITY"}');
    // The identity the up just reported (pulumi/actions sets stack outputs as step outputs), so verify counts only this stack's objects.
    expect(pulumiActionStep().id).toBe("pulumi");
    expect(verify.env?.IDENTITY).toBe("${{ steps.pulumi.outputs.stackIdentity }}");
    expect(verify["continue-on-error"]).toBe("${{ inputs.command == 'destroy' }}");
  });

  describe("the state backend guard (run with bash)", () => {
    const guard = stepNamed(job, "Refuse a missing or throwaway state backend");

    it("refuses a file:// backend even with a token", () => {
      const r = runStep(guard, { PULUMI_BACKEND_URL: "file:///home/runner/state", HAS_PULUMI_ACCESS_TOKEN: "true" });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("::error::PULUMI_BACKEND_URL is a file:// backend");
    });

    it("refuses when no backend at all is configured", () => {
      const r = runStep(guard, { PULUMI_BACKEND_URL: "", HAS_PULUMI_ACCESS_TOKEN: "false" });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("docs/state-backend.md");
    });

    it("accepts Pulumi Cloud (token, no URL) and a self-managed bucket", () => {
      expect(runStep(guard, { PULUMI_BACKEND_URL: "", HAS_PULUMI_ACCESS_TOKEN: "true" }).stdout).toBe(
        "State backend: Pulumi Cloud\n",
      );
      const url = "s3://acme-pulumi-state?region=eu-central-1&profile=pulumi-state";
      const s3 = runStep(guard, { PULUMI_BACKEND_URL: url, HAS_PULUMI_ACCESS_TOKEN: "false" });
      expect(s3.status).toBe(0);
      expect(s3.stdout).toBe(`State backend: ${url}\n`);
    });

    it("refuses an s3:// backend that would share the AWS deploy credentials (no profile=pulumi-state)", () => {
      const r = runStep(guard, { PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-central-1", HAS_PULUMI_ACCESS_TOKEN: "false" });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("::error::PULUMI_BACKEND_URL is an s3:// backend without profile=pulumi-state");
    });
  });

  describe("the state backend's own credentials (run with bash)", () => {
    const step = stepNamed(job, "State backend credentials");

    it("runs for an s3:// backend only, before Pulumi, from the PULUMI_STATE_AWS_* secrets and not the AWS deploy ones", () => {
      const steps = job.steps ?? [];
      expect(step.if).toBe("startsWith(vars.PULUMI_BACKEND_URL, 's3://')");
      expect(steps.indexOf(step)).toBeLessThan(pulumiActionIndex(steps));
      expect(Object.values(step.env ?? {}).filter((v) => v.includes("secrets."))).toEqual([
        "${{ secrets.PULUMI_STATE_AWS_ACCESS_KEY_ID }}",
        "${{ secrets.PULUMI_STATE_AWS_SECRET_ACCESS_KEY }}",
      ]);
      const deploy = pulumiActionStep().env ?? {};
      expect(deploy.AWS_ACCESS_KEY_ID).toBe("${{ secrets.AWS_ACCESS_KEY_ID }}");
      expect(Object.values(deploy).join(" ")).not.toContain("PULUMI_STATE_AWS");
    });

    it("writes them as the pulumi-state profile, readable by the runner's user only, for the later steps", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "state-credentials-"));
      try {
        const file = path.join(dir, "credentials");
        const githubEnv = path.join(dir, "github-env");
        const r = runStep(step, { STATE_ACCESS_KEY_ID: "AKIASTATE", STATE_SECRET_ACCESS_KEY: "state-secret", CREDENTIALS_FILE: file, GITHUB_ENV: githubEnv });
        expect(r.status).toBe(0);
        expect(r.stdout).toBe("");
        expect(fs.readFileSync(file, "utf8")).toBe("[pulumi-state]\naws_access_key_id = AKIASTATE\naws_secret_access_key = state-secret\n");
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(fs.readFileSync(githubEnv, "utf8")).toBe(`AWS_SHARED_CREDENTIALS_FILE=${file}\n`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("refuses when the secrets are missing", () => {
      const r = runStep(step, { STATE_ACCESS_KEY_ID: "", STATE_SECRET_ACCESS_KEY: "", CREDENTIALS_FILE: "/nonexistent/x", GITHUB_ENV: "/nonexistent/y" });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("PULUMI_STATE_AWS_ACCESS_KEY_ID");
    });
  });
});

describe("destroy.yml", () => {
  const workflow = loadWorkflow("destroy.yml");
  const confirmJob = workflow.jobs.confirm;
  const destroyJob = workflow.jobs.destroy;
  const guard = stepNamed(confirmJob, "Refuse unless the stack name was typed again, on main");
  const onMain = { GITHUB_REF: "refs/heads/main" };

  it("is started by hand with a stack and its confirmation, both required", () => {
    expect(Object.keys(workflow.on)).toEqual(["workflow_dispatch"]);
    const inputs = workflow.on.workflow_dispatch.inputs;
    expect(Object.keys(inputs)).toEqual(["stack", "confirm"]);
    expect(inputs.stack.required).toBe(true);
    expect(inputs.confirm.required).toBe(true);
  });

  it("destroys one org only after the confirmation job, in deploy's per-org group, then verifies", () => {
    expect(needsOf(destroyJob)).toEqual(["confirm"]);
    expect(destroyJob.strategy).toBeUndefined();
    expect(destroyJob.uses).toBe(REUSABLE_STACK_RUN);
    expect(destroyJob.with).toEqual({ command: "destroy", stack: "${{ inputs.stack }}", verify: true });
    expect(destroyJob.concurrency).toEqual({ group: "pulumi-${{ inputs.stack }}", "cancel-in-progress": false });
    const deployGroup = loadWorkflow("deploy.yml").jobs.up.concurrency?.group;
    expect(destroyJob.concurrency?.group.replace("inputs.stack", "matrix.stack")).toBe(deployGroup);
  });

  it("checks the stack is an org stack in the confirmation job", () => {
    expect(stepNamed(confirmJob, "Refuse a stack that is not an org stack").run).toContain("--require \"$STACK\"");
  });

  it("passes when the stack name is typed again exactly, on main", () => {
    const r = runStep(guard, { STACK: "acme-prod", CONFIRM: "acme-prod", ...onMain });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Confirmed");
  });

  it.each([
    ["a different name", "acme-test"],
    ["an empty confirmation", ""],
    ["a trailing space", "acme-prod "],
    ["other letter case", "ACME-PROD"],
  ])("refuses %s", (_label, confirm) => {
    const r = runStep(guard, { STACK: "acme-prod", CONFIRM: confirm, ...onMain });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::Refusing to destroy");
  });

  it("refuses an empty stack even when the confirmation is empty too", () => {
    expect(runStep(guard, { STACK: "", CONFIRM: "", ...onMain }).status).toBe(1);
  });

  describe("refuses a live EventBridge path that is not released, from the committed stack file", () => {
    const step = stepNamed(confirmJob, "Refuse a live EventBridge path that is not released");
    const run = (config: string) => {
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "destroy-guard-"));
      try {
        fs.writeFileSync(path.join(workspace, "Pulumi.acme-prod.yaml"), `config:\n  genesyscloud:region: eu-central-1\n${config}`);
        return runStep(step, { STACK: "acme-prod", GITHUB_WORKSPACE: workspace });
      } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    };

    it.each([
      ["eventbridge", "  cognigy:mode: eventbridge\n"],
      ["both", "  cognigy:mode: both\n  cognigy:releaseEventBridge: false\n"],
    ])("refuses %s without cognigy:releaseEventBridge true, naming the release and the runbook", (_mode, config) => {
      const r = run(config);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^::error::Refusing to destroy acme-prod: cognigy:mode is (eventbridge|both), so the stack holds the live Amazon EventBridge Source integration/);
      expect(r.stdout).toContain('set cognigy:releaseEventBridge: "true" in Pulumi.acme-prod.yaml and merge it to main');
      expect(r.stdout).toContain("docs/teardown.md");
    });

    it.each([
      ["eventbridge, released", '  cognigy:mode: eventbridge\n  cognigy:releaseEventBridge: "true"\n'],
      ["webhooks", "  cognigy:mode: webhooks\n"],
      ["the default mode", ""],
    ])("lets %s go on", (_label, config) => {
      const r = run(config);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("destroy may go on");
    });

    it("runs before the stack's environment is touched: in the confirmation job the destroy job needs", () => {
      const steps = confirmJob.steps ?? [];
      expect(steps.indexOf(step)).toBeGreaterThan(steps.indexOf(stepNamed(confirmJob, "Refuse a stack that is not an org stack")));
    });
  });

  it("refuses to run from another branch", () => {
    const r = runStep(guard, { STACK: "acme-prod", CONFIRM: "acme-prod", GITHUB_REF: "refs/heads/feature" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("start the workflow on main");
  });
});
