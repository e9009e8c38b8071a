// The OAuth client secret never appears in what the real CLI leaves or shows: the state file,
// `pulumi stack export`, the stack's config file (encrypted there), the output of preview --diff,
// up, refresh and destroy (what a pull request comment shows, retry lines included), error
// messages, or the emulator's request log (which records the login by client id) — whether it
// came from secret stack config or from the environment. A refused login names the client id,
// never the secret.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { SUITE_LIMITS } from "../../dev/reliability/org";
import { TestStack, testEnv } from "../support/stack";

const CLIENT_ID = "security-client-7c1e";
const SECRET = "s3cr3t-Zq8vX2-never-print-me";
const WRONG_SECRET = "wr0ng-Pk4mT9-never-print-me-either";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ jobMs: 50, clients: [{ id: CLIENT_ID, secret: SECRET }] });
});
afterAll(async () => emulator.close());

async function stackFor(name: string, secret: string, from: "config" | "env"): Promise<TestStack> {
  const config: Record<string, string> = {
    "genesyscloud:apiUrl": emulator.url,
    "genesyscloud:oauthClientId": CLIENT_ID,
    "cognigy:endpointUrl": "http://127.0.0.1:9/a",
    "cognigy:integrationName": `Integration ${name}`,
    "cognigy:dataActionName": `Action ${name}`,
    "cognigy:workflowNameAcw": `Workflow acw ${name}`,
    "cognigy:workflowNameUserEnd": `Workflow user end ${name}`,
    "cognigy:triggerNameAcw": `Trigger acw ${name}`,
    "cognigy:triggerNameUserEnd": `Trigger user end ${name}`,
  };
  const env: NodeJS.ProcessEnv = { ...testEnv(), ...SUITE_LIMITS };
  if (from === "config") config["genesyscloud:oauthClientSecret"] = secret;
  else env.GENESYSCLOUD_OAUTHCLIENT_SECRET = secret;
  return TestStack.create({ stack: name, config, secretKeys: from === "config" ? ["genesyscloud:oauthClientSecret"] : [], env });
}

/** Everything a user, a log or a pull request comment could see of a stack. */
async function visible(stack: TestStack, ...more: unknown[]): Promise<string> {
  const files = [stack.checkpointFile, path.join(stack.workDir, `Pulumi.${stack.stack}.yaml`)].filter((f) => fs.existsSync(f));
  return [
    ...files.map((f) => fs.readFileSync(f, "utf8")),
    JSON.stringify(await stack.exportState()),
    JSON.stringify(emulator.log()),
    ...more.map((m) => (typeof m === "string" ? m : JSON.stringify(m))),
  ].join("\n");
}

const shown = (e: unknown) => (e instanceof StackRunError ? [e.message, e.stdout, e.stderr] : [String(e)]);

describe.each(["config", "env"] as const)("client secret from %s", (from) => {
  it("never shows in state, export, config file, output, retry lines, errors or the request log over preview, up, refresh and destroy", async () => {
    const stack = await stackFor(`sec-${from}`, SECRET, from);
    try {
      const seen: string[] = [];
      seen.push(await visible(stack, await stack.preview({ diff: true })));
      // Faults make the providers retry (lines in the output) and give up once (an error message).
      emulator.injectFaults([
        { route: "POST /api/v2/integrations", kind: "503", count: 2 },
        { route: "POST /api/v2/integrations/actions", kind: "429", count: 1, retryAfterSeconds: 1 },
      ]);
      const up = await stack.up();
      expect(up.stdout).toMatch(/attempt 1 failed \(503/);
      seen.push(await visible(stack, up));
      emulator.injectFaults({ route: "GET /api/v2/processautomation/triggers/{triggerId}", kind: "500", count: 60 });
      const refreshFailure = await stack.refresh().catch((err: unknown) => err);
      expect(refreshFailure).toBeInstanceOf(StackRunError);
      expect((refreshFailure as StackRunError).message).toMatch(/Read trigger failed after \d+ attempts/);
      seen.push(await visible(stack, ...shown(refreshFailure)));
      emulator.clearFaults();
      seen.push(await visible(stack, await stack.refresh()));
      seen.push(await visible(stack, await stack.destroy()));
      const text = seen.join("\n");
      expect(text).toContain("cognigy-genesys:index:Integration");
      expect(text).toContain(`"clientId":"${CLIENT_ID}"`);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64"));
    } finally {
      await stack.dispose();
    }
  }, 600_000);

  it("a refused login names the client id and never the secret", async () => {
    const stack = await stackFor(`sec-wrong-${from}`, WRONG_SECRET, from);
    try {
      const failure = (await stack.up().catch((err: unknown) => err)) as StackRunError;
      expect(failure).toBeInstanceOf(StackRunError);
      expect(failure.message).toContain(`refused the login of OAuth client "${CLIENT_ID}"`);
      expect(failure.message).toMatch(/genesyscloud:oauthClientSecret|GENESYSCLOUD_OAUTHCLIENT_SECRET/);
      const text = await visible(stack, ...shown(failure));
      expect(text).not.toContain(WRONG_SECRET);
      expect(text).not.toContain(SECRET);
      expect(emulator.state().integrations.filter((i) => i.name === `Integration sec-wrong-${from}`)).toEqual([]);
    } finally {
      await stack.dispose();
    }
  }, 900_000);
});
