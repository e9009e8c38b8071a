import * as fs from "fs";
import * as path from "path";
import { removeInReverseDependencyOrder } from "./delete-order";
import { ProviderError, ProviderHost } from "./provider-host";
import { ProgramProcess, runProgramProcess } from "./program-process";
import { Registration, RegistrationResult } from "./program-runner";
import { changedKeys, isSecret, markSecrets, Props, toWire } from "./property-values";
import { emptyState, loadState, saveState, StackState, StateEntry } from "./state";

export type RunKind = "up" | "preview" | "refresh" | "destroy";
export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "refresh" | "drop";

/** What happened (or, in a preview, would happen) to one resource. */
export interface Step {
  urn: string;
  type: string;
  op: StepOp;
  /** Replaces only: the properties that force it and the order used. */
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

/** One timed call: a provider method, or starting/configuring the host (`urn` empty). */
export interface OperationRecord {
  run: number;
  kind: RunKind;
  urn: string;
  op: "host-start" | "configure" | "check" | "diff" | "create" | "read" | "update" | "delete" | "program";
  /** Epoch milliseconds with sub-millisecond precision. */
  start: number;
  end: number;
  error?: string;
}

export interface RunResult {
  kind: RunKind;
  /** Stack outputs (secret ones plain here, listed in `secretOutputs`; unknown in a preview as the sentinel). */
  outputs: Props;
  secretOutputs: string[];
  steps: Step[];
  /** Number of steps per op. */
  summary: Partial<Record<StepOp, number>>;
  operations: OperationRecord[];
}

export interface ResourceFailure {
  urn: string;
  message: string;
}

/** A run that did not complete; the state holds everything that was done (including partial creates). */
export class LocalEngineError extends Error {
  constructor(
    readonly result: RunResult,
    readonly failures: ResourceFailure[],
    readonly hostStderr: string,
  ) {
    super(`LocalEngine ${result.kind} failed:\n${failures.map((f) => `  ${f.urn || "program"}: ${f.message}`).join("\n")}`);
    this.name = "LocalEngineError";
  }
}

export interface LocalEngineOptions {
  /** The stack program's module path. */
  programPath: string;
  /** `name` of Pulumi.yaml. */
  project: string;
  stack: string;
  /** Stack config as in Pulumi.<stack>.yaml (`ns:key` → string). */
  config?: Record<string, string>;
  /** Config keys that are secrets. */
  secretKeys?: string[];
  /** Project directory: its tsconfig.json compiles the program; the provider host runs there. Default: the current directory. */
  projectDir?: string;
  /** Environment of the provider host process (the `pulumi` process's environment); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Keep the state in this JSON file too (loaded at construction when it exists). */
  stateFile?: string;
  /** Encrypts secret values in `stateFile`. */
  secretsPassphrase?: string;
  /**
   * Keep one provider host for all runs of this engine while the stack config stays the same
   * (faster). Unlike the CLI, providers' `this` caches (login token) then outlive a run; the
   * default, a fresh host per run, is what each `pulumi` command does. End it with `close()`.
   */
  keepHost?: boolean;
  /**
   * Keep one program process for all `up`/`preview` runs: later runs re-evaluate only the entry
   * module, so dynamic providers are serialized once per process (faster). Default: a fresh
   * process per run, as each `pulumi` command does. End it with `close()`.
   */
  keepProgramProcess?: boolean;
  /** Load the program through a transpile cache in this directory instead of ts-node (faster start; see compile-cache.ts). */
  compileCacheDir?: string;
  /** Every chunk any of this engine's hosts writes to stderr (providers report retries there). */
  onHostStderr?: (text: string) => void;
}

const dynamicTypePrefix = "pulumi-nodejs:dynamic";

function now(): number {
  return performance.timeOrigin + performance.now();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function secretKeysOf(props: Props): string[] {
  return Object.keys(props).filter((k) => isSecret(props[k]));
}

/** One run: its host, its steps and the state it builds. */
interface Run {
  id: number;
  kind: RunKind;
  /** Started and configured once `ready` resolves. */
  host: ProviderHost;
  ready: Promise<void>;
  steps: Step[];
  operations: OperationRecord[];
  failures: ResourceFailure[];
}

/**
 * Runs a stack program's lifecycle against Pulumi's dynamic-provider host, without the CLI.
 * Each run starts its own host process (as each `pulumi` command does) and configures it with
 * the stack config.
 */
export class LocalEngine {
  private state: StackState;
  private config: Record<string, string> = {};
  private secretKeys: string[] = [];
  private runCount = 0;
  private lastHostStderr = "";
  private lastProgramOutput = "";
  /** The host of the run in progress, or the kept one. */
  private host?: ProviderHost;
  /** The config the kept host was configured with. */
  private hostConfig?: string;
  private program?: ProgramProcess;
  /** Every timed call of every run, in order of completion. */
  readonly operations: OperationRecord[] = [];

  constructor(private readonly options: LocalEngineOptions) {
    const program = path.resolve(options.projectDir ?? process.cwd(), options.programPath);
    if (!fs.existsSync(program)) {
      throw new Error(`LocalEngine: programPath ${options.programPath} does not exist (resolved to ${program}); pass the stack program's module`);
    }
    for (const key of ["project", "stack"] as const) {
      if (!options[key]) throw new Error(`LocalEngine: ${key} is empty; pass the ${key === "project" ? "Pulumi.yaml name" : "stack name"}`);
    }
    this.setConfig(options.config ?? {}, options.secretKeys ?? []);
    this.state = options.stateFile ? loadState(options.stateFile, options.secretsPassphrase) : emptyState();
  }

  /** Replaces the stack config used by the next runs. */
  setConfig(config: Record<string, string>, secretKeys: string[] = []): void {
    const stray = secretKeys.filter((k) => !(k in config));
    if (stray.length > 0) {
      throw new Error(`LocalEngine: secret key(s) ${stray.join(", ")} are not in the config; add their values or drop them from secretKeys`);
    }
    this.config = { ...config };
    this.secretKeys = [...secretKeys];
  }

  /** A copy of the current state (secret values wrapped). */
  get stackState(): StackState {
    return structuredClone(this.state);
  }

  /** Process id of the host of the run in progress (or of the kept host); crash tests kill it. */
  get hostPid(): number | undefined {
    return this.host?.alive ? this.host.pid : undefined;
  }

  /** Ends a kept host and program process (see `keepHost`, `keepProgramProcess`). */
  async close(): Promise<void> {
    const { host, program } = this;
    this.host = undefined;
    this.program = undefined;
    await Promise.all([host?.close(), program?.close()]);
  }

  private async closeHost(): Promise<void> {
    const host = this.host;
    this.host = undefined;
    await host?.close();
  }

  /** stderr of the most recent host process, for diagnostics. */
  get hostStderr(): string {
    return this.lastHostStderr;
  }

  /** stdout/stderr of the most recent program process. */
  get programOutput(): string {
    return this.lastProgramOutput;
  }

  private get projectDir(): string {
    return this.options.projectDir ?? process.cwd();
  }

  private async timed<T>(run: Run, urn: string, op: OperationRecord["op"], fn: () => Promise<T>): Promise<T> {
    const record: OperationRecord = { run: run.id, kind: run.kind, urn, op, start: now(), end: 0 };
    try {
      return await fn();
    } catch (error) {
      record.error = messageOf(error);
      throw error;
    } finally {
      record.end = now();
      run.operations.push(record);
      this.operations.push(record);
    }
  }

  private async withRun(kind: RunKind, body: (run: Run) => Promise<Props | undefined>): Promise<RunResult> {
    const run = { id: ++this.runCount, kind, steps: [], operations: [], failures: [] } as unknown as Run;
    // The host starts while the program's process starts; registrations wait for it.
    run.ready = (async () => {
      run.host = await this.startHost(run);
    })();
    let outputs: Props | undefined;
    try {
      outputs = await body(run);
    } catch (error) {
      run.failures.push({ urn: "", message: messageOf(error) });
    } finally {
      await run.ready.catch((error: unknown) => {
        if (run.failures.length === 0) run.failures.push({ urn: "", message: messageOf(error) });
      });
      if (run.host) {
        this.lastHostStderr = run.host.stderr;
        if (!this.options.keepHost) await this.closeHost();
      }
    }
    // After a failure the kept processes are not reused, as every real `pulumi` command starts
    // afresh anyway: the host may be dead before its exit event says so, and the program process
    // still receives the failed run's late rejections, which would be reported by the next run.
    if (run.failures.length > 0) await this.close();
    if (kind !== "preview") {
      if (outputs !== undefined && run.failures.length === 0) this.state.outputs = outputs;
      if (kind === "destroy" && run.failures.length === 0) this.state.outputs = {};
      if (this.options.stateFile) saveState(this.options.stateFile, this.state, this.options.secretsPassphrase);
    }
    const shown = outputs ?? (kind === "preview" ? {} : this.state.outputs);
    const summary: RunResult["summary"] = {};
    for (const step of run.steps) summary[step.op] = (summary[step.op] ?? 0) + 1;
    const result: RunResult = {
      kind,
      outputs: toWire(shown).props,
      secretOutputs: secretKeysOf(shown),
      steps: run.steps,
      summary,
      operations: run.operations,
    };
    if (run.failures.length > 0) throw new LocalEngineError(result, run.failures, this.lastHostStderr);
    return result;
  }

  /** A started and configured host: the kept one when it is alive and configured alike. */
  private async startHost(run: Run): Promise<ProviderHost> {
    const config = JSON.stringify([this.config, this.secretKeys]);
    if (this.options.keepHost && this.host?.alive && this.hostConfig === config) return this.host;
    await this.closeHost();
    const host = await this.timed(run, "", "host-start", () =>
      ProviderHost.start({ project: this.options.project, cwd: this.projectDir, env: this.options.env, onStderr: this.options.onHostStderr }),
    );
    this.host = host;
    this.hostConfig = config;
    await this.timed(run, "", "configure", () => host.configure(this.config, this.secretKeys));
    return host;
  }

  /** `pulumi up`: runs the program, then deletes what it no longer registers. */
  up(): Promise<RunResult> {
    return this.withRun("up", (run) => this.deploy(run, false));
  }

  /** `pulumi preview`: runs the program with only `check`/`diff`; changes nothing. */
  preview(): Promise<RunResult> {
    return this.withRun("preview", (run) => this.deploy(run, true));
  }

  /** `pulumi refresh`: reads every resource; drops those whose read finds nothing. */
  refresh(): Promise<RunResult> {
    return this.withRun("refresh", async (run) => {
      await run.ready;
      const entries = this.state.resources.filter((e) => e.custom);
      const gone = new Set<StateEntry>();
      await Promise.all(
        entries.map(async (entry) => {
          try {
            const read = await this.timed(run, entry.urn, "read", () =>
              run.host.read(entry.id!, entry.urn, toWire(entry.outputs).props, toWire(entry.inputs).props),
            );
            if (!read.id) {
              gone.add(entry);
              run.steps.push({ urn: entry.urn, type: entry.type, op: "drop" });
              return;
            }
            entry.id = read.id;
            entry.outputs = markSecrets(read.outputs, secretKeysOf(entry.outputs));
            if (read.inputs) entry.inputs = markSecrets(read.inputs, secretKeysOf(entry.inputs));
            run.steps.push({ urn: entry.urn, type: entry.type, op: "refresh" });
          } catch (error) {
            run.failures.push({ urn: entry.urn, message: messageOf(error) });
          }
        }),
      );
      this.state.resources = this.state.resources.filter((e) => !gone.has(e));
      return undefined;
    });
  }

  /** `pulumi destroy`: deletes every resource in reverse dependency order. */
  destroy(): Promise<RunResult> {
    return this.withRun("destroy", async (run) => {
      await run.ready;
      await this.remove(run, [...this.state.resources]);
      return undefined;
    });
  }

  /** Deletes entries in reverse dependency order and takes the deleted ones out of the state. */
  private async remove(run: Run, entries: StateEntry[]): Promise<void> {
    const outcome = await removeInReverseDependencyOrder(entries, async (entry) => {
      await this.deleteOne(run, entry);
      run.steps.push({ urn: entry.urn, type: entry.type, op: "delete" });
    });
    for (const { entry, error } of outcome.failed) run.failures.push({ urn: entry.urn, message: messageOf(error) });
    const removed = new Set(outcome.removed);
    this.state.resources = this.state.resources.filter((e) => !removed.has(e));
  }

  private async deleteOne(run: Run, entry: StateEntry): Promise<void> {
    if (entry.protect) {
      throw new Error(`${entry.urn} is protected; set protect: false and run up before deleting it`);
    }
    if (!entry.custom || entry.retainOnDelete) return;
    await this.timed(run, entry.urn, "delete", () => run.host.delete(entry.id!, entry.urn, toWire(entry.outputs).props));
  }

  private async deploy(run: Run, preview: boolean): Promise<Props | undefined> {
    const deployment: Deployment = {
      run,
      preview,
      previous: new Map(this.state.resources.map((e) => [e.urn, e])),
      registered: new Map(),
      replaced: [],
    };
    const register = async (reg: Registration): Promise<RegistrationResult> => {
      try {
        if (deployment.registered.has(reg.urn)) throw new Error("duplicate resource URN");
        await run.ready;
        return await this.step(deployment, reg);
      } catch (error) {
        run.failures.push({ urn: reg.urn, message: messageOf(error) });
        throw error;
      }
    };
    const started = now();
    const runOptions = {
      programPath: path.resolve(this.projectDir, this.options.programPath),
      project: this.options.project,
      stack: this.options.stack,
      preview,
      config: this.config,
      secretKeys: this.secretKeys,
      register,
    };
    const start = { projectDir: this.projectDir, env: this.options.env, compileCacheDir: this.options.compileCacheDir };
    let program;
    if (this.options.keepProgramProcess) {
      if (!this.program?.alive) this.program = ProgramProcess.start(start);
      program = await this.program.run(runOptions);
    } else {
      program = await runProgramProcess({ ...start, ...runOptions });
    }
    this.lastProgramOutput = program.output;
    // A failed registration also rejects what depends on it; report those only when nothing else explains the failure.
    if (program.error !== undefined && run.failures.length === 0) run.failures.push({ urn: "", message: program.error });
    if (run.failures.length === 0) {
      for (const message of program.unhandled) run.failures.push({ urn: "", message });
    }
    const outputs = program.outputs;
    run.operations.push({ run: run.id, kind: run.kind, urn: "", op: "program", start: started, end: now() });
    const unregistered = this.state.resources.filter((e) => !deployment.registered.has(e.urn));
    if (preview) {
      for (const e of [...unregistered].reverse()) run.steps.push({ urn: e.urn, type: e.type, op: "delete" });
      return outputs;
    }
    // Registered resources in the order they completed, which puts dependencies first.
    this.state.resources = [...deployment.registered.values(), ...unregistered, ...deployment.replaced];
    if (run.failures.length > 0) return undefined;
    await this.remove(run, [...unregistered, ...deployment.replaced]);
    return outputs;
  }

  /** The engine's decision for one registration: create, same, update or replace. */
  private async step(d: Deployment, reg: Registration): Promise<RegistrationResult> {
    const { run, preview } = d;
    const old = d.previous.get(reg.urn);
    const record = (op: StepOp, entry: StateEntry, extra: Partial<Step> = {}) => {
      run.steps.push({ urn: reg.urn, type: reg.type, op, ...extra });
      d.registered.set(reg.urn, entry);
    };
    if (!reg.custom) {
      record(old ? "same" : "create", entryOf(reg, reg.inputs, {}));
      return { state: {} };
    }
    if (!reg.type.startsWith(dynamicTypePrefix)) {
      throw new Error(`LocalEngine runs dynamic resources only; this one has type ${reg.type}`);
    }
    const wire = toWire(reg.inputs);
    const news = wire.props;
    const oldInputs = old ? toWire(old.inputs).props : {};
    for (const key of reg.options.ignoreChanges) {
      if (key in oldInputs) news[key] = oldInputs[key];
    }
    const secretKeys = [...wire.secretKeys, ...reg.options.additionalSecretOutputs];
    const checked = await this.timed(run, reg.urn, "check", () => run.host.check(reg.urn, oldInputs, news));
    if (checked.failures.length > 0) {
      throw new Error(`check failed: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const inputs = markSecrets(checked.inputs, wire.secretKeys);
    // A preview returns the checked inputs as outputs: the rest stays unknown, as in Pulumi.
    const planned = (op: StepOp, extra: Partial<Step> = {}): RegistrationResult => {
      record(op, old ?? entryOf(reg, inputs, {}), extra);
      return { id: op === "update" ? old?.id : undefined, state: markSecrets(checked.inputs, secretKeys) };
    };
    if (!old) {
      if (preview) return planned("create");
      return this.create(d, reg, inputs, secretKeys, "create");
    }
    const oldOutputs = toWire(old.outputs).props;
    const diff = await this.timed(run, reg.urn, "diff", () => run.host.diff(old.id!, reg.urn, oldOutputs, checked.inputs));
    if (diff.replaces.length > 0) {
      const detail = { replaces: diff.replaces, deleteBeforeReplace: diff.deleteBeforeReplace || reg.options.deleteBeforeReplace };
      if (preview) return planned("replace", detail);
      if (old.protect || reg.options.protect) {
        throw new Error(`replacing it (changes to ${diff.replaces.join(", ")}) needs a delete, but it is protected`);
      }
      if (detail.deleteBeforeReplace) {
        await this.timed(run, reg.urn, "delete", () => run.host.delete(old.id!, reg.urn, oldOutputs));
        this.state.resources = this.state.resources.filter((e) => e !== old);
      } else {
        d.replaced.push(old);
      }
      return this.create(d, reg, inputs, secretKeys, "replace", detail);
    }
    // Without a provider diff (DIFF_UNKNOWN) the engine compares inputs; a resource whose
    // create or update half-failed is always updated again, as in Pulumi.
    const changed = diff.changes ?? changedKeys(oldInputs, checked.inputs, reg.options.ignoreChanges).length > 0;
    if (!changed && !old.initErrors) {
      record("same", entryOf(reg, inputs, old.outputs, old.id));
      return { id: old.id, state: old.outputs };
    }
    if (preview) return planned("update");
    try {
      const outs = await this.timed(run, reg.urn, "update", () =>
        run.host.update(old.id!, reg.urn, oldOutputs, checked.inputs),
      );
      const outputs = markSecrets(outs, secretKeys);
      record("update", entryOf(reg, inputs, outputs, old.id));
      return { id: old.id, state: outputs };
    } catch (error) {
      if (error instanceof ProviderError && error.id) {
        d.registered.set(reg.urn, initFailed(reg, inputs, secretKeys, error));
      }
      throw error;
    }
  }

  private async create(
    d: Deployment,
    reg: Registration,
    inputs: Props,
    secretKeys: string[],
    op: "create" | "replace",
    detail: Partial<Step> = {},
  ): Promise<RegistrationResult> {
    try {
      const created = await this.timed(d.run, reg.urn, "create", () => d.run.host.create(reg.urn, toWire(inputs).props));
      const outputs = markSecrets(created.outputs, secretKeys);
      d.run.steps.push({ urn: reg.urn, type: reg.type, op, ...detail });
      d.registered.set(reg.urn, entryOf(reg, inputs, outputs, created.id));
      return { id: created.id, state: outputs };
    } catch (error) {
      if (error instanceof ProviderError && error.id) {
        d.registered.set(reg.urn, initFailed(reg, inputs, secretKeys, error));
      }
      throw error;
    }
  }
}

/** The state of one `up` or `preview` while the program runs. */
interface Deployment {
  run: Run;
  preview: boolean;
  previous: Map<string, StateEntry>;
  /** What the program registered, in order of completion. */
  registered: Map<string, StateEntry>;
  /** Old versions of create-before-delete replacements, deleted after the program. */
  replaced: StateEntry[];
}

function entryOf(reg: Registration, inputs: Props, outputs: Props, id?: string): StateEntry {
  return {
    urn: reg.urn,
    type: reg.type,
    custom: reg.custom,
    ...(id !== undefined ? { id } : {}),
    ...(reg.parent ? { parent: reg.parent } : {}),
    dependencies: reg.dependencies,
    inputs,
    outputs,
    ...(reg.options.protect ? { protect: true } : {}),
    ...(reg.options.retainOnDelete ? { retainOnDelete: true } : {}),
  };
}

/**
 * The provider made the object and then failed (it threw an error carrying `id`): record it,
 * as Pulumi records an initialization failure, so the next up updates it and destroy deletes it.
 */
function initFailed(reg: Registration, inputs: Props, secretKeys: string[], error: ProviderError): StateEntry {
  const outputs = markSecrets(error.properties ?? {}, secretKeys);
  return { ...entryOf(reg, inputs, outputs, error.id), initErrors: [error.message, ...error.reasons] };
}
