// `npm run local` as a newcomer runs it, then `npm run local -- destroy`: the real CLI deploys to
// the emulator, prints the outputs and the rehearsal, and the teardown reaches the same emulator
// again (destroy uses the provider config the up recorded: same port, same client).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, expect, it } from "vitest";
import { testEnv } from "../support/stack";

const ROOT = path.join(__dirname, "..", "..");
const STACK_FILE = path.join(ROOT, "Pulumi.local.yaml");
const hadStackFile = fs.existsSync(STACK_FILE);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-local-"));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (!hadStackFile) fs.rmSync(STACK_FILE, { force: true });
});

function local(...args: string[]) {
  const run = spawnSync("npm", ["run", "--silent", "local", "--", ...args, "--dir", dir], { cwd: ROOT, env: testEnv(), encoding: "utf8", timeout: 600_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

it("deploys, prints outputs and a passing rehearsal, and tears down again", () => {
  const up = local();
  expect(up.code, up.out).toBe(0);
  expect(up.out).toMatch(/Pulumi CLI: /);
  // The stack, the component, its identity and the six Genesys objects.
  expect(up.out).toContain("+ 10 created");
  expect(up.out).toMatch(/"requestUrl": "http:\/\/127\.0\.0\.1:\d+\/handover\/genesysCloudOM"/);
  expect(up.out.match(/^ok {3}(AfterCallWorkEvent|UserEndEvent), Open Messaging: POST /gm)).toHaveLength(2);
  expect(up.out.match(/^ok {3}\w+, voice call: nothing sent to Cognigy/gm)).toHaveLength(2);
  expect(up.out).toContain("npm run local -- destroy");

  const down = local("destroy");
  expect(down.code, down.out).toBe(0);
  expect(down.out).toContain("- 10 deleted");
  const emulatorState = JSON.parse(fs.readFileSync(path.join(dir, "emulator-state.json"), "utf8"));
  expect([...emulatorState.integrations, ...emulatorState.actions, ...emulatorState.flows, ...emulatorState.triggers]).toEqual([]);
}, 900_000);
