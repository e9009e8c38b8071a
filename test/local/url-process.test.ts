import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackUrlIn, startUrlProcess } from "../../dev/local/url-process";
import { until } from "../support/until";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function logFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "url-process-"));
  dirs.push(dir);
  return path.join(dir, "child.log");
}

/** Pids of the processes whose command line holds `text` (Linux's /proc). */
function processesRunning(text: string): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Real child processes: node scripts standing in for `npm run emulator`.
function node(script: string, secretArg = "--client-secret=SECRET-SHOULD-NOT-SHOW") {
  return { command: process.execPath, args: ["-e", script, "--", secretArg], label: "the test child", cwd: process.cwd(), stopTimeoutMs: 5_000 };
}

describe("loopbackUrlIn", () => {
  it.each([
    ["Genesys Cloud emulator listening on http://127.0.0.1:43117", "http://127.0.0.1:43117"],
    ["http://127.0.0.1:8080/ ready", "http://127.0.0.1:8080"],
    ["> cognigy-genesys-handover@0.1.0 emulator", undefined],
    ["listening on http://localhost:8080", undefined],
  ])("%s → %s", (line, url) => {
    expect(loopbackUrlIn(line)).toBe(url);
  });
});

describe("startUrlProcess", () => {
  it("resolves with the URL from the first line carrying one, logs output, and stops the whole group", async () => {
    const log = logFile();
    const script = `
      const { spawn } = require("child_process");
      const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      console.log("> npm banner line");
      console.log("grandchild " + grandchild.pid);
      console.log("Emulator listening on http://127.0.0.1:45678");
      setInterval(() => {}, 1000);`;
    const child = await startUrlProcess({ ...node(script), logFile: log, startTimeoutMs: 30_000 });
    expect(child.url).toBe("http://127.0.0.1:45678");

    await until(() => /grandchild (\d+)/.test(fs.readFileSync(log, "utf8")), "grandchild pid logged");
    const grandchildPid = Number(/grandchild (\d+)/.exec(fs.readFileSync(log, "utf8"))![1]);
    expect(alive(grandchildPid)).toBe(true);

    await child.stop();
    await until(() => !alive(grandchildPid), "grandchild stopped with its group");
    expect(fs.readFileSync(log, "utf8")).toContain("> npm banner line");
    await child.stop(); // a second stop is harmless
  });

  it("rejects with the process's output when it exits before printing a URL, without its arguments", async () => {
    const log = logFile();
    const failing = startUrlProcess({
      ...node('console.error("Error: --port must be a number"); process.exit(3)'),
      logFile: log,
      startTimeoutMs: 30_000,
    });
    const error = await failing.then(() => undefined, (err: Error) => err);
    expect(error?.message).toContain("the test child exited (code 3) before printing its URL");
    expect(error?.message).toContain("Error: --port must be a number");
    expect(error?.message).toContain(log);
    expect(error?.message).not.toContain("SECRET-SHOULD-NOT-SHOW");
  });

  it("gives up after the start timeout and stops the silent process", async () => {
    const log = logFile();
    // Found by its command line, not by a line it prints: on a loaded machine the timeout may come
    // before the child has printed anything, and it must be stopped all the same.
    const marker = `silent-child-${randomUUID()}`;
    const script = `/* ${marker} */ setInterval(() => {}, 1000)`;
    const error = await startUrlProcess({ ...node(script), logFile: log, startTimeoutMs: 1_500 }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.message).toContain("the test child printed no http://127.0.0.1:<port> URL within 1500 ms");
    // startUrlProcess rejects once the child has exited: nothing is left to wait for.
    expect(processesRunning(marker)).toEqual([]);
  });

  it("reports a command that cannot be started", async () => {
    const error = await startUrlProcess({
      command: path.join(os.tmpdir(), "no-such-command-here"),
      args: [],
      label: "the missing command",
      cwd: process.cwd(),
      logFile: logFile(),
      startTimeoutMs: 30_000,
      stopTimeoutMs: 1_000,
    }).then(() => undefined, (err: Error) => err);
    expect(error?.message).toContain("Could not start the missing command");
  });
});
