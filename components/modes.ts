/**
 * `cognigy:mode`: which end-detection method the stack deploys. `both` exists for the overlap
 * while Cognigy support verifies the EventBridge setup, so no handover end is missed.
 */
export const COGNIGY_MODES = ["webhooks", "eventbridge", "both"] as const;

export type CognigyMode = (typeof COGNIGY_MODES)[number];

export const DEFAULT_MODE: CognigyMode = "webhooks";

/** The mode a `cognigy:mode` value names (unset or blank: the default); throws on anything else. */
export function parseCognigyMode(value: string | undefined): CognigyMode {
  if (value === undefined || value.trim() === "") return DEFAULT_MODE;
  const mode = (COGNIGY_MODES as readonly string[]).find((m) => m === value.trim().toLowerCase());
  if (mode === undefined) {
    throw new Error(
      `cognigy:mode ${JSON.stringify(value)} is not a mode; set one of ${COGNIGY_MODES.join(", ")} ` +
        `(pulumi config set cognigy:mode eventbridge), or leave it unset for ${DEFAULT_MODE}`,
    );
  }
  return mode as CognigyMode;
}

/** Whether the mode keeps the integration, data action, workflows and triggers. */
export function usesWebhooks(mode: CognigyMode): boolean {
  return mode !== "eventbridge";
}

/** Whether the mode deploys the Amazon EventBridge Source integration (and, self-hosted, the AWS side). */
export function usesEventBridge(mode: CognigyMode): boolean {
  return mode !== "webhooks";
}
