// The command line itself, spawned as `npm run verify` runs it: exit codes 0/1/2, the --json
// shape, a clear message without the secret on a connection error.
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, Emulator } from "../../dev/emulator/index";
import { startRecorder } from "../emulator/cognigy-receiver";
import { PROJECT_DIR, cleanEnv, deployed, startOrg } from "./org";

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await startOrg();
  await deployed(emu, "cli", { "cognigy:endpointDomain": "app.cognigy.ai" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(
    path.join(dir, "Pulumi.cli.yaml"),
    `config:\n  genesyscloud:apiUrl: ${emu.url}\n  genesyscloud:oauthClientSecret:\n    secure: v1:not-readable-here\n  cognigy:endpointDomain: app.cognigy.ai\n`,
  );
});
afterAll(async () => emu.close());

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function verify(args: string[]): Promise<Outcome> {
  const env = {
    ...cleanEnv(),
    GENESYSCLOUD_OAUTHCLIENT_ID: DEFAULT_CLIENT.id,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: DEFAULT_CLIENT.secret,
    GENESYSCLOUD_RETRY_MIN_WAIT_MS: "20",
    GENESYSCLOUD_RETRY_MAX_WAIT_MS: "100",
    GENESYSCLOUD_RETRY_MAX_TOTAL_MS: "600",
  };
  const tsNode = path.join(PROJECT_DIR, "node_modules", ".bin", "ts-node");
  const script = ["--transpile-only", "--project", path.join(PROJECT_DIR, "tsconfig.json"), path.join(PROJECT_DIR, "tools", "verify.ts"), ...args];
  return new Promise((resolve) => {
    execFile(tsNode, script, { cwd: dir, env, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("npm run verify", () => {
  it("exits 0 / 1 / 2 with the table, the JSON report or a clear message", async () => {
    const port = await closedPort();
    const [passing, failing, unreachable, usage] = await Promise.all([
      // No probe: app.cognigy.ai is not on this machine (the test below probes a loopback receiver).
      verify(["--stack", "cli", "--no-probe"]),
      verify(["--stack", "cli", "--json", "--no-probe", "--endpoint-domain", "trial.cognigy.ai"]),
      verify(["--stack", "cli", "--api-url", `http://127.0.0.1:${port}`]),
      verify(["--stack", "missing-org"]),
    ]);

    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.stdout).toContain("PASS  Integration \"Web Services Data Actions Integration\": exists");
    expect(passing.stdout.trim().split("\n").pop()).toBe("OK");
    expect(passing.stderr).toContain("[verify] reading workflows");

    expect(failing.code, failing.stderr).toBe(1);
    const report = JSON.parse(failing.stdout) as { ok: boolean; checks: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    for (const check of report.checks) {
      expect(Object.keys(check).every((key) => ["name", "ok", "expected", "actual", "hint"].includes(key))).toBe(true);
      expect(typeof check.name).toBe("string");
      expect(typeof check.ok).toBe("boolean");
    }
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      expect.objectContaining({
        name: 'Data action "Send Event to Cognigy": request URL',
        expected: "https://endpoint-trial.cognigy.ai/handover/genesysCloudOM",
        actual: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
      }),
    ]);

    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toBe("");
    expect(unreachable.stderr).toContain(`verify: Could not read the org at http://127.0.0.1:${port}`);
    expect(unreachable.stderr).not.toContain("unexpected error");
    expect(unreachable.stderr + unreachable.stdout).not.toContain(DEFAULT_CLIENT.secret);

    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^verify: No stack file .*Pulumi\.missing-org\.yaml for --stack missing-org\. .*stacks found: cli\./);
  });

  it("without options, Cognigy's endpoint answering 500 fails verify through the probe, before any workflow's call has failed", async () => {
    const [org, cognigy] = await Promise.all([startOrg(), startRecorder()]);
    try {
      cognigy.reply = { status: 500, body: '{"error":"unavailable"}' };
      await deployed(org, "cognigy-down", { "cognigy:endpointUrl": cognigy.url });
      fs.writeFileSync(path.join(dir, "Pulumi.cognigy-down.yaml"), `config:\n  genesyscloud:apiUrl: ${org.url}\n  cognigy:endpointUrl: ${cognigy.url}\n`);
      const down = await verify(["--stack", "cognigy-down"]);
      expect(down.code, down.stderr).toBe(1);
      const failed = down.stdout.split("\n").filter((line) => line.startsWith("FAIL"));
      expect(failed).toEqual(['FAIL  Data action "Send Event to Cognigy": probe (test call to Cognigy)']);
      expect(down.stdout).toContain("actual:   unreachable, 5xx or timeout (500)");
      expect(cognigy.received).toHaveLength(1);
    } finally {
      await Promise.all([org.close(), cognigy.close()]);
    }
  });
});
