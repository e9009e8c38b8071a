import { ADOPT_CONFIG_KEY, ALLOW_REPLACE_ADOPTED_CONFIG_KEY, DIVISION_CONFIG_KEY } from "../domain/config-keys";
import type { HandoverWebhooksArgs } from "../components/handover-webhooks";
import { endpointDomainProblem, endpointUrlProblem, handoverRequestUrl } from "../domain/endpoint";
import {
  DEFAULT_DATA_ACTION_NAME,
  DEFAULT_INTEGRATION_NAME,
  EVENT_KEYS,
  EventKey,
  HANDOVER_EVENTS,
} from "../domain/events";
import { eventListProblem, objectNameProblem, triggerDescriptionProblem } from "../domain/names";
import { CognigyVersion, agentInfoProblem, cognigyVersionProblem, parseCognigyVersion } from "../domain/cognigy-version";
import { COGNIGY_MODES, CognigyMode, DEFAULT_MODE, cognigyModeProblem, parseCognigyMode, usesEventBridge, usesWebhooks } from "../domain/modes";
import {
  EVENTBRIDGE_CONFIG_KEYS,
  EventBridgeSettings,
  apiDestinationUrlProblem,
  validateEventBridgeConfig,
} from "../domain/eventbridge-settings";
import { DEFAULT_EVENTBRIDGE_INTEGRATION_NAME } from "../providers/eventbridge-integration";
import { type RawSettings, SETTINGS, readSettings, resolveTarget } from "../providers/genesys/settings";
import { unknownKeyProblems } from "./unknown-keys";

/** One `cognigy:*` stack setting, as declared in Pulumi.yaml (a test keeps the two equal). */
export interface ConfigKey {
  readonly key: string;
  readonly type: "string" | "boolean" | "array";
  readonly description: string;
  readonly default?: string | boolean | readonly string[];
}

const NAME_RULE = "1-256 characters on one line, any but {{…}}";

/**
 * The declared default of optional keys: Pulumi refuses to run a stack that lacks a value for a
 * declared key without a default, so "not set" is spelled as an empty value.
 */
export const NOT_SET = "";

const nameKey = (key: string, what: string, fallback: string): ConfigKey => ({
  key,
  type: "string",
  description: `Name of the ${what} (${NAME_RULE}).`,
  default: fallback,
});

export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: "cognigy:endpointDomain",
    type: "string",
    description:
      "Cognigy.AI SaaS environment domain, e.g. app.cognigy.ai (becomes https://endpoint-app.cognigy.ai/handover/genesysCloudOM). Set this or cognigy:endpointUrl, not both.",
    default: NOT_SET,
  },
  {
    key: "cognigy:endpointUrl",
    type: "string",
    description:
      "Base URL of a self-hosted Cognigy.AI endpoint, e.g. https://cognigy-endpoint.example.com (https; http only to 127.0.0.1 for the local emulator). Set this or cognigy:endpointDomain, not both.",
    default: NOT_SET,
  },
  {
    key: ADOPT_CONFIG_KEY,
    type: "boolean",
    description: "Take over existing Genesys objects with the configured names instead of failing on them.",
    default: false,
  },
  {
    key: ALLOW_REPLACE_ADOPTED_CONFIG_KEY,
    type: "boolean",
    description:
      "Allow replacing an object the stack adopted (a data action whose contract differs gets a new id: flows calling the old id break). Default false: such a replace is refused, in preview too.",
    default: false,
  },
  {
    key: DIVISION_CONFIG_KEY,
    type: "string",
    description: "Name of the Genesys division the workflows are created in; default the org's home division, whatever the org calls it.",
    default: NOT_SET,
  },
  {
    key: "cognigy:triggersEnabled",
    type: "boolean",
    description: "Whether the triggers are active (false keeps them but stops events reaching Cognigy).",
    default: true,
  },
  {
    key: "cognigy:events",
    type: "array",
    description: `Events that get a workflow and a trigger: any of ${EVENT_KEYS.join(", ")}.`,
    default: EVENT_KEYS,
  },
  {
    key: "cognigy:triggerDescription",
    type: "string",
    description: "Description of both triggers, at most 512 characters (the tool appends its management marker, which must fit too).",
    default: NOT_SET,
  },
  nameKey("cognigy:integrationName", "Web Services Data Actions integration", DEFAULT_INTEGRATION_NAME),
  nameKey("cognigy:dataActionName", "data action", DEFAULT_DATA_ACTION_NAME),
  ...HANDOVER_EVENTS.flatMap((event) => [
    nameKey(`cognigy:workflowName${event.configSuffix}`, `${event.genesysEvent} workflow`, event.defaultWorkflowName),
    nameKey(`cognigy:triggerName${event.configSuffix}`, `${event.genesysEvent} trigger`, event.defaultTriggerName),
  ]),
  {
    key: "cognigy:mode",
    type: "string",
    description: `Handover-end detection method: ${COGNIGY_MODES.join(", ")}. both runs the webhooks and Amazon EventBridge side by side while Cognigy support verifies EventBridge; eventbridge then removes the webhook objects.`,
    default: DEFAULT_MODE,
  },
  {
    key: "cognigy:version",
    type: "string",
    description:
      'Cognigy.AI release, MAJOR.MINOR, quoted in YAML so 4.100 stays 4.100 (e.g. "4.98", "4.100", "2025.12"). Gates the webhook method (deprecated in 4.100, removed in 2025.12) and picks the EventBridge topic filters; required for eventbridge and both.',
    default: NOT_SET,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.awsAccountId,
    type: "string",
    description: "12-digit AWS account id of the EventBridge partner event source (from Cognigy support for SaaS), quoted in YAML. Required for eventbridge and both.",
    default: NOT_SET,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.awsRegion,
    type: "string",
    description: "AWS region of the EventBridge partner event source in AWS form, e.g. eu-central-1 (from Cognigy support for SaaS). Required for eventbridge and both.",
    default: NOT_SET,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.organisationId,
    type: "string",
    description: "Cognigy organisation id: the EventBridge event source suffix (at most 64 of letters, digits and . _ -). Required for eventbridge and both.",
    default: NOT_SET,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.selfHosted,
    type: "boolean",
    description: "Self-hosted Cognigy.AI: also build the AWS side in your AWS account (partner event bus, connection, API destination to cognigy:endpointUrl, rule, IAM role).",
    default: false,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.apiKey,
    type: "string",
    description: "Authorization header value the EventBridge API destination sends to Cognigy's endpoint; required when cognigy:selfHosted is true. Set it with pulumi config set --secret.",
    default: NOT_SET,
  },
  {
    key: EVENTBRIDGE_CONFIG_KEYS.agentInfo,
    type: "boolean",
    description: "Also send the optional user.start topic, from which Cognigy.AI 2025.22+ shows the human agent's name and image.",
    default: false,
  },
  nameKey("cognigy:eventBridgeIntegrationName", "Amazon EventBridge Source integration", DEFAULT_EVENTBRIDGE_INTEGRATION_NAME),
  {
    key: EVENTBRIDGE_CONFIG_KEYS.release,
    type: "boolean",
    description:
      "Release the live EventBridge path: false (default) protects the EventBridge integration (and, self-hosted, the AWS side) from pulumi destroy and refuses a change of account, region or organisation id; set true and run pulumi up before either (docs/teardown.md).",
    default: false,
  },
];

/** The component's arguments as plain, validated values. */
export interface StackSettings extends Omit<HandoverWebhooksArgs, "requestUrl"> {
  /**
   * Where the handover requests go, made from cognigy:endpointDomain or cognigy:endpointUrl: the
   * data action's URL and the self-hosted API destination's. Present when either is set (always
   * in the webhook modes, which require one).
   */
  readonly requestUrl?: string;
  readonly integrationName: string;
  readonly dataActionName: string;
  readonly workflowNames: Readonly<Record<EventKey, string>>;
  readonly triggerNames: Readonly<Record<EventKey, string>>;
  readonly division?: string;
  readonly triggersEnabled: boolean;
  readonly triggerDescription?: string;
  readonly adoptExisting: boolean;
  readonly allowReplaceAdopted: boolean;
  readonly events: readonly EventKey[];
}

/** What the EventBridge side is built from (modes eventbridge and both). */
export interface EventBridgePlan extends EventBridgeSettings {
  readonly integrationName: string;
  /** The API destination's URL (the stack's `requestUrl`); present when `selfHosted`. */
  readonly requestUrl?: string;
}

/** Which methods the stack deploys, for which Cognigy.AI release. */
export interface StackPlan {
  readonly mode: CognigyMode;
  readonly version?: CognigyVersion;
  /** Present when the mode uses EventBridge. */
  readonly eventBridge?: EventBridgePlan;
  /**
   * The Genesys org's settings from stack config (`genesyscloud:*`), named as the provider takes
   * them (providers/genesys/settings.ts SETTINGS); the provider fills unset ones from GENESYSCLOUD_*.
   */
  readonly genesys: RawSettings;
}

export interface ConfigValidation {
  /** Every problem found, each naming its key and the fix; empty when the config is usable. */
  readonly errors: readonly string[];
  /** The webhook component's arguments; present only when `errors` is empty. */
  readonly settings?: StackSettings;
  /** Present only when `errors` is empty. */
  readonly plan?: StackPlan;
}

type Source = Readonly<Record<string, string | undefined>>;

/**
 * Validates the whole stack configuration (`config`: full keys such as `cognigy:events`, values
 * as Pulumi hands them to programs: text, lists as JSON) and the environment, before any
 * resource exists. Values of the OAuth client secret are never repeated in messages.
 */
export function validateStackConfig(given: Source, env: Source): ConfigValidation {
  const config = withoutUnset(given);
  const errors: string[] = [];
  const fail = (key: string, value: string, problem: string) =>
    errors.push(`${key} = ${JSON.stringify(value)} ${problem}`);

  const known = [...CONFIG_KEYS.map((entry) => entry.key), ...Object.values(SETTINGS).map(([key]) => key)];
  errors.push(...unknownKeyProblems(Object.keys(config), known, ["cognigy", "genesyscloud"]));
  // Checked here, as well as by the provider for programs of their own: the provider names its
  // own argument (`cognigy-genesys:apiUrl`), not the stack's key, and checks only at its first
  // Genesys call, which a plain preview never makes. Here every problem of the stack's config is
  // reported at once, named by its stack config key, before the provider is registered.
  const genesys = readSettings((key) => config[key], "config");
  try {
    resolveTarget(genesys, readSettings((key) => env[key], "env"));
  } catch (error) {
    errors.push((error as Error).message);
  }

  const modeText = config["cognigy:mode"];
  const modeProblem = modeText === undefined || modeText.trim() === "" ? undefined : cognigyModeProblem(modeText);
  if (modeProblem) fail("cognigy:mode", modeText as string, modeProblem);
  const mode = modeProblem ? DEFAULT_MODE : parseCognigyMode(modeText);
  const versionText = config["cognigy:version"];
  const versionProblem = versionText === undefined || versionText.trim() === "" ? undefined : cognigyVersionProblem(versionText);
  if (versionProblem) fail("cognigy:version", versionText as string, versionProblem);
  const version = versionProblem ? undefined : parseCognigyVersion(versionText);
  const eventBridge = usesEventBridge(mode) ? validateEventBridgeConfig(config) : undefined;
  const agentInfo = agentInfoProblem(version, eventBridge?.settings?.agentInfo ?? false);
  if (agentInfo) fail(EVENTBRIDGE_CONFIG_KEYS.agentInfo, "true", agentInfo);
  errors.push(...(eventBridge?.errors ?? []));
  // The webhooks POST to the endpoint; so does a self-hosted AWS side. SaaS EventBridge needs none.
  const needsEndpoint = usesWebhooks(mode) || config[EVENTBRIDGE_CONFIG_KEYS.selfHosted] === "true";

  const endpointDomain = config["cognigy:endpointDomain"];
  const endpointUrl = config["cognigy:endpointUrl"];
  // The one place the request URL is made; `endpoint` names the key it came from.
  let endpoint: Endpoint | undefined;
  if (endpointDomain === undefined && endpointUrl === undefined && !needsEndpoint) {
    endpoint = undefined;
  } else if (endpointDomain !== undefined && endpointUrl !== undefined) {
    errors.push(
      "cognigy:endpointDomain and cognigy:endpointUrl are both set; keep exactly one (the domain for Cognigy SaaS, the URL for self-hosted) and remove the other with `pulumi config rm`",
    );
  } else if (endpointDomain === undefined && endpointUrl === undefined) {
    errors.push(
      "cognigy:endpointDomain or cognigy:endpointUrl is required; set the Cognigy environment domain, e.g. `pulumi config set cognigy:endpointDomain app.cognigy.ai`, or the self-hosted endpoint's base URL as cognigy:endpointUrl",
    );
  } else if (endpointDomain !== undefined) {
    const problem = endpointDomainProblem(endpointDomain);
    if (problem) fail("cognigy:endpointDomain", endpointDomain, problem);
    else endpoint = { key: "cognigy:endpointDomain", value: endpointDomain, requestUrl: handoverRequestUrl({ endpointDomain }) };
  } else if (endpointUrl !== undefined) {
    const problem = endpointUrlProblem(endpointUrl);
    if (problem) fail("cognigy:endpointUrl", endpointUrl, problem);
    else endpoint = { key: "cognigy:endpointUrl", value: endpointUrl, requestUrl: handoverRequestUrl({ endpointUrl }) };
  }

  const text = (key: string, check: (value: string) => string | undefined): string => {
    const entry = CONFIG_KEYS.find((candidate) => candidate.key === key) as ConfigKey;
    const value = config[key] ?? (entry.default as string | undefined) ?? "";
    const problem = check(value);
    if (problem) fail(key, value, problem);
    return value;
  };
  const flag = (key: string): boolean => {
    const entry = CONFIG_KEYS.find((candidate) => candidate.key === key) as ConfigKey;
    const value = config[key];
    if (value === undefined) return entry.default as boolean;
    if (value !== "true" && value !== "false") fail(key, value, `is not a boolean; set it to true or false`);
    return value === "true";
  };

  const events = eventList(config["cognigy:events"], fail);
  const names = (prefix: string) =>
    Object.fromEntries(
      HANDOVER_EVENTS.map((event) => [event.key, text(`cognigy:${prefix}${event.configSuffix}`, objectNameProblem)]),
    ) as Record<EventKey, string>;
  const description = config["cognigy:triggerDescription"];
  const settings: StackSettings = {
    requestUrl: endpoint?.requestUrl,
    adoptExisting: flag(ADOPT_CONFIG_KEY),
    allowReplaceAdopted: flag(ALLOW_REPLACE_ADOPTED_CONFIG_KEY),
    triggersEnabled: flag("cognigy:triggersEnabled"),
    division: config[DIVISION_CONFIG_KEY] === undefined ? undefined : text(DIVISION_CONFIG_KEY, objectNameProblem),
    integrationName: text("cognigy:integrationName", objectNameProblem),
    dataActionName: text("cognigy:dataActionName", objectNameProblem),
    workflowNames: names("workflowName"),
    triggerNames: names("triggerName"),
    triggerDescription: description === undefined ? undefined : text("cognigy:triggerDescription", triggerDescriptionProblem),
    events,
  };
  const plan: StackPlan = { mode, version, eventBridge: eventBridgePlan(eventBridge?.settings, endpoint, text, fail), genesys };
  return errors.length > 0 ? { errors } : { errors, settings, plan };
}

/** The config without optional keys left at their "not set" default. */
function withoutUnset(config: Source): Source {
  const optional = new Set(CONFIG_KEYS.filter((entry) => entry.default === NOT_SET).map((entry) => entry.key));
  return Object.fromEntries(Object.entries(config).filter(([key, value]) => !(optional.has(key) && value === NOT_SET)));
}

/** A valid cognigy:endpointDomain or cognigy:endpointUrl: its key, its value, and the request URL made from it. */
interface Endpoint {
  readonly key: string;
  readonly value: string;
  readonly requestUrl: string;
}

function eventBridgePlan(
  settings: EventBridgeSettings | undefined,
  endpoint: Endpoint | undefined,
  text: (key: string, check: (value: string) => string | undefined) => string,
  fail: (key: string, value: string, problem: string) => void,
): EventBridgePlan | undefined {
  if (!settings) return undefined;
  const integrationName = text("cognigy:eventBridgeIntegrationName", objectNameProblem);
  if (!settings.selfHosted || !endpoint) return { ...settings, integrationName };
  const problem = apiDestinationUrlProblem(endpoint.requestUrl);
  if (problem) fail(endpoint.key, endpoint.value, `gives the EventBridge API destination ${endpoint.requestUrl}, which ${problem}`);
  return { ...settings, integrationName, requestUrl: endpoint.requestUrl };
}

function eventList(value: string | undefined, fail: (key: string, value: string, problem: string) => void): readonly EventKey[] {
  if (value === undefined) return EVENT_KEYS;
  const key = "cognigy:events";
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    fail(key, value, `is not a list of event names; set it as a list, e.g. \`pulumi config set --path '${key}[0]' acw\``);
    return [];
  }
  const problem = eventListProblem(parsed);
  if (problem) fail(key, value, problem);
  return parsed as EventKey[];
}

/** One error for the user listing every problem. */
export function configErrorMessage(errors: readonly string[]): string {
  return [`The stack configuration has ${errors.length} problem(s); nothing was changed:`, ...errors.map((e) => `  - ${e}`)].join("\n");
}
