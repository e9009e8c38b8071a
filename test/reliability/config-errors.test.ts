// Bad stack config (the catalogue of test/unit) run through the engine against the emulator:
// the run fails naming the key, and the emulator's request log shows no write call (in fact no
// call at all). One case per kind of key keeps it quick; the pure tests cover every row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/index";
import { LocalEngine, LocalEngineError } from "../../tools/engine/local-engine";
import { catalogue, withConfig } from "../unit/bad-config-catalogue";
import { projectDir, SECRET_KEYS } from "./org";

const SAMPLE = [
  "domain with a scheme",
  "url: http to a non-loopback host",
  "both domain and url",
  "257-character data action name",
  "workflow name with ': '",
  "api url that is not a URL",
  "513-character trigger description",
  "unknown event",
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(async () => emulator.close());

describe("a config error makes no call to Genesys", () => {
  const rows = catalogue.filter(([name]) => SAMPLE.includes(name));
  it("samples one case per kind of key", () => expect(rows.map(([name]) => name).sort()).toEqual([...SAMPLE].sort()));

  it.each(rows)("%s", async (_case, changes, key, fix) => {
    const config = withConfig({ "genesyscloud:oauthClientId": "emulator-client", "genesyscloud:oauthClientSecret": "emulator-secret", "genesyscloud:region": undefined, "genesyscloud:apiUrl": emulator.url, ...changes });
    emulator.clearLog();
    const engine = new LocalEngine({ programPath: "stacks/index.ts", project: "cognigy", stack: "bad-config", projectDir, config, secretKeys: SECRET_KEYS });
    const failure = (await engine.up().catch((e: unknown) => e)) as LocalEngineError;
    expect(failure).toBeInstanceOf(LocalEngineError);
    expect(failure.message).toContain(key);
    expect(failure.message).toMatch(fix);
    expect(emulator.log().entries).toEqual([]);
    expect(engine.stackState.resources.filter((r) => r.custom)).toEqual([]);
  });
});
