import { ChildProcess, fork } from "child_process";
import * as path from "path";
import { writeCompileCacheEntry } from "./compile-cache";
import { ChildMessage, ParentMessage } from "./program-messages";
import { ProgramRunOptions } from "./program-runner";
import { Props } from "./property-values";

export interface ProgramProcessStart {
  /** Its tsconfig.json compiles the program; the process runs there. */
  projectDir: string;
  env?: NodeJS.ProcessEnv;
  /** Load the program's TypeScript through a transpile cache in this directory instead of ts-node (see compile-cache.ts). */
  compileCacheDir?: string;
}

export interface ProgramProcessOptions extends ProgramRunOptions, ProgramProcessStart {}

export interface ProgramProcessResult {
  /** Undefined when the program failed. */
  outputs?: Props;
  /** The program's own error, when it threw. */
  error?: string;
  /** Errors the program's process caught at top level (rejections no code awaited). */
  unhandled: string[];
  /** What the program's process wrote to stdout/stderr during the run. */
  output: string;
}

const childModule = path.join(__dirname, "program-child.ts");
const outputLimit = 256 * 1024;

/**
 * A Node.js process that runs the program (compiled by the project's ts-node, transpile only,
 * or through the compile cache), answering its registrations with the run's `register`. A
 * process per run keeps Pulumi's process-wide runtime state and the program's module cache
 * fresh, and lets engines run side by side; a kept process (`keepProgramProcess`) runs the
 * program again with only its entry module re-evaluated.
 */
export class ProgramProcess {
  private output = "";
  private current?: {
    register: ProgramRunOptions["register"];
    resolve(result: ProgramProcessResult): void;
    reject(error: Error): void;
    result?: Omit<ProgramProcessResult, "output">;
  };
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    const capture = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-outputLimit));
    child.stdout!.on("data", capture);
    child.stderr!.on("data", capture);
    child.on("message", (message: ChildMessage) => this.onMessage(message));
    const fail = (error: Error) => {
      this.exited = true;
      const run = this.current;
      this.current = undefined;
      run?.reject(error);
    };
    child.once("error", fail);
    // "close" also waits for stdout/stderr to drain, so a run that dies reports all its output.
    child.once("close", (code, signal) =>
      fail(new Error(`the program's process exited (code ${code}, signal ${signal}) without a result:\n${this.output}`)),
    );
    child.once("exit", (code, signal) => {
      this.exited = true;
      // Should "close" never come (a grandchild holding stdout), a run still ends.
      setTimeout(() => fail(new Error(`the program's process exited (code ${code}, signal ${signal}) without a result:\n${this.output}`)), 1000).unref();
    });
  }

  static start(options: ProgramProcessStart): ProgramProcess {
    const { projectDir, env, compileCacheDir } = options;
    const [module, execArgv] = compileCacheDir
      ? [writeCompileCacheEntry(compileCacheDir, projectDir, childModule), []]
      : [childModule, ["-r", require.resolve("ts-node/register/transpile-only")]];
    const child = fork(module, [], {
      cwd: projectDir,
      execArgv,
      env: { ...(env ?? process.env), TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    return new ProgramProcess(child);
  }

  get alive(): boolean {
    return !this.exited;
  }

  private send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  private onMessage(message: ChildMessage): void {
    const run = this.current;
    if (!run) return;
    if (message.type === "register") {
      run.register(message.registration).then(
        (r) => this.send({ type: "registered", seq: message.seq, result: r }),
        (e: unknown) => this.send({ type: "register-failed", seq: message.seq, message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    this.current = undefined;
    const output = this.output;
    this.output = "";
    if (message.type === "done") run.resolve({ outputs: message.outputs, unhandled: message.unhandled, output });
    else run.resolve({ error: message.message, unhandled: message.unhandled, output });
  }

  /** Runs the program once; one run at a time. */
  run(options: ProgramRunOptions): Promise<ProgramProcessResult> {
    if (this.current) return Promise.reject(new Error("LocalEngine: the program's process is already running the program"));
    if (this.exited) return Promise.reject(new Error("LocalEngine: the program's process has exited"));
    const { register, ...start } = options;
    return new Promise((resolve, reject) => {
      this.current = { register, resolve, reject };
      this.send({ type: "start", options: start });
    });
  }

  /** Ends the process (it exits once its IPC channel closes). */
  async close(): Promise<void> {
    if (this.exited) return;
    // "exit", not "close": after the engine closed the IPC channel, "close" does not always follow.
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    if (this.child.connected) this.child.disconnect();
    else this.child.kill();
    await gone;
  }
}

/** Runs the program once in a fresh process. */
export async function runProgramProcess(options: ProgramProcessOptions): Promise<ProgramProcessResult> {
  const { projectDir, env, compileCacheDir, ...run } = options;
  const process = ProgramProcess.start({ projectDir, env, compileCacheDir });
  try {
    return await process.run(run);
  } finally {
    await process.close();
  }
}
