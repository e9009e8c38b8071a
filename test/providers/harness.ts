// Shared set-up for provider tests against the emulator: short retry bounds, a configure
// request built from stack-config-like values, and the serialize → require round trip (with the
// check that the text holds no credential).
import * as pulumi from "@pulumi/pulumi";
import requireFromString from "require-from-string";
import { expect } from "vitest";
import { DEFAULT_DATA_ACTION_NAME, DEFAULT_INTEGRATION_NAME } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import { DEFAULT_CLIENT, Emulator, startEmulator } from "../../dev/emulator/index";
import { DataActionInputs, DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import inputContract from "../../templates/input-contract.json";
import { emulatorConfig } from "../support/stack";

export const MARKER = "cognigy-genesys-handover cognigy-genesys-handover/test";

/** An integration's inputs as the one webhook provider gets them (its `kind` routes the call). */
export const WEBHOOK_INTEGRATION_INPUTS = { kind: "Integration", name: "Cognigy Handover", notes: "", enabled: true, adopt: false, managedBy: MARKER, providerVersion: "0.1.0" };

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

export function configureRequest(config: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  return {
    config: {
      get: (key: string) => config[key],
      require: (key: string) => {
        const value = config[key];
        if (value === undefined) throw new Error(`missing ${key}`);
        return value;
      },
    },
  };
}

export async function emulator(): Promise<Emulator> {
  return startEmulator({ jobMs: 100 });
}

/**
 * What Pulumi stores in `__provider` and the provider host re-loads: the provider is serialized
 * fresh (as the Resource constructor does) and evaluated from text.
 */
export async function roundTrip<P extends object>(provider: P): Promise<{ provider: P; text: string; containsSecrets: boolean }> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const loaded = requireFromString(serialized.text, __filename) as { handler: () => P };
  return { provider: loaded.handler(), text: serialized.text, containsSecrets: serialized.containsSecrets };
}

/**
 * The provider as the provider host re-loads it, its text checked to hold no credential: nothing
 * Pulumi would have to keep secret, neither the emulator's client secret nor its client id.
 */
export async function reloadedWithoutCredentials<P extends object>(provider: P): Promise<P> {
  return (await checkedRoundTrip(provider)).provider;
}

async function checkedRoundTrip<P extends object>(provider: P): Promise<{ provider: P; text: string }> {
  const { provider: reloaded, text, containsSecrets } = await roundTrip(provider);
  expect(containsSecrets).toBe(false);
  expect(text).not.toContain(DEFAULT_CLIENT.secret);
  expect(text).not.toContain(DEFAULT_CLIENT.id);
  return { provider: reloaded, text };
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
  const config = configureRequest(stackConfig(emulatorInstance));
  const integrations = new IntegrationProvider();
  await integrations.configure(config);
  const integration = await integrations.create({
    name: DEFAULT_INTEGRATION_NAME, notes: "", enabled: true, adopt: false, managedBy: MARKER, providerVersion: "0.1.0",
  });
  const actions = new DataActionProvider();
  await actions.configure(config);
  const checked = await actions.check({}, {
    name: DEFAULT_DATA_ACTION_NAME,
    category: DEFAULT_INTEGRATION_NAME,
    integrationId: integration.id,
    inputSchema: inputContract,
    outputSchema: { type: "object", properties: {}, additionalProperties: true },
    requestUrlTemplate: "https://endpoint.example/handover",
    managedBy: MARKER,
    providerVersion: "0.1.0",
  });
  const action = await actions.create(checked.inputs as DataActionInputs);
  return { integrationId: integration.id, actionId: action.id };
}

/** The project's own workflow YAML for one event, rendered for the emulator's Archy checks. */
export function workflowYaml(workflowName: string, topic = "v2.detail.events.conversation.id.acw", dataActionName = DEFAULT_DATA_ACTION_NAME): string {
  return renderWorkflowYaml({ workflowName, division: "Home", integrationName: DEFAULT_INTEGRATION_NAME, dataActionName, topic });
}
