import { fork } from "child_process";
import * as path from "path";
import { ChildMessage, ParentMessage } from "./program-messages";
import { ProgramRunOptions } from "./program-runner";
import { Props } from "./property-values";

export interface ProgramProcessOptions extends ProgramRunOptions {
  /** Its tsconfig.json compiles the program; the process runs there. */
  projectDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface ProgramProcessResult {
  /** Undefined when the program failed. */
  outputs?: Props;
  /** The program's own error, when it threw. */
  error?: string;
  /** Errors the program's process caught at top level (rejections no code awaited). */
  unhandled: string[];
  /** What the program's process wrote to stdout/stderr. */
  output: string;
}

const childModule = path.join(__dirname, "program-child.ts");
const outputLimit = 256 * 1024;

/**
 * Runs the program in its own Node.js process (compiled by the project's ts-node, transpile
 * only), answering its registrations with `options.register`. A process per run keeps Pulumi's
 * process-wide runtime state and the program's module cache fresh, and lets engines run side by side.
 */
export function runProgramProcess(options: ProgramProcessOptions): Promise<ProgramProcessResult> {
  const { register, projectDir, env, ...start } = options;
  const child = fork(childModule, [], {
    cwd: projectDir,
    execArgv: ["-r", require.resolve("ts-node/register/transpile-only")],
    env: { ...(env ?? process.env), TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json",
  });
  let output = "";
  const capture = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-outputLimit));
  child.stdout!.on("data", capture);
  child.stderr!.on("data", capture);
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  return new Promise((resolve, reject) => {
    let result: Omit<ProgramProcessResult, "output"> | undefined;
    child.on("message", (message: ChildMessage) => {
      if (message.type === "register") {
        register(message.registration).then(
          (r) => send({ type: "registered", seq: message.seq, result: r }),
          (e: unknown) => send({ type: "register-failed", seq: message.seq, message: e instanceof Error ? e.message : String(e) }),
        );
      } else if (message.type === "done") {
        result = { outputs: message.outputs, unhandled: message.unhandled };
      } else {
        result = { error: message.message, unhandled: message.unhandled };
      }
    });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (result) resolve({ ...result, output });
      else reject(new Error(`the program's process exited (code ${code}, signal ${signal}) without a result:\n${output}`));
    });
    send({ type: "start", options: start });
  });
}
