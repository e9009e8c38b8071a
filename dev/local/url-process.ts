// A child process that announces its URL on stdout (the emulator's command line), started in
// its own process group so that stopping it also stops what `npm run` started beneath it.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";

const LOOPBACK_URL = /http:\/\/127\.0\.0\.1:\d{1,5}/;

/** The first `http://127.0.0.1:<port>` in a line of output, or undefined. */
export function loopbackUrlIn(line: string): string | undefined {
  return LOOPBACK_URL.exec(line)?.[0];
}

export interface UrlProcessOptions {
  command: string;
  args: string[];
  /** Names the process in messages; the arguments may hold a secret and are never printed. */
  label: string;
  cwd: string;
  /** Receives everything the process prints (after as well as before the URL). */
  logFile: string;
  /** How long to wait for the URL line. */
  startTimeoutMs: number;
  /** How long to wait after SIGTERM before SIGKILL. */
  stopTimeoutMs: number;
}

export interface UrlProcess {
  url: string;
  stop(): Promise<void>;
}

const GROUPS = process.platform !== "win32";

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (GROUPS && child.pid !== undefined) process.kill(-child.pid, sig);
    else child.kill(sig);
  } catch {
    // Already gone.
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function startUrlProcess(options: UrlProcessOptions): Promise<UrlProcess> {
  const log = fs.createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    detached: GROUPS,
    shell: process.platform === "win32",
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If this process dies unexpectedly, the group must not outlive it.
  const killOnExit = () => signal(child, "SIGKILL");
  process.on("exit", killOnExit);

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const done = () => {
        process.off("exit", killOnExit);
        log.end(resolve);
      };
      if (exited(child)) return done();
      const timer = setTimeout(() => signal(child, "SIGKILL"), options.stopTimeoutMs);
      child.once("exit", () => {
        clearTimeout(timer);
        done();
      });
      signal(child, "SIGTERM");
    });

  return new Promise((resolve, reject) => {
    let pending = "";
    let tail = "";
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${reason}\n${tail.trim() || "(no output)"}\nFull output: ${options.logFile}`)));
    };
    const timer = setTimeout(
      () => fail(`${options.label} printed no http://127.0.0.1:<port> URL within ${options.startTimeoutMs} ms.`),
      options.startTimeoutMs,
    );
    const remember = (text: string) => {
      log.write(text);
      tail = (tail + text).slice(-2000);
    };
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      remember(text);
      if (settled) return;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const url = loopbackUrlIn(line);
        if (url) {
          settled = true;
          clearTimeout(timer);
          resolve({ url, stop });
          return;
        }
      }
    });
    child.stderr?.setEncoding("utf8").on("data", remember);
    child.once("error", (err) => fail(`Could not start ${options.label}: ${err.message}`));
    child.once("exit", (code, sig) => fail(`${options.label} exited (${sig ?? `code ${code}`}) before printing its URL.`));
  });
}
