// An integration's reportedState: Genesys applies a change of intendedState asynchronously and
// reports the outcome in `reportedState.code`, one of ACTIVE, ACTIVATING, INACTIVE, DEACTIVATING
// and ERROR (IntegrationStatusInfo.CodeEnum in Genesys's .NET SDK,
// MyPureCloud/platform-client-sdk-dotnet, and its Python SDK's, kept in
// test/fixtures/genesys-sources/integration-status-codes.txt; the JavaScript SDK types `code` as
// a plain string).
import type { IntegrationRecord } from "./store";
import { ACTIVATION_ERRORS, REPORTED_STATE_EFFECTIVE } from "./unverified";

export type ReportedCode = keyof typeof REPORTED_STATE_EFFECTIVE;

export interface ReportedState {
  code: ReportedCode;
  effective: string;
  detail?: { localizableMessageCode: string; message: string; messageWithParams: string; messageParams: Record<string, string> };
  lastUpdated: string;
}

/**
 * Pure: what Genesys reports for `rec` at `now`, `activationMs` being how long a change takes now:
 * a lower setting applies to changes still pending, a higher one does not undo a settled one.
 */
export function reportedState(rec: IntegrationRecord, now: number, activationMs: number): ReportedState {
  const changedAt = rec.stateChangedAt ?? rec.createdAt;
  // A new integration starts INACTIVE; after a change, the outcome shows activationMs later.
  const settledAt = rec.stateChangedAt === undefined ? changedAt : Math.min(rec.settlesAt ?? Infinity, changedAt + activationMs);
  const settled = now >= settledAt;
  let code: ReportedCode;
  if (rec.intendedState === "ENABLED") code = !settled ? "ACTIVATING" : rec.activationError ? "ERROR" : "ACTIVE";
  else code = settled ? "INACTIVE" : "DEACTIVATING";
  const state: ReportedState = {
    code,
    effective: REPORTED_STATE_EFFECTIVE[code],
    lastUpdated: new Date(settled ? settledAt : changedAt).toISOString(),
  };
  if (code === "ERROR" && rec.activationError) {
    state.detail = {
      localizableMessageCode: ACTIVATION_ERRORS.code,
      message: rec.activationError,
      messageWithParams: rec.activationError,
      messageParams: {},
    };
  }
  return state;
}

/**
 * Pure: the detail an activation of `rec` will end with, or undefined when it succeeds. An
 * EventBridge source activates only with a complete configuration and an AWS account Genesys can
 * make the partner event source in.
 */
export function activationError(rec: IntegrationRecord, failingAwsAccounts: ReadonlyMap<string, string>): string | undefined {
  if (rec.typeId !== "amazon-eventbridge-source") return undefined;
  const account = rec.properties.awsAccountId;
  const region = rec.properties.awsAccountRegion;
  if (typeof account !== "string" || typeof region !== "string") return ACTIVATION_ERRORS.unconfigured;
  const failure = failingAwsAccounts.get(account);
  return failure === undefined ? undefined : failure || ACTIVATION_ERRORS.partnerSource(account, region);
}
