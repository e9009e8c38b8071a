// A stack of this project driven by the real Pulumi CLI through the Automation API: what the
// lifecycle tests, `npm run local`, the bench and the reliability suite run. Each operation is
// one child process (dev/pulumi/inline-host.js) that runs the CLI with the program inline, so a
// run's Pulumi runtime state and the promises a failed program leaves behind die with it.
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import { parse } from "yaml";
import { PROJECT_ROOT, PulumiCli } from "../../tools/pulumi/cli";
import { killTree } from "./process-tree";

const HOST_SCRIPT = path.join(__dirname, "inline-host.js");

export type Operation = "up" | "preview" | "refresh" | "destroy";
/** What the inline host does: an operation, or a state command. */
export type HostRequest = Operation | "export" | "import" | "cancel";

/** One resource step the engine reported (a `resourcePreEvent`), or an error diagnostic on a resource. */
export interface Step {
  op: string;
  urn: string;
  type: string;
  diffs?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
  message?: string;
}

export interface RunResult {
  op: Operation;
  /** Everything the CLI printed, as a terminal or a pull request comment shows it. */
  stdout: string;
  stderr: string;
  steps: Step[];
  /** Resource counts by step kind (Pulumi's resourceChanges / changeSummary). */
  changes: Record<string, number>;
  /** Stack outputs after `up`, secrets unwrapped (`secretOutputs` names them). */
  outputs: Record<string, unknown>;
  secretOutputs: string[];
  /** Program load time in the host process (ms), when the program ran. */
  programLoadMs?: number;
  /** Unhandled rejections the program left behind (Pulumi's host logs them too). */
  late: string[];
  wallMs: number;
}

export class StackRunError extends Error {
  constructor(
    readonly op: HostRequest,
    message: string,
    readonly stdout: string,
    readonly stderr: string,
    readonly code: number | undefined,
    /** How the operation ended: the CLI reported a failure, or the process was killed. */
    readonly killed: boolean,
  ) {
    super(message);
    this.name = "StackRunError";
  }
}

export interface StackOptions {
  cli: PulumiCli;
  stack: string;
  /** The project (Pulumi.yaml, tsconfig.json, node_modules). */
  projectDir?: string;
  /**
   * Where Pulumi.yaml and Pulumi.<stack>.yaml are read and written. Defaults to the project
   * directory, as `pulumi` run there; tests give a scratch folder so their stack files stay out
   * of the project (it gets Pulumi.yaml copied and node_modules linked, see scratchWorkDir).
   */
  workDir?: string;
  /** `file://…` backend. */
  backendUrl: string;
  passphrase: string;
  /** Environment of the CLI, the program and the providers (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
  /** Every chunk the CLI prints, as it prints it. */
  onOutput?: (text: string) => void;
}

export interface RunOptions {
  /** Automation API options of the operation (e.g. `diff`, `expectNoChanges`, `refresh`, `clearPendingCreates`). */
  readonly [option: string]: unknown;
}

interface HostMessage {
  type: "output" | "error-output" | "result" | "failure";
  text?: string;
  result?: any;
  error?: { name?: string; message: string; stdout?: string; stderr?: string; code?: number };
  late?: string[];
}

/** Environment every run gets: no update check, no plugin downloads, the file backend and passphrase. */
export function pulumiEnvironment(base: NodeJS.ProcessEnv, backendUrl: string, passphrase: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  delete env.PULUMI_ACCESS_TOKEN;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  env.PULUMI_BACKEND_URL = backendUrl;
  env.PULUMI_CONFIG_PASSPHRASE = passphrase;
  env.PULUMI_SKIP_UPDATE_CHECK = "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "true";
  return env;
}

/** A file backend URL for a folder. */
export function fileBackend(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return pathToFileURL(dir).href;
}

/**
 * A folder that looks like the project to Pulumi: the real Pulumi.yaml (so the CLI validates the
 * real config schema), a link to its `main` (the CLI checks that it exists), to the folders of its
 * local provider plugins (Pulumi.yaml `plugins.providers[].path`, relative to the project) and to
 * node_modules.
 */
export function scratchWorkDir(parent = os.tmpdir(), projectDir = PROJECT_ROOT): string {
  const dir = fs.mkdtempSync(path.join(parent, "cognigy-stack-"));
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  fs.copyFileSync(projectFile, path.join(dir, "Pulumi.yaml"));
  const project = parse(fs.readFileSync(projectFile, "utf8")) as { main?: string; plugins?: { providers?: { path?: string }[] } };
  // Relative plugin paths (the provider plugin's folder) resolve against this folder: linked too.
  const plugins = (project.plugins?.providers ?? []).map((plugin) => plugin.path).filter((dir): dir is string => dir !== undefined && !path.isAbsolute(dir));
  const entries = ["node_modules", ...(project.main ? [project.main] : []), ...plugins].map((entry) => path.normalize(entry).split(path.sep)[0]);
  for (const entry of new Set(entries)) {
    fs.symlinkSync(path.join(projectDir, entry), path.join(dir, entry));
  }
  return dir;
}

export class ProjectStack {
  readonly stack: string;
  readonly projectDir: string;
  readonly workDir: string;
  readonly project: string;
  private readonly main: string;
  private config: Record<string, { value: string; secret: boolean }> | undefined;
  private configApplied = false;
  private running: ChildProcess | undefined;
  /** The kill of the running operation's tree, while one is under way. */
  private killing: Promise<void> | undefined;

  constructor(private readonly options: StackOptions) {
    this.stack = options.stack;
    this.projectDir = options.projectDir ?? PROJECT_ROOT;
    this.workDir = options.workDir ?? this.projectDir;
    const project = parse(fs.readFileSync(path.join(this.projectDir, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
    this.project = project.name;
    this.main = project.main ?? ".";
  }

  /** Where a file backend keeps this stack's checkpoint (Pulumi's DIY layout, project-scoped stacks). */
  get checkpointFile(): string {
    return path.join(fileURLToPath(this.options.backendUrl), ".pulumi", "stacks", this.project, `${this.stack}.json`);
  }

  /**
   * Stack config for the next operations; keys not listed are removed from the stack file. A list
   * is written item by item (`pulumi config set --path 'ns:key[0]'`), as Pulumi types arrays.
   */
  setConfig(config: Record<string, string | readonly string[]>, secretKeys: readonly string[] = []): void {
    this.config = Object.fromEntries(
      Object.entries(config).flatMap(([key, value]) =>
        typeof value === "string"
          ? [[key, { value, secret: secretKeys.includes(key) }]]
          : value.map((item, i) => [`${key}[${i}]`, { value: item, secret: secretKeys.includes(key) }]),
      ),
    );
    this.configApplied = false;
  }

  /** The pid of the operation's host process while one runs (the CLI and the provider host are its descendants). */
  get hostPid(): number | undefined {
    return this.running?.pid;
  }

  /**
   * SIGKILL the running operation's whole process tree, as a killed CI runner would. The
   * operation's promise settles, and this one resolves, only once every process of the tree has
   * ended (this one rejects, naming them, when some do not end: see killTree).
   */
  kill(): Promise<void> {
    if (this.running?.pid) this.killing = killTree(this.running.pid);
    return this.killing ?? Promise.resolve();
  }

  up(options: RunOptions = {}): Promise<RunResult> {
    return this.run("up", options);
  }

  preview(options: RunOptions = {}): Promise<RunResult> {
    return this.run("preview", options);
  }

  refresh(options: RunOptions = {}): Promise<RunResult> {
    return this.run("refresh", options);
  }

  destroy(options: RunOptions = {}): Promise<RunResult> {
    return this.run("destroy", options);
  }

  /** `pulumi stack export` (without --show-secrets): the deployment as the state file holds it, secrets encrypted. */
  async exportState(): Promise<{ version: number; deployment: any }> {
    return (await this.request("export", {})).result.deployment;
  }

  async importState(deployment: unknown): Promise<void> {
    await this.request("import", { deployment });
  }

  /** `pulumi cancel`: removes the lock a killed operation left on the stack (docs/crash-recovery.md). */
  async cancel(): Promise<void> {
    await this.request("cancel", {});
  }

  private async run(op: Operation, options: RunOptions): Promise<RunResult> {
    const started = Date.now();
    const { result, stdout, stderr, late } = await this.request(op, { options });
    const changes: Record<string, number> = { ...(result.summary?.resourceChanges ?? result.changeSummary ?? {}) };
    const outputs: Record<string, unknown> = {};
    const secretOutputs: string[] = [];
    for (const [key, output] of Object.entries((result.outputs ?? {}) as Record<string, { value: unknown; secret: boolean }>)) {
      outputs[key] = output.value;
      if (output.secret) secretOutputs.push(key);
    }
    return {
      op,
      stdout,
      stderr,
      steps: result.steps ?? [],
      changes,
      outputs,
      secretOutputs,
      programLoadMs: result.timings?.programLoadMs,
      late,
      wallMs: Date.now() - started,
    };
  }

  private request(op: HostRequest, extra: Record<string, unknown>): Promise<{ result: any; stdout: string; stderr: string; late: string[] }> {
    if (this.running) return Promise.reject(new Error(`stack ${this.stack}: an operation is already running`));
    const env = pulumiEnvironment(this.options.env ?? process.env, this.options.backendUrl, this.options.passphrase);
    // execArgv: [] runs the host as plain node, as Pulumi runs its language host: fork() would
    // otherwise pass on this process's flags, and under ts-node (npm run bench, reliability) that
    // preloads ts-node with the work dir's defaults into every operation.
    const child = fork(HOST_SCRIPT, [], { cwd: this.workDir, env, execArgv: [], stdio: ["ignore", "pipe", "pipe", "ipc"] });
    this.running = child;
    let stdout = "";
    let stderr = "";
    // What the host process itself printed (not the CLI's output, which comes by message): the
    // only trace of why it died before answering.
    let hostOutput = "";
    child.stderr?.on("data", (chunk) => (hostOutput += chunk));
    child.stdout?.on("data", (chunk) => (hostOutput += chunk));
    const config = this.configApplied ? undefined : this.config;
    return new Promise((resolve, reject) => {
      let settled: HostMessage | undefined;
      child.on("message", (message: HostMessage) => {
        if (message.type === "output") {
          stdout += message.text;
          this.options.onOutput?.(message.text ?? "");
        } else if (message.type === "error-output") {
          stderr += message.text;
        } else {
          settled = message;
        }
      });
      child.once("exit", async (code, signal) => {
        // The host is killed first; the CLI and its plugins end a moment later. A kill that cannot
        // end them is told here and by kill()'s own promise.
        const unended = await this.killing?.then(
          () => undefined,
          (err: Error) => err,
        );
        this.running = undefined;
        this.killing = undefined;
        if (settled?.type === "result") {
          if (config) this.configApplied = true;
          resolve({ result: settled.result, stdout, stderr, late: settled.late ?? [] });
          return;
        }
        if (settled?.type === "failure" && settled.error) {
          const error = settled.error;
          reject(new StackRunError(op, error.message, error.stdout ?? stdout, error.stderr ?? stderr, error.code, false));
          return;
        }
        const how = signal ? `was killed (${signal})` : `exited with code ${code} before answering`;
        const left = unended ? `; ${unended.message}` : "";
        reject(new StackRunError(op, `pulumi ${op} of stack ${this.stack}: the operation's process ${how}${left}\n${hostOutput}`, stdout, stderr, undefined, true));
      });
      child.send({
        op,
        project: this.project,
        stack: this.stack,
        projectDir: this.projectDir,
        workDir: this.workDir,
        main: this.main,
        cliRoot: this.options.cli.root,
        cliVersion: this.options.cli.version,
        env,
        config,
        ...extra,
      });
    });
  }
}
