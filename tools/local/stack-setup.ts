// What `npm run local` hands to the Pulumi CLI: the environment and the sequence of commands.
// Pure, so the exact invocations are tested without ever running Pulumi.
import * as path from "path";
import { pathToFileURL } from "url";
import { SETTINGS } from "../../providers/target";
import { LocalCommand } from "./args";

// Protects only the local stack's secret, which is the emulator's throwaway client secret; a
// fixed value lets every later run open the same stack.
export const LOCAL_PASSPHRASE = "local-emulator-only";
export const LOCAL_CLIENT_ID = "local-handover";

export interface LocalPaths {
  /** Pulumi file backend (state of the local stack only). */
  backend: string;
  emulatorState: string;
  emulatorLog: string;
  receiverPort: string;
}

export function localPaths(dir: string): LocalPaths {
  return {
    backend: path.join(dir, "state"),
    emulatorState: path.join(dir, "emulator-state.json"),
    emulatorLog: path.join(dir, "emulator.log"),
    receiverPort: path.join(dir, "receiver-port"),
  };
}

// Variables that would steer Pulumi or the providers elsewhere: another backend or secrets
// provider, or a real Genesys org. The local run must only ever reach the emulator.
const STRIPPED = [
  "PULUMI_BACKEND_URL",
  "PULUMI_ACCESS_TOKEN",
  "PULUMI_CONFIG_PASSPHRASE",
  "PULUMI_CONFIG_PASSPHRASE_FILE",
  ...Object.values(SETTINGS).map(([, envName]) => envName),
];

export function pulumiEnv(base: NodeJS.ProcessEnv, paths: LocalPaths): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!STRIPPED.includes(key)) env[key] = value;
  env.PULUMI_BACKEND_URL = pathToFileURL(paths.backend).href;
  env.PULUMI_CONFIG_PASSPHRASE = LOCAL_PASSPHRASE;
  // The update check is a call to the internet that a local run does not need.
  env.PULUMI_SKIP_UPDATE_CHECK = "true";
  return env;
}

export interface LocalTargets {
  emulatorUrl: string;
  receiverUrl: string;
}

export interface PulumiStep {
  args: string[];
  /** Sent on stdin, so the value is never on a command line. */
  stdin?: string;
}

export function pulumiSteps(command: LocalCommand, stack: string, targets: LocalTargets, clientSecret: string): PulumiStep[] {
  const plaintext: [string, string][] = [
    [SETTINGS.apiUrl[0], targets.emulatorUrl],
    [SETTINGS.clientId[0], LOCAL_CLIENT_ID],
    ["cognigy:endpointUrl", targets.receiverUrl],
  ];
  const setup: PulumiStep[] = [
    { args: ["stack", "select", stack, "--create", "--non-interactive"] },
    { args: ["config", "set-all", "--stack", stack, ...plaintext.flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])] },
    { args: ["config", "set", "--stack", stack, "--secret", SETTINGS.clientSecret[0]], stdin: clientSecret },
  ];
  switch (command) {
    case "up":
      return [...setup, { args: ["up", "--stack", stack, "--yes"] }, { args: ["stack", "output", "--stack", stack, "--json"] }];
    case "preview":
      return [...setup, { args: ["preview", "--stack", stack] }];
    case "destroy":
      return [...setup, { args: ["destroy", "--stack", stack, "--yes"] }];
  }
}

/** A step as the user could retype it; stdin values are shown as such, never printed. */
export function describeStep(step: PulumiStep): string {
  return `pulumi ${step.args.join(" ")}${step.stdin === undefined ? "" : " < (value on stdin)"}`;
}
