// The EventBridge side of verify (cognigy:mode eventbridge or both): the Amazon EventBridge
// Source integration the stack would build, read back from the org and compared row by row.
import { CognigyVersion, eventBridgeTopicFilters } from "../../domain/cognigy-version";
import { EVENTBRIDGE_CONFIG_KEYS } from "../../domain/eventbridge-settings";
import { ADOPT_CONFIG_KEY } from "../../domain/config-keys";
import { hasStackMarker } from "../../domain/marker";
import { EVENTBRIDGE_INTEGRATION_TYPE, EVENTBRIDGE_PROPERTY_NAMES, sameTopics } from "../../providers/eventbridge-integration";
import * as integrations from "../../providers/genesys/integrations";
import type { GenesysApi } from "../../providers/genesys/transport";
import type { EventBridgePlan } from "../../stacks/config";
import { type CompareContext, shownMarker } from "./compare";
import { CheckRow, check, fail, pass } from "./rows";

export interface ExpectedEventBridge {
  readonly name: string;
  readonly awsAccountId: string;
  readonly awsRegion: string;
  readonly eventSourceSuffix: string;
  readonly topicFilters: readonly string[];
  readonly adoptExisting: boolean;
}

export function expectedEventBridge(plan: EventBridgePlan, version: CognigyVersion, adoptExisting: boolean): ExpectedEventBridge {
  return {
    name: plan.integrationName,
    awsAccountId: plan.awsAccountId,
    awsRegion: plan.awsRegion,
    eventSourceSuffix: plan.organisationId,
    topicFilters: eventBridgeTopicFilters(version, plan.agentInfo),
    adoptExisting,
  };
}

export interface LiveEventBridge {
  readonly id: string;
  readonly intendedState?: string;
  readonly reportedState?: integrations.ReportedState;
  readonly notes?: string;
  readonly properties: Record<string, unknown>;
}

/** Every EventBridge integration with the expected name, with its current config. */
export async function readEventBridge(api: GenesysApi, expected: ExpectedEventBridge): Promise<LiveEventBridge[]> {
  const found = (await integrations.list(api, EVENTBRIDGE_INTEGRATION_TYPE)).filter((entity) => entity.name === expected.name);
  const live: LiveEventBridge[] = [];
  for (const integration of found) {
    const config = await integrations.readConfig(api, integration.id);
    live.push({
      id: integration.id,
      intendedState: integration.intendedState,
      reportedState: integration.reportedState,
      notes: config.notes,
      properties: config.properties ?? {},
    });
  }
  return live;
}

/** Pure: the rows for the EventBridge integration. */
export function eventBridgeRows(expected: ExpectedEventBridge, live: readonly LiveEventBridge[], ctx: CompareContext): CheckRow[] {
  const label = `EventBridge integration "${expected.name}"`;
  const up = `\`pulumi up --stack ${ctx.stack}\``;
  if (live.length === 0) {
    return [
      fail(
        `${label}: exists`,
        "exactly one",
        "missing",
        `Run ${up} with cognigy:mode both or eventbridge to create it; if it exists under another name, set cognigy:eventBridgeIntegrationName to that name.`,
      ),
    ];
  }
  if (live.length > 1) {
    return [
      fail(
        `${label}: exists`,
        "exactly one",
        `${live.length} integrations with this name (ids ${live.map((i) => i.id).join(", ")})`,
        "Delete or rename the extra ones in Genesys Cloud so that exactly one remains (the others are not checked until then).",
      ),
    ];
  }
  const [integration] = live;
  const ours = hasStackMarker(integration.notes, ctx.marker, ctx.identity);
  const viaStack = ours || expected.adoptExisting ? `or run ${up} to correct it` : `or adopt it (\`pulumi config set --stack ${ctx.stack} ${ADOPT_CONFIG_KEY} true\`) and run ${up}`;
  const property = (key: keyof typeof EVENTBRIDGE_PROPERTY_NAMES) => integration.properties[EVENTBRIDGE_PROPERTY_NAMES[key]];
  const setting = (key: string, what: string, expectedValue: string, actual: unknown) =>
    check(
      `${label}: ${what}`,
      actual === expectedValue,
      expectedValue,
      actual,
      `Genesys sends the events to the partner event source of this ${what}: set it to ${expectedValue} (Admin > Integrations > Configuration), ${viaStack}; if the expected value is wrong, set ${key}. A change makes a new partner event source.`,
    );
  return [
    pass(`${label}: exists`),
    check(
      `${label}: managed by stack ${ctx.stack}`,
      ours,
      `notes carry the marker "${shownMarker(ctx)}"`,
      "made by hand or by another stack",
      expected.adoptExisting
        ? `${ADOPT_CONFIG_KEY} is already true: run ${up} to take it over (same id) and correct it.`
        : `\`pulumi up\` refuses to touch it. To take it over: \`pulumi config set --stack ${ctx.stack} ${ADOPT_CONFIG_KEY} true\`, then ${up}.`,
    ),
    activeRow(label, integration, viaStack),
    setting(EVENTBRIDGE_CONFIG_KEYS.awsAccountId, "AWS account", expected.awsAccountId, property("awsAccountId")),
    setting(EVENTBRIDGE_CONFIG_KEYS.awsRegion, "AWS region", expected.awsRegion, property("awsRegion")),
    setting(EVENTBRIDGE_CONFIG_KEYS.organisationId, "event source suffix", expected.eventSourceSuffix, property("eventSourceSuffix")),
    check(
      `${label}: topic filters`,
      sameTopics(property("topicFilters"), expected.topicFilters),
      expected.topicFilters.join(", "),
      Array.isArray(property("topicFilters")) ? (property("topicFilters") as unknown[]).join(", ") : property("topicFilters"),
      `Cognigy reads these topics for this cognigy:version (…customer.end from 2025.12, …user.end and …acw before): set exactly them, ${viaStack}; if the version is wrong, set cognigy:version.`,
    ),
  ];
}

/**
 * Pure: enabled, and Genesys's asynchronous activation ended ACTIVE (no reported code: taken as
 * active). ERROR carries Genesys's detail, typically a wrong AWS account or region.
 */
function activeRow(label: string, integration: LiveEventBridge, viaStack: string): CheckRow {
  const code = integration.reportedState?.code;
  const detail = integration.reportedState?.detail;
  const reason = detail?.messageWithParams || detail?.message;
  const actual = code === undefined ? integration.intendedState : `${integration.intendedState}, reported ${code}${reason ? `: ${reason}` : ""}`;
  const hint =
    code === "ERROR"
      ? `Genesys could not activate it (${reason ?? "no detail"}): check the AWS account and region with Cognigy support, then ${viaStack.replace(/^or /, "")}.`
      : code === "ACTIVATING"
        ? "Genesys is still activating it: run verify again in a minute."
        : `Genesys publishes events only while it is active: activate it (Admin > Integrations: Inactive → Active), ${viaStack}.`;
  return check(`${label}: active`, integration.intendedState === "ENABLED" && (code === undefined || code === "ACTIVE"), "ENABLED, reported ACTIVE", actual, hint);
}
