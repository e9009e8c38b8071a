import * as path from "path";
import { Registration, RegistrationResult, runProgram } from "./program-runner";
import { ChildMessage, ParentMessage, StartMessage } from "./program-messages";

// The program's process, as Pulumi's Node.js language host is one: it runs the program and asks
// the engine (its parent, over IPC) to register each resource. It runs the program once per
// `start` message and exits when the engine closes the channel.

let unhandled: string[] = [];
// The SDK leaves rejected promises behind for resources whose dependencies failed; Pulumi's
// language host catches them process-wide, and so does this process.
const collect = (err: unknown) => unhandled.push(err instanceof Error ? err.message : String(err));
process.on("unhandledRejection", collect);
process.on("uncaughtException", collect);

const waiting = new Map<number, { resolve(r: RegistrationResult): void; reject(e: Error): void }>();
let nextSeq = 0;

function send(message: ChildMessage): void {
  process.send!(message);
}

function register(registration: Registration): Promise<RegistrationResult> {
  const seq = nextSeq++;
  return new Promise((resolve, reject) => {
    waiting.set(seq, { resolve, reject });
    send({ type: "register", seq, registration });
  });
}

async function start(message: StartMessage): Promise<void> {
  unhandled = [];
  // A second run re-evaluates the entry module only: the rest of the program's modules are
  // libraries, and their dynamic provider instances keep Pulumi's serialization cache warm.
  delete require.cache[require.resolve(path.resolve(message.options.programPath))];
  try {
    const outputs = await runProgram({ ...message.options, register });
    // Unhandled rejections are reported after the current tick.
    await new Promise((resolve) => setImmediate(resolve));
    send({ type: "done", outputs, unhandled });
  } catch (error) {
    send({ type: "failed", message: error instanceof Error ? error.message : String(error), unhandled });
  }
}

process.on("disconnect", () => process.exit(0));
process.on("message", (message: ParentMessage) => {
  if (message.type === "start") {
    void start(message);
    return;
  }
  const call = waiting.get(message.seq)!;
  waiting.delete(message.seq);
  if (message.type === "registered") call.resolve(message.result);
  else call.reject(new Error(message.message));
});
