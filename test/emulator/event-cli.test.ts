// The event command line: flags to the event it publishes, and one real run against an
// emulator that prints the execution log.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { parseEventArgs, UsageError } from "../../dev/emulator/event-cli";
import { type Recorder, startRecorder } from "./cognigy-receiver";
import { handoverOrg } from "./handover-org";
import { login } from "./sdk";

const URL = "http://127.0.0.1:4555";

describe("event flags", () => {
  it("a short topic with a sample Open Messaging event by default, or a voice one", () => {
    const acw = parseEventArgs(["--url", URL, "--topic", "acw"]);
    expect(acw).toMatchObject({ url: URL, topic: "v2.detail.events.conversation.{id}.acw", json: false, event: { mediaType: "MESSAGE", messageType: "OPEN" } });
    expect(parseEventArgs(["--url", `${URL}/`, "--topic", "v2.detail.events.conversation.abc.user.end", "--channel", "voice", "--json"])).toMatchObject({
      url: URL,
      topic: "v2.detail.events.conversation.abc.user.end",
      json: true,
      event: { mediaType: "VOICE", disconnectType: "client" },
    });
  });

  it("an event given inline or from a file, as is", () => {
    expect(parseEventArgs(["--url", URL, "--topic", "acw", "--event", '{"mediaType":"MESSAGE"}']).event).toEqual({ mediaType: "MESSAGE" });
    expect(parseEventArgs(["--url", URL, "--topic", "acw", "--event", "@e.json"], (p) => (p === "e.json" ? '{"a":1}' : "")).event).toEqual({ a: 1 });
  });

  it.each([
    [[], "missing required flag '--url'"],
    [["--url", "http://example.com:80", "--topic", "acw"], "must be the emulator's loopback URL"],
    [["--url", URL], "missing required flag '--topic'"],
    [["--url", URL, "--topic", "acw", "--channel", "email"], "'--channel email' must be one of open-messaging, voice"],
    [["--url", URL, "--topic", "acw", "--event", "{nope"], "'--event' is not JSON"],
    [["--url", URL, "--topic", "acw", "--event", "[1]"], "must be a JSON object"],
    [["--url", URL, "--topic", "acw", "--event", "{}", "--channel", "voice"], "not both"],
    [["--url", URL, "--topic", "v2.users.presence"], "no sample event for topic 'v2.users.presence'"],
    [["--url", URL, "--url", URL], "given twice"],
    [["--port", "1"], "unknown flag '--port'"],
    [["--url"], "needs a value"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseEventArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseEventArgs(argv as string[])).toThrow(message);
  });
});

describe("npm run emulator:event", () => {
  let emu: Emulator;
  let cognigy: Recorder;
  beforeAll(async () => {
    emu = await startEmulator({ jobMs: 5 });
    cognigy = await startRecorder();
    await handoverOrg(await login(emu.url), cognigy.url);
  });
  afterAll(async () => {
    await emu.close();
    await cognigy.close();
  });

  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["-r", "ts-node/register/transpile-only", "dev/emulator/event-cli.ts", ...args], {
      cwd: join(__dirname, "..", ".."),
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });

  it("publishes a sample event and prints what ran and what Cognigy answered", async () => {
    const { stdout } = await run(["--url", emu.url, "--topic", "user.end"]);
    expect(stdout).toContain('trigger "Trigger conversation.id.user.end": fired → workflow "Workflow conversation.id.user.end" version 1.0: Completed');
    expect(stdout).toContain(`callData "Send Event to Cognigy" → success`);
    expect(stdout).toContain(`POST ${cognigy.url}/handover/genesysCloudOM {"userId":"cognigy-session-`);
    expect(stdout).toContain("← HTTP 200");
    expect(cognigy.received).toHaveLength(1);
  });

  it("an event the emulator refuses exits 1 with its message", async () => {
    const err = await run(["--url", emu.url, "--topic", "acw", "--event", '{"colour":"red"}']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown property 'colour'") });
  });
});
