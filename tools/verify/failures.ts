// Past failed calls to Cognigy: the probe only shows whether the endpoint answers now, while a
// workflow whose call failed (endpoint down last night, flaky, or refusing the real payload) just
// ends and nobody hears of it. Genesys counts every run of a data action in its action analytics
// (providers/genesys/analytics.ts: no setting to turn on, the same data as the Data Actions
// Performance Summary view an admin opens), with the remote status and the error type of each
// failed one: verify reads the last 24 hours of the handover data action there.
//
// Not Architect's flow execution history (POST /api/v2/flows/instances/query), which would name
// the workflow: it is off by default and turned on org-wide (Admin > Organization Settings >
// Execution Data, with the Directory > Organization > Admin permission; Genesys's Resource Center,
// "Historical execution data overview"), only for flows republished afterwards, and which path an
// action took is only in each execution's downloaded data (a job per instance). A stack must not
// switch on an org-wide setting it does not own.
import * as analytics from "../../providers/genesys/analytics";
import type { GenesysApi } from "../../providers/genesys/transport";
import type { ExpectedSetup } from "./expected";
import type { LiveOrg } from "./live";
import { type CheckRow, fail, notCheckable, pass } from "./rows";

export const LOOK_BACK_HOURS = 24;
const GRANULARITY = "PT1H";
const GROUP_BY = ["errorType", "responseStatus"];

/** Failed calls of one kind in one bucket. */
export interface FailedBucket {
  /** ISO-8601 "start/end". */
  readonly interval: string;
  readonly count: number;
  /** The remote endpoint's HTTP status, when it answered. */
  readonly status?: string;
  readonly errorType?: string;
}

export interface CallHistory {
  /** Every call in the window, failed or not. */
  readonly total: number;
  readonly failed: readonly FailedBucket[];
}

/**
 * Pure: whether a group of executions failed. Genesys documents neither the values of `errorType`
 * nor whether a success carries one: a group failed when it names an error type or a status
 * outside 2xx (correct whichever of the two a failure carries).
 */
export function isFailure(group: Record<string, string> | undefined): boolean {
  const status = group?.responseStatus;
  return Boolean(group?.errorType) || (status !== undefined && !/^2\d\d$/.test(status));
}

/** Pure: the calls counted in the answer, and the failed ones by bucket, oldest first. */
export function callHistory(groups: readonly analytics.ActionExecutionGroup[]): CallHistory {
  let total = 0;
  const failed: FailedBucket[] = [];
  for (const { group, data } of groups) {
    for (const bucket of data ?? []) {
      const count = (bucket.metrics ?? []).filter((m) => m.metric === "tTotalExecution").reduce((sum, m) => sum + (m.stats?.count ?? 0), 0);
      total += count;
      if (count > 0 && isFailure(group)) {
        failed.push({ interval: bucket.interval ?? "?", count, ...(group?.responseStatus ? { status: group.responseStatus } : {}), ...(group?.errorType ? { errorType: group.errorType } : {}) });
      }
    }
  }
  failed.sort((a, b) => a.interval.localeCompare(b.interval));
  return { total, failed };
}

/** Pure: "2026-12-07 21:00–22:00 UTC" for "2026-12-07T21:00:00Z/2026-12-07T22:00:00Z". */
export function bucketText(interval: string): string {
  const [start, end] = interval.split("/").map((part) => new Date(part));
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return interval;
  const [startDay, startTime] = start.toISOString().slice(0, 16).split("T");
  const [endDay, endTime] = end.toISOString().slice(0, 16).split("T");
  return `${startDay} ${startTime}–${endDay === startDay ? "" : `${endDay} `}${endTime} UTC`;
}

function failureText(bucket: FailedBucket): string {
  const what = bucket.status !== undefined ? `HTTP ${bucket.status}` : "no HTTP answer";
  return `${bucket.count} × ${what}${bucket.errorType ? ` (error type ${bucket.errorType})` : ""}`;
}

export function rowName(actionName: string): string {
  return `Data action "${actionName}": failed calls to Cognigy in the last ${LOOK_BACK_HOURS} hours`;
}

/** Pure: the row; `genesysEvents` are the events whose workflows call the action. */
export function failuresRow(actionName: string, genesysEvents: readonly string[], history: CallHistory): CheckRow {
  const name = rowName(actionName);
  if (history.failed.length === 0) return pass(name);
  const count = history.failed.reduce((sum, bucket) => sum + bucket.count, 0);
  const byBucket = new Map<string, FailedBucket[]>();
  for (const bucket of history.failed) byBucket.set(bucket.interval, [...(byBucket.get(bucket.interval) ?? []), bucket]);
  const when = [...byBucket].map(([interval, buckets]) => `${bucketText(interval)}: ${buckets.map(failureText).join(", ")}`);
  const refused = history.failed.some((bucket) => bucket.status?.startsWith("4"));
  const unreachable = history.failed.some((bucket) => bucket.status === undefined || bucket.status.startsWith("5"));
  const misread = history.failed.some((bucket) => bucket.status?.startsWith("2"));
  const hint = [
    `Each failed call is a handover end Cognigy never got: the workflows of ${genesysEvents.join(" and ")} call this data action once per event and end whatever the outcome (Genesys's action analytics do not say which workflow made a call).`,
    unreachable
      ? "No HTTP answer or 5xx: Cognigy was down or unreachable, or the URL is wrong (see the request URL row and the probe; cognigy:endpointDomain / cognigy:endpointUrl)."
      : "",
    refused
      ? "HTTP 4xx: Cognigy refused what the workflows sent (see the input contract row, and that the endpoint is the one the Cognigy flow's handover uses). verify's probe is answered 4xx for its dummy user: if Genesys counts test runs too, an earlier probe shows here as well."
      : "",
    misread ? "HTTP 2xx with an error type: Cognigy took the call, and its answer did not fit the data action's response configuration or output contract (see the data action rows)." : "",
    `Genesys's Data Actions Performance Summary view shows the same counts. The row passes once ${LOOK_BACK_HOURS} hours pass without a failed call.`,
  ].filter(Boolean);
  return fail(name, `no failed call (of ${history.total})`, `${count} of ${history.total} calls failed: ${when.join("; ")}`, hint.join(" "));
}

/** The row for the org as found; `now` ends the look-back window. */
export async function failedCallsRow(api: GenesysApi, setup: ExpectedSetup, live: LiveOrg, now: Date, hide: (text: string) => string): Promise<CheckRow> {
  const name = rowName(setup.dataActionName);
  if (live.actions.length !== 1) return notCheckable(name, "no failed call", `there is no single data action "${setup.dataActionName}" (see its exists row)`);
  const action = live.actions[0];
  const events = setup.events.map((event) => event.genesysEvent);
  try {
    const groups = await analytics.actionExecutions(api, {
      actionName: action.name,
      actionCategory: action.category ?? "",
      from: new Date(now.getTime() - LOOK_BACK_HOURS * 3_600_000),
      to: now,
      granularity: GRANULARITY,
      groupBy: GROUP_BY,
    });
    return failuresRow(setup.dataActionName, events, callHistory(groups));
  } catch (err) {
    return fail(
      name,
      "no failed call",
      `Genesys's data action analytics could not be read: ${hide(err instanceof Error ? err.message : String(err))}`,
      "The client's role needs integrations:action:view (the permissions row); run verify again: this row does not know whether calls failed.",
    );
  }
}
