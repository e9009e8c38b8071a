// What `npm run local` hands to the Pulumi CLI: the environment and the stack config. Pure, so
// both are tested without running Pulumi.
import * as path from "path";
import { SETTINGS } from "../../providers/genesys/settings";

// Protects only the local stack's secret, which is the emulator's throwaway client secret; a
// fixed value lets every later run open the same stack.
export const LOCAL_PASSPHRASE = "local-emulator-only";
export const LOCAL_CLIENT_ID = "local-handover";

export interface LocalPaths {
  /** Pulumi file backend (state of the local stack only). */
  backend: string;
  emulatorState: string;
  emulatorLog: string;
  /**
   * The emulator's port and client secret, kept between runs: `pulumi destroy` and `refresh` use
   * the provider config the state recorded at the last `up`, so the emulator must be where it was
   * and accept the same client.
   */
  emulatorPort: string;
  clientSecret: string;
  receiverPort: string;
}

export function localPaths(dir: string): LocalPaths {
  return {
    backend: path.join(dir, "state"),
    emulatorState: path.join(dir, "emulator-state.json"),
    emulatorLog: path.join(dir, "emulator.log"),
    emulatorPort: path.join(dir, "emulator-port"),
    clientSecret: path.join(dir, "client-secret"),
    receiverPort: path.join(dir, "receiver-port"),
  };
}

// Variables that would steer the providers to a real Genesys org: the local run must only ever
// reach the emulator. (ProjectStack replaces the backend and secrets settings itself.)
const STRIPPED: readonly string[] = Object.values(SETTINGS).map(([, envName]) => envName);

export function localEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(base).filter(([key]) => !STRIPPED.includes(key)));
}

export interface LocalTargets {
  emulatorUrl: string;
  receiverUrl: string;
}

/** The local stack's config: the emulator, its throwaway client, the receiver as Cognigy's endpoint. */
export function localConfig(targets: LocalTargets, clientSecret: string): { config: Record<string, string>; secretKeys: string[] } {
  return {
    config: {
      [SETTINGS.apiUrl[0]]: targets.emulatorUrl,
      [SETTINGS.clientId[0]]: LOCAL_CLIENT_ID,
      [SETTINGS.clientSecret[0]]: clientSecret,
      "cognigy:endpointUrl": targets.receiverUrl,
    },
    secretKeys: [SETTINGS.clientSecret[0]],
  };
}
