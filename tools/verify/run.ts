// One verify run: expected configuration, the org read through the project's API layer, the
// comparison, and the optional probe of Cognigy's endpoint.
import * as actions from "../../providers/genesys/actions";
import { GenesysApi } from "../../providers/genesys/transport";
import { homeDivisionName } from "../../providers/workflow";
import type { Target } from "../../providers/genesys/settings";
import { stackMarker } from "../../domain/marker";
import { usesWebhooks } from "../../domain/modes";
import { newWebhookObjectRefusal } from "../../domain/cognigy-version";
import type { StackPlan, StackSettings } from "../../stacks/config";
import { compareSetup } from "./compare";
import { identityRow, markedObjects } from "./identity";
import { type LiveEventBridge, eventBridgeRows, expectedEventBridge, readEventBridge } from "./eventbridge";
import { failedCallsRow } from "./failures";
import { missingPermissions, permissionRow, permissionsToCheck } from "./permissions";
import { expectedSetup } from "./expected";
import { LiveOrg, readLiveOrg } from "./live";
import { ActionTestResult, classifyProbe, probeInput, probeRow } from "./probe";
import { CheckRow, fail } from "./rows";

/** The org could not be read (refused login, no answer, an API error): exit code 2. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

export interface VerifyOptions {
  readonly settings: StackSettings;
  /** Which sides to check; default the webhook objects only. */
  readonly plan?: StackPlan;
  readonly target: Target;
  readonly stack: string;
  /** Pulumi.yaml `name`. */
  readonly project: string;
  /** The stack's identity (`--identity`), which tells its objects from a same-named stack's. */
  readonly identity?: string;
  readonly probe: boolean;
  /** Progress lines (stderr in the command line). */
  readonly progress: (line: string) => void;
}

export async function runVerify(options: VerifyOptions): Promise<CheckRow[]> {
  const { target, progress } = options;
  const hide = (text: string) => (target.clientSecret ? text.split(target.clientSecret).join("***") : text);
  const api = new GenesysApi(target, {
    onRetry: (label, failure, attempt, waitMs) =>
      progress(hide(`${label}: attempt ${attempt} failed (${failure.status ?? "network"}: ${failure.message}); retrying in ${waitMs} ms`)),
  });
  const mode = options.plan?.mode ?? "webhooks";
  const ctx = {
    stack: options.stack,
    marker: stackMarker(options.project, options.stack),
    identity: options.identity,
    createRefusal: newWebhookObjectRefusal(options.plan?.version),
  };
  const read = async <T>(what: () => Promise<T>): Promise<T> => {
    try {
      return await what();
    } catch (err) {
      throw new ConnectionError(hide(`Could not read the org at ${target.apiUrl}: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  progress(`checking ${target.apiUrl} for stack ${options.stack} (cognigy:mode ${mode})`);
  const rows: CheckRow[] = [];
  // First what the client may do: a missing permission would otherwise end verify at its first 403.
  const wanted = permissionsToCheck(mode);
  const missing = await read(() => missingPermissions(api, wanted));
  rows.push(permissionRow(target.clientId, wanted, missing));
  if (missing.length > 0) return rows;
  // What carries a marker, for the identity row once both sides are read.
  let live: LiveOrg | undefined;
  let eventBridgeFound: { name: string; found: LiveEventBridge[] } | undefined;
  // In eventbridge mode the webhook objects are gone on purpose: they are not expected.
  if (usesWebhooks(mode)) {
    // Unset cognigy:division means the org's home division, whatever the org calls it.
    const home = options.settings.division ?? (await read(() => homeDivisionName(api)));
    const setup = expectedSetup(options.settings, home);
    live = await read(() => readLiveOrg(api, setup, progress));
    rows.push(...compareSetup(setup, live, ctx));
    // Before the probe: the probe's own test call is never among the calls read.
    progress("reading the data action's failed calls");
    rows.push(await failedCallsRow(api, setup, live, new Date(), hide));
    if (options.probe) rows.push(await probe(api, setup.dataActionName, setup.requestUrl, setup.inputSchema, live, progress, hide));
  }
  const eventBridge = options.plan?.eventBridge;
  if (eventBridge && options.plan?.version) {
    const expected = expectedEventBridge(eventBridge, options.plan.version, options.settings.adoptExisting);
    progress("reading the EventBridge integration");
    eventBridgeFound = { name: expected.name, found: await read(() => readEventBridge(api, expected)) };
    rows.push(...eventBridgeRows(expected, eventBridgeFound.found, ctx));
  } else if (eventBridge) {
    rows.push(
      fail(
        "EventBridge integration: cognigy:version",
        "a Cognigy.AI release",
        "not set",
        "The topic filters depend on it (…customer.end from 2025.12, …user.end and …acw before); `pulumi up` refuses this mode without it too: set it, e.g. `pulumi config set cognigy:version 2025.12`.",
      ),
    );
  }
  const identity = identityRow(markedObjects(live, eventBridgeFound), ctx);
  if (identity) rows.push(identity);
  return rows;
}

async function probe(
  api: GenesysApi,
  actionName: string,
  requestUrl: string,
  inputSchema: Record<string, unknown>,
  live: LiveOrg,
  progress: (line: string) => void,
  hide: (text: string) => string,
): Promise<CheckRow> {
  if (live.actions.length !== 1) {
    return probeRow(actionName, requestUrl, { kind: "failed", message: `there is no single data action "${actionName}" to test (see its exists row)` });
  }
  const action = live.actions[0];
  progress(`probing: testing data action ${action.id}, which calls ${action.config?.request?.requestUrlTemplate ?? "its URL"}`);
  try {
    const result = await actions.test<ActionTestResult>(api, action.id, probeInput(inputSchema));
    return probeRow(actionName, requestUrl, classifyProbe(result ?? {}));
  } catch (err) {
    return probeRow(actionName, requestUrl, { kind: "failed", message: hide(err instanceof Error ? err.message : String(err)) });
  }
}
