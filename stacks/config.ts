import type { HandoverWebhooksArgs } from "../components/handover-webhooks";
import { endpointDomainProblem, endpointUrlProblem } from "../components/endpoint";
import {
  DEFAULT_DATA_ACTION_NAME,
  DEFAULT_DIVISION,
  DEFAULT_INTEGRATION_NAME,
  EVENT_KEYS,
  EventKey,
  HANDOVER_EVENTS,
} from "../components/events";
import { eventListProblem, objectNameProblem, triggerDescriptionProblem } from "../components/validation";
import { readSettings, resolveTarget } from "../providers/target";

/** One `cognigy:*` stack setting, as declared in Pulumi.yaml (a test keeps the two equal). */
export interface ConfigKey {
  readonly key: string;
  readonly type: "string" | "boolean" | "array";
  readonly description: string;
  readonly default?: string | boolean | readonly string[];
}

const NAME_RULE = "1-256 characters, letters, digits, spaces and . _ - ( )";

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
  },
  {
    key: "cognigy:endpointUrl",
    type: "string",
    description:
      "Base URL of a self-hosted Cognigy.AI endpoint, e.g. https://cognigy-endpoint.example.com (https; http only to 127.0.0.1 for the local emulator). Set this or cognigy:endpointDomain, not both.",
  },
  {
    key: "cognigy:adoptExisting",
    type: "boolean",
    description: "Take over existing Genesys objects with the configured names instead of failing on them.",
    default: false,
  },
  {
    key: "cognigy:division",
    type: "string",
    description: "Name of the Genesys division the workflows are created in.",
    default: DEFAULT_DIVISION,
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
  },
  nameKey("cognigy:integrationName", "Web Services Data Actions integration", DEFAULT_INTEGRATION_NAME),
  nameKey("cognigy:dataActionName", "data action", DEFAULT_DATA_ACTION_NAME),
  ...HANDOVER_EVENTS.flatMap((event) => [
    nameKey(`cognigy:workflowName${event.configSuffix}`, `${event.genesysEvent} workflow`, event.defaultWorkflowName),
    nameKey(`cognigy:triggerName${event.configSuffix}`, `${event.genesysEvent} trigger`, event.defaultTriggerName),
  ]),
];

/** The component's arguments as plain, validated values. */
export interface StackSettings extends HandoverWebhooksArgs {
  readonly endpointDomain?: string;
  readonly endpointUrl?: string;
  readonly integrationName: string;
  readonly dataActionName: string;
  readonly workflowNames: Readonly<Record<EventKey, string>>;
  readonly triggerNames: Readonly<Record<EventKey, string>>;
  readonly division: string;
  readonly triggersEnabled: boolean;
  readonly triggerDescription?: string;
  readonly adoptExisting: boolean;
  readonly events: readonly EventKey[];
}

export interface ConfigValidation {
  /** Every problem found, each naming its key and the fix; empty when the config is usable. */
  readonly errors: readonly string[];
  /** Present only when `errors` is empty. */
  readonly settings?: StackSettings;
}

type Source = Readonly<Record<string, string | undefined>>;

/**
 * Validates the whole stack configuration (`config`: full keys such as `cognigy:events`, values
 * as Pulumi hands them to programs: text, lists as JSON) and the environment, before any
 * resource exists. Values of the OAuth client secret are never repeated in messages.
 */
export function validateStackConfig(config: Source, env: Source): ConfigValidation {
  const errors: string[] = [];
  const fail = (key: string, value: string, problem: string) =>
    errors.push(`${key} = ${JSON.stringify(value)} ${problem}`);

  try {
    resolveTarget(readSettings((key) => config[key], "config"), readSettings((key) => env[key], "env"));
  } catch (error) {
    errors.push((error as Error).message);
  }

  const domain = config["cognigy:endpointDomain"];
  const url = config["cognigy:endpointUrl"];
  let endpoint: { endpointDomain: string } | { endpointUrl: string } | undefined;
  if (domain !== undefined && url !== undefined) {
    errors.push(
      "cognigy:endpointDomain and cognigy:endpointUrl are both set; keep exactly one (the domain for Cognigy SaaS, the URL for self-hosted) and remove the other with `pulumi config rm`",
    );
  } else if (domain === undefined && url === undefined) {
    errors.push(
      "cognigy:endpointDomain or cognigy:endpointUrl is required; set one, e.g. `pulumi config set cognigy:endpointDomain app.cognigy.ai`",
    );
  } else if (domain !== undefined) {
    const problem = endpointDomainProblem(domain);
    if (problem) fail("cognigy:endpointDomain", domain, problem);
    else endpoint = { endpointDomain: domain };
  } else if (url !== undefined) {
    const problem = endpointUrlProblem(url);
    if (problem) fail("cognigy:endpointUrl", url, problem);
    else endpoint = { endpointUrl: url };
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
    ...endpoint,
    adoptExisting: flag("cognigy:adoptExisting"),
    triggersEnabled: flag("cognigy:triggersEnabled"),
    division: text("cognigy:division", objectNameProblem),
    integrationName: text("cognigy:integrationName", objectNameProblem),
    dataActionName: text("cognigy:dataActionName", objectNameProblem),
    workflowNames: names("workflowName"),
    triggerNames: names("triggerName"),
    triggerDescription: description === undefined ? undefined : text("cognigy:triggerDescription", triggerDescriptionProblem),
    events,
  };
  return errors.length > 0 ? { errors } : { errors, settings };
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
