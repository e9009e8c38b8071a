// The stack program (stacks/index.ts) loaded under mocks for one scenario (./registrations.ts),
// and the registrations every webhooks-mode case expects of it.
import { GENESYS_TYPE, STACK_IDENTITY_TYPE } from "../support/state";
import { drain, type ScenarioOptions, settled, startScenario } from "./registrations";

/** The stack's one identity, which the program registers at the stack's top level in every mode. */
export const STACK_IDENTITY = [STACK_IDENTITY_TYPE, "handover-identity"];

/** The stack identity, the webhooks component and its six Genesys objects, as [type, name]. */
export const WEBHOOK_REGISTRATIONS = [
  STACK_IDENTITY,
  ["cognigy:genesyscloud:HandoverWebhooks", "handover"],
  [`${GENESYS_TYPE}Integration`, "handover-integration"],
  [`${GENESYS_TYPE}DataAction`, "handover-data-action"],
  [`${GENESYS_TYPE}Workflow`, "handover-workflow-acw"],
  [`${GENESYS_TYPE}Workflow`, "handover-workflow-user-end"],
  [`${GENESYS_TYPE}Trigger`, "handover-trigger-acw"],
  [`${GENESYS_TYPE}Trigger`, "handover-trigger-user-end"],
];

/**
 * A fresh scenario with `config`, then the program: what it registered and its stack outputs,
 * once every output has settled and the registrations still in flight (self-hosted's lazy
 * import) have reached the monitor.
 */
export async function loadProgram(config: Record<string, string>, options: ScenarioOptions = {}) {
  const { registrations } = await startScenario(config, {}, options);
  const program = await import("../../stacks/index");
  const outputs = await settled({ ...program });
  await drain();
  return { registrations, outputs };
}
