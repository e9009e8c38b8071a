import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../dev/emulator/cli";
import { login } from "./sdk";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the CLI the way `npm run emulator` does (ts-node, transpile-only). */
function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "dev/emulator/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`CLI exited with ${code} before printing its URL`)));
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("exit", (code) => resolve({ code, stderr }));
  });

describe("emulator command line", () => {
  it("prints its URL first, writes the state file atomically on SIGTERM and reloads it", async () => {
    const state = join(dir, "state.json");
    const args = ["--port", "0", "--client-id", "cli-client", "--client-secret", "cli-secret-value", "--state", state, "--job-ms", "5"];
    const first = spawnCli(args);
    const firstExit = exited(first);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine(first))![0];
    const api = await login(url, "cli-client", "cli-secret-value");
    const created = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    first.kill("SIGTERM");
    expect((await firstExit).code).toBe(0);
    const saved = readFileSync(state, "utf8");
    expect(JSON.parse(saved).integrations.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect(saved).not.toContain("cli-secret-value");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const second = spawnCli(args);
    const secondExit = exited(second);
    const url2 = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine(second))![0];
    const again = await login(url2, "cli-client", "cli-secret-value");
    expect((await again.integrations.getIntegration(created.id!)).name).toBe("Web Services Data Actions");
    second.kill("SIGINT");
    expect((await secondExit).code).toBe(0);
  });

  it("exits 2 with a clear message on bad flags", async () => {
    const child = spawnCli(["--port", "abc", "--client-id", "a", "--client-secret", "b"]);
    const { code, stderr } = await exited(child);
    expect(code).toBe(2);
    expect(stderr).toContain("'--port abc'");
    expect(stderr).toContain("usage:");
  });

  it("parses flags purely and names the bad one", () => {
    expect(parseArgs(["--port", "0", "--client-id", "a", "--client-secret", "b", "--rate-limit", "5", "--latency-ms", "3"])).toMatchObject({
      port: 0,
      clients: [{ id: "a", secret: "b" }],
      rateLimitPerMinute: 5,
      latencyMs: 3,
    });
    const bad: [string[], string][] = [
      [["--port", "0", "--client-id", "a"], "'--client-secret'"],
      [["--port", "0", "--client-id", "a", "--client-secret", "b", "--verbose", "1"], "'--verbose'"],
      [["--port", "0", "--client-id", "a", "--client-secret", "b", "--job-ms"], "'--job-ms' needs a value"],
      [["--port", "70000", "--client-id", "a", "--client-secret", "b"], "'--port 70000'"],
      [["--port", "0", "--client-id", "a", "--client-secret", "b", "--rate-limit", "0"], "'--rate-limit 0'"],
      [["--port", "0", "--port", "1"], "given twice"],
    ];
    for (const [argv, word] of bad) {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(word);
    }
  });
});
