/**
 * `cognigy:mode`: which end-detection method the stack deploys. `both` exists for the overlap
 * while Cognigy support verifies the EventBridge setup, so no handover end is missed.
 */
export const COGNIGY_MODES = ["webhooks", "eventbridge", "both"] as const;

export type CognigyMode = (typeof COGNIGY_MODES)[number];

export const DEFAULT_MODE: CognigyMode = "webhooks";

/** Problem with a `cognigy:mode` value (and its fix), or undefined when it names a mode. */
export function cognigyModeProblem(value: string): string | undefined {
  if ((COGNIGY_MODES as readonly string[]).includes(value.trim().toLowerCase())) return undefined;
  return (
    `is not a mode; set one of ${COGNIGY_MODES.join(", ")} (e.g. \`pulumi config set cognigy:mode both\`), ` +
    `or remove it for ${DEFAULT_MODE}`
  );
}

/** The mode a `cognigy:mode` value names (unset or blank: the default); throws naming the key and the fix. */
export function parseCognigyMode(value: string | undefined): CognigyMode {
  if (value === undefined || value.trim() === "") return DEFAULT_MODE;
  const problem = cognigyModeProblem(value);
  if (problem) throw new Error(`cognigy:mode = ${JSON.stringify(value)} ${problem}`);
  return value.trim().toLowerCase() as CognigyMode;
}

/** Whether the mode keeps the integration, data action, workflows and triggers. */
export function usesWebhooks(mode: CognigyMode): boolean {
  return mode !== "eventbridge";
}

/** Whether the mode deploys the Amazon EventBridge Source integration (and, self-hosted, the AWS side). */
export function usesEventBridge(mode: CognigyMode): boolean {
  return mode !== "webhooks";
}
