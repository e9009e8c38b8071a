// The OAuth client secret never appears in state (inputs, outputs, the serialized providers),
// stack outputs, the state file, error messages, the provider host's stderr (retry lines
// included) or the program's output — whether it came from secret stack config or from the
// environment. A refused login names the client id, never the secret.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/index";
import { LocalEngine, LocalEngineError } from "../../tools/engine/local-engine";
import { SUITE_LIMITS } from "../../tools/reliability/suite";

const projectDir = path.join(__dirname, "..", "..");
const CLIENT_ID = "security-client-7c1e";
const SECRET = "s3cr3t-Zq8vX2-never-print-me";
const WRONG_SECRET = "wr0ng-Pk4mT9-never-print-me-either";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ jobMs: 50, clients: [{ id: CLIENT_ID, secret: SECRET }] });
});
afterAll(async () => emulator.close());

const baseEnv = () => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GENESYSCLOUD_"))), ...SUITE_LIMITS });

function engine(stack: string, secret: string, from: "config" | "env"): { engine: LocalEngine; stateFile: string } {
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `secrets-${stack}-`)), "state.json");
  const config: Record<string, string> = {
    "genesyscloud:apiUrl": emulator.url,
    "cognigy:endpointUrl": "http://127.0.0.1:9/a",
    "cognigy:integrationName": `Integration ${stack}`,
    "cognigy:dataActionName": `Action ${stack}`,
    "cognigy:workflowNameAcw": `Workflow acw ${stack}`,
    "cognigy:workflowNameUserEnd": `Workflow user end ${stack}`,
    "cognigy:triggerNameAcw": `Trigger acw ${stack}`,
    "cognigy:triggerNameUserEnd": `Trigger user end ${stack}`,
  };
  const env: NodeJS.ProcessEnv = { ...baseEnv(), GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT_ID };
  if (from === "config") config["genesyscloud:oauthClientSecret"] = secret;
  else env.GENESYSCLOUD_OAUTHCLIENT_SECRET = secret;
  const e = new LocalEngine({
    programPath: "stacks/index.ts",
    project: "cognigy",
    stack,
    projectDir,
    config,
    secretKeys: from === "config" ? ["genesyscloud:oauthClientSecret"] : [],
    env,
    stateFile,
    secretsPassphrase: "state-passphrase",
  });
  return { engine: e, stateFile };
}

/** Everything a user or a log could see of a run. */
function visible(e: LocalEngine, stateFile: string, ...more: unknown[]): string {
  return [JSON.stringify(e.stackState), fs.readFileSync(stateFile, "utf8"), e.hostStderr, e.programOutput, ...more.map((m) => (typeof m === "string" ? m : JSON.stringify(m)))].join("\n");
}

describe.each(["config", "env"] as const)("client secret from %s", (from) => {
  it("never shows in state, outputs, the state file, retry lines or errors over up, refresh and destroy", async () => {
    const { engine: e, stateFile } = engine(`sec-${from}`, SECRET, from);
    // Faults make the providers retry (stderr lines) and give up once (an error message).
    emulator.injectFaults([
      { route: "POST /api/v2/integrations", kind: "503", count: 2 },
      { route: "POST /api/v2/integrations/actions", kind: "429", count: 1, retryAfterSeconds: 1 },
      { route: "GET /api/v2/processautomation/triggers/{triggerId}", kind: "500", count: 40 },
    ]);
    const up = await e.up();
    const seen: string[] = [visible(e, stateFile, up)];
    expect(e.hostStderr).toMatch(/attempt 1 failed \(503/);
    const refreshFailure = (await e.refresh().catch((err: unknown) => err)) as LocalEngineError;
    expect(refreshFailure).toBeInstanceOf(LocalEngineError);
    expect(refreshFailure.message).toMatch(/Read trigger failed after \d+ attempts/);
    seen.push(visible(e, stateFile, refreshFailure.message, refreshFailure.failures, refreshFailure.hostStderr));
    emulator.clearFaults();
    seen.push(visible(e, stateFile, await e.refresh()));
    seen.push(visible(e, stateFile, await e.destroy()));
    const text = seen.join("\n");
    expect(text).toContain("__provider");
    expect(text).not.toContain(SECRET);
  });

  it("a refused login names the client id and never the secret", async () => {
    const { engine: e, stateFile } = engine(`sec-wrong-${from}`, WRONG_SECRET, from);
    const failure = (await e.up().catch((err: unknown) => err)) as LocalEngineError;
    expect(failure).toBeInstanceOf(LocalEngineError);
    expect(failure.message).toContain(`refused the login of OAuth client "${CLIENT_ID}"`);
    expect(failure.message).toMatch(/genesyscloud:oauthClientSecret|GENESYSCLOUD_OAUTHCLIENT_SECRET/);
    const text = visible(e, stateFile, failure.message, failure.failures, failure.hostStderr, failure.result);
    expect(text).not.toContain(WRONG_SECRET);
    expect(text).not.toContain(SECRET);
    expect(emulator.state().integrations.filter((i) => i.name === `Integration sec-wrong-${from}`)).toEqual([]);
  });
});
