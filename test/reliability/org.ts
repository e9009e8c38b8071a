// One emulated org with the other team's objects and an engine running the real stack program
// against it (kept processes: these tests run many `up`s).
import * as os from "os";
import * as path from "path";
import { DEFAULT_CLIENT, type Emulator, type StateDump, startEmulator } from "../../emulator/index";
import { LocalEngine } from "../../tools/engine/local-engine";
import { seedUnrelated } from "../../tools/reliability/seed";
import { SUITE_LIMITS } from "../../tools/reliability/suite";

export const projectDir = path.join(__dirname, "..", "..");
export const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];

export interface TestOrg {
  emulator: Emulator;
  engine: LocalEngine;
  seeded: Set<string>;
  baseline: StateDump;
  close(): Promise<void>;
}

export function stackConfig(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "genesyscloud:oauthClientId": DEFAULT_CLIENT.id,
    "genesyscloud:oauthClientSecret": DEFAULT_CLIENT.secret,
    "genesyscloud:apiUrl": apiUrl,
    "cognigy:endpointUrl": "http://127.0.0.1:9/a",
    ...extra,
  };
}

/** `apiUrl(emulator)` picks the URL the providers use (the emulator, or a proxy in front of it). */
export async function openOrg(stack: string, apiUrl: (emulator: Emulator) => Promise<string> | string = (e) => e.url): Promise<TestOrg> {
  const emulator = await startEmulator({ jobMs: 50 });
  const seeded = await seedUnrelated(emulator, DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret);
  const baseline = emulator.state();
  const engine = new LocalEngine({
    programPath: "stacks/index.ts",
    project: "cognigy",
    stack,
    projectDir,
    config: stackConfig(await apiUrl(emulator)),
    secretKeys: SECRET_KEYS,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GENESYSCLOUD_"))), ...SUITE_LIMITS },
    keepHost: true,
    keepProgramProcess: true,
    compileCacheDir: path.join(os.tmpdir(), "cognigy-engine-compile-cache"),
  });
  return {
    emulator,
    engine,
    seeded,
    baseline,
    async close() {
      await engine.close();
      await emulator.close();
    },
  };
}
