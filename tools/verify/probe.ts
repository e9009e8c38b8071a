// `--probe`: the data action's test endpoint really calls Cognigy once with dummy values. A 4xx
// from Cognigy for an unknown user still proves the URL and the action are right.
import type { CheckRow } from "./rows";

export interface ActionTestOperation {
  name?: string;
  success?: boolean;
  error?: { status?: number; message?: string };
}

export interface ActionTestResult {
  success?: boolean;
  operations?: ActionTestOperation[];
  error?: { status?: number; message?: string };
}

export type ProbeOutcome =
  | { kind: "accepted"; note?: string }
  | { kind: "rejected"; status: number; message: string }
  | { kind: "unreachable"; status?: number; message: string }
  | { kind: "not-sent"; step: string; message: string };

// Genesys names the step that sends the request "Execute …"; steps before it only render.
const EXECUTE_STEP = /execute/i;

/** Pure: which of the outcomes the test result shows. */
export function classifyProbe(result: ActionTestResult): ProbeOutcome {
  const operations = result.operations ?? [];
  const failedAt = operations.findIndex((operation) => operation.success === false);
  const executeAt = operations.findIndex((operation) => EXECUTE_STEP.test(operation.name ?? ""));
  if (result.success === true) return { kind: "accepted" };
  const failed = failedAt >= 0 ? operations[failedAt] : undefined;
  const message = failed?.error?.message ?? result.error?.message ?? "no message";
  if (failed && executeAt >= 0 && failedAt < executeAt) return { kind: "not-sent", step: failed.name ?? `step ${failedAt + 1}`, message };
  if (failed && executeAt >= 0 && failedAt > executeAt) {
    return { kind: "accepted", note: `Cognigy answered 2xx; handling its answer then failed at "${failed.name}": ${message}` };
  }
  const status = failed?.error?.status ?? result.error?.status;
  if (status !== undefined && status >= 400 && status < 500) return { kind: "rejected", status, message };
  return { kind: "unreachable", status, message };
}

/** Dummy values for every property of the input contract (the guide tests with `123`). */
export function probeInput(inputSchema: Record<string, unknown>): Record<string, string> {
  const properties = (inputSchema.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(properties).map((name) => [name, "cognigy-verify-probe"]));
}

export function probeRow(actionName: string, requestUrl: string, outcome: ProbeOutcome | { kind: "failed"; message: string }): CheckRow {
  const name = `Data action "${actionName}": probe (test call to Cognigy)`;
  const expected = "Cognigy's endpoint reachable";
  switch (outcome.kind) {
    case "accepted":
      return { name, ok: true, actual: `reachable and accepted${outcome.note ? ` (${outcome.note})` : ""}` };
    case "rejected":
      return {
        name,
        ok: true,
        actual: `reachable, rejected the dummy data with HTTP ${outcome.status}: the configuration is fine, Cognigy did not know the dummy user`,
      };
    case "unreachable":
      return {
        name,
        ok: false,
        expected,
        actual: `unreachable, 5xx or timeout${outcome.status !== undefined ? ` (${outcome.status})` : ""}: ${outcome.message}`,
        hint: `Either the URL ${requestUrl} is wrong (check cognigy:endpointDomain / cognigy:endpointUrl and the request URL row) or Cognigy is down; try again later if the URL is right.`,
      };
    case "not-sent":
      return {
        name,
        ok: false,
        expected,
        actual: `the test stopped before sending, at "${outcome.step}": ${outcome.message}`,
        hint: "The action's contract or URL template is broken: see the data action rows above.",
      };
    case "failed":
      return {
        name,
        ok: false,
        expected,
        actual: `the test call failed: ${outcome.message}`,
        hint: "The OAuth client's role needs integrations:action:execute to run the test (docs/onboarding.md).",
      };
  }
}
