// Shared set-up for provider tests against the emulator: short retry bounds, and a kind's provider
// withClient by one Genesys client made from stack-config-like values, as the plugin serves it.
import { expect } from "vitest";
import { DEFAULT_DATA_ACTION_NAME, DEFAULT_INTEGRATION_NAME } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { DataActionInputs, DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { readSettings } from "../../providers/genesys/settings";
import type { GenesysApi } from "../../providers/genesys/transport";
import { connect } from "../../providers/provider-base";
import inputContract from "../../templates/input-contract.json";
import { emulatorConfig } from "../support/stack";

export const MARKER = "cognigy-genesys-handover cognigy-genesys-handover/test";

/** Stack config as `configure` sees it: short bounds so fault tests stay quick. */
export function stackConfig(emulator: Emulator, overrides: Record<string, string> = {}): Record<string, string> {
  return emulatorConfig(emulator, {
    "genesyscloud:retryMinWaitMs": "20",
    "genesyscloud:retryMaxWaitMs": "200",
    "genesyscloud:retryMaxTotalMs": "15000",
    "genesyscloud:visibilityTimeoutMs": "8000",
    "genesyscloud:jobTimeoutMs": "20000",
    ...overrides,
  });
}

/**
 * `provider` withClient by one Genesys client made from `config` (stack config keys) over the
 * environment, as the plugin gives its kinds one client per provider instance; made at the first call.
 */
export function withClient<P extends { useClient(client: () => GenesysApi): unknown }>(provider: P, config: Record<string, string>): P {
  let api: GenesysApi | undefined;
  provider.useClient(() => (api ??= connect(readSettings((key) => config[key], "config"))));
  return provider;
}

export async function emulator(): Promise<Emulator> {
  return startEmulator({ jobMs: 100 });
}

/**
 * How every provider's lifecycle ends: delete removes the object from the emulator (`left` lists
 * what remains of its kind), a second delete of the gone object succeeds, and read finds nothing.
 */
export async function expectIdempotentDelete<O>(
  provider: { delete(id: string, props: O): Promise<void>; read(id: string, props: O): Promise<unknown> },
  id: string,
  outs: O,
  left: () => unknown[],
): Promise<void> {
  await provider.delete(id, outs);
  expect(left()).toEqual([]);
  await provider.delete(id, outs);
  expect(await provider.read(id, outs)).toEqual({});
}

/** Runs `fn`, returns how long it took in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Integration + data action as the handover stack makes them, so workflow YAML resolves. */
export async function handoverBase(emulatorInstance: Emulator): Promise<{ integrationId: string; actionId: string }> {
  const config = stackConfig(emulatorInstance);
  const integrations = withClient(new IntegrationProvider(), config);
  const integration = await integrations.create({
    name: DEFAULT_INTEGRATION_NAME, notes: "", enabled: true, adopt: false, managedBy: MARKER,
  });
  const actions = withClient(new DataActionProvider(), config);
  const checked = await actions.check({}, {
    name: DEFAULT_DATA_ACTION_NAME,
    category: DEFAULT_INTEGRATION_NAME,
    integrationId: integration.id,
    inputSchema: inputContract,
    outputSchema: { type: "object", properties: {}, additionalProperties: true },
    requestUrlTemplate: "https://endpoint.example/handover",
    managedBy: MARKER,
  });
  const action = await actions.create(checked.inputs as DataActionInputs);
  return { integrationId: integration.id, actionId: action.id };
}

/** The project's own workflow YAML for one event, rendered for the emulator's Archy checks. */
export function workflowYaml(workflowName: string, topic = "v2.detail.events.conversation.id.acw", dataActionName = DEFAULT_DATA_ACTION_NAME): string {
  return renderWorkflowYaml({ workflowName, division: "Home", integrationName: DEFAULT_INTEGRATION_NAME, dataActionName, topic });
}
