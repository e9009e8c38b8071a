// One verify run: expected configuration, the org read through the project's API layer, the
// comparison, and the optional probe of Cognigy's endpoint.
import { GenesysApi } from "../../providers/genesys-api";
import type { Target } from "../../providers/target";
import { stackMarker } from "../../providers/version";
import type { StackSettings } from "../../stacks/config";
import { compareSetup } from "./compare";
import { expectedSetup } from "./expected";
import { LiveOrg, readLiveOrg } from "./live";
import { ActionTestResult, classifyProbe, probeInput, probeRow } from "./probe";
import type { CheckRow } from "./rows";

/** The org could not be read (refused login, no answer, an API error): exit code 2. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

export interface VerifyOptions {
  readonly settings: StackSettings;
  readonly target: Target;
  readonly stack: string;
  /** Pulumi.yaml `name`. */
  readonly project: string;
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
  const setup = expectedSetup(options.settings);
  progress(`checking ${target.apiUrl} for stack ${options.stack}`);
  let live: LiveOrg;
  try {
    live = await readLiveOrg(api, setup, progress);
  } catch (err) {
    throw new ConnectionError(hide(`Could not read the org at ${target.apiUrl}: ${err instanceof Error ? err.message : String(err)}`));
  }
  const rows = compareSetup(setup, live, { stack: options.stack, marker: stackMarker(options.project, options.stack) });
  if (options.probe) rows.push(await probe(api, setup.dataActionName, setup.requestUrl, setup.inputSchema, live, progress, hide));
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
    const result = await api.call<ActionTestResult>(`Test data action ${action.id}`, (a) => a.integrations.postIntegrationsActionTest(action.id, probeInput(inputSchema)));
    return probeRow(actionName, requestUrl, classifyProbe(result ?? {}));
  } catch (err) {
    return probeRow(actionName, requestUrl, { kind: "failed", message: hide(err instanceof Error ? err.message : String(err)) });
  }
}
