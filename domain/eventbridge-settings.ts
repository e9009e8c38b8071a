/**
 * Checks of the EventBridge settings: the config keys the stack reads for `cognigy:mode`
 * `eventbridge`/`both`, and the values the AWS side builds names and URLs from. Pure and free of
 * `@pulumi/aws`, so webhook-only runs can load it cheaply. The `…Problem` checks return the
 * problem and its fix (undefined when fine); the caller prefixes the key or argument it checked.
 */

export const EVENTBRIDGE_CONFIG_KEYS = {
  awsAccountId: "cognigy:eventBridgeAwsAccountId",
  awsRegion: "cognigy:eventBridgeAwsRegion",
  organisationId: "cognigy:organisationId",
  selfHosted: "cognigy:selfHosted",
  apiKey: "cognigy:eventBridgeApiKey",
  agentInfo: "cognigy:eventBridgeAgentInfo",
  release: "cognigy:releaseEventBridge",
} as const;

export const MAX_EVENT_SOURCE_SUFFIX_LENGTH = 64;
const EVENT_SOURCE_SUFFIX = /^[A-Za-z0-9._-]+$/;
// All partitions: eu-central-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1.
const AWS_REGION = /^[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function awsAccountIdProblem(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return undefined;
  const digits = value.replace(/[\s-]/g, "");
  if (/^\d{12}$/.test(digits)) return "contains spaces or dashes; write the 12 digits only, e.g. 123456789012";
  if (/^\d{1,11}$/.test(value)) {
    return `has ${value.length} digits; an AWS account id has 12 (quote it in YAML so leading zeros are kept), as given by Cognigy support`;
  }
  return "is not an AWS account id; set the 12-digit id Cognigy support gave you, e.g. 123456789012";
}

export function awsRegionProblem(value: string): string | undefined {
  if (AWS_REGION.test(value)) return undefined;
  if (AWS_REGION.test(value.trim().toLowerCase())) return "must be lower case without spaces, e.g. eu-central-1";
  if (/mypurecloud|pure\.cloud/i.test(value)) {
    return "is a Genesys Cloud region; set the AWS region Cognigy support gave you, e.g. eu-central-1";
  }
  return "is not an AWS region; write it in AWS form, e.g. eu-central-1 or us-east-1";
}

/** The Cognigy organisation id, used by Genesys as the partner event source's suffix. */
export function eventSourceSuffixProblem(value: string): string | undefined {
  if (value === "") return "is empty; set your Cognigy organisation id";
  if (value.length > MAX_EVENT_SOURCE_SUFFIX_LENGTH) {
    return `is ${value.length} characters long; Genesys accepts at most ${MAX_EVENT_SOURCE_SUFFIX_LENGTH}: check it is the organisation id alone`;
  }
  if (!EVENT_SOURCE_SUFFIX.test(value)) {
    const others = [...new Set(value.replace(/[A-Za-z0-9._-]/g, ""))].map((c) => JSON.stringify(c)).join(" ");
    return `contains ${others}; an event source suffix allows only letters, digits and . _ -`;
  }
  return undefined;
}

/** The config as Pulumi hands it to programs (`pulumi.runtime.allConfig()`: full keys, text values). */
export type ConfigSource = Readonly<Record<string, string | undefined>>;

export interface EventBridgeSettings {
  readonly awsAccountId: string;
  readonly awsRegion: string;
  /** The event source suffix. */
  readonly organisationId: string;
  /** True: the stack also builds the AWS side (EventBridgeHandover) with cognigy:eventBridgeApiKey. */
  readonly selfHosted: boolean;
  /** True: also send the optional user.start topic (Cognigy 2025.22+ shows the agent's name and image). */
  readonly agentInfo: boolean;
  /**
   * True: the user released the live EventBridge path (cognigy:releaseEventBridge), so `pulumi
   * destroy` may delete it and a change of account, region or suffix may replace it. False keeps
   * it protected: handover-end detection for the org depends on it.
   */
  readonly release: boolean;
}

export interface EventBridgeValidation {
  /** Every problem found, each naming its key and the fix; empty when usable. */
  readonly errors: readonly string[];
  /** Present only when `errors` is empty. */
  readonly settings?: EventBridgeSettings;
}

/**
 * Validates the EventBridge keys, for `cognigy:mode` eventbridge or both. The API key is only
 * checked for presence: its value never appears in a message.
 */
export function validateEventBridgeConfig(config: ConfigSource): EventBridgeValidation {
  const keys = EVENTBRIDGE_CONFIG_KEYS;
  const errors: string[] = [];
  const required = (key: string, check: (value: string) => string | undefined, example: string): string => {
    const value = config[key];
    if (value === undefined || value.trim() === "") {
      errors.push(`${key} is required for cognigy:mode eventbridge or both; set it, e.g. \`pulumi config set ${key} ${example}\``);
      return "";
    }
    const problem = check(value);
    if (problem) errors.push(`${key} = ${JSON.stringify(value)} ${problem}`);
    return value;
  };
  const awsAccountId = required(keys.awsAccountId, awsAccountIdProblem, "123456789012");
  const awsRegion = required(keys.awsRegion, awsRegionProblem, "eu-central-1");
  const organisationId = required(keys.organisationId, eventSourceSuffixProblem, "<your Cognigy organisation id>");

  const selfHostedText = config[keys.selfHosted];
  if (selfHostedText !== undefined && selfHostedText !== "true" && selfHostedText !== "false") {
    errors.push(
      `${keys.selfHosted} = ${JSON.stringify(selfHostedText)} is not a boolean; set true for a self-hosted Cognigy.AI ` +
        `(the tool then builds the AWS side too) or false for Cognigy SaaS`,
    );
  }
  const selfHosted = selfHostedText === "true";
  const agentInfoText = config[keys.agentInfo];
  if (agentInfoText !== undefined && agentInfoText !== "true" && agentInfoText !== "false") {
    errors.push(
      `${keys.agentInfo} = ${JSON.stringify(agentInfoText)} is not a boolean; set true to send Cognigy the user.start topic ` +
        `(the human agent's name and image, Cognigy.AI 2025.22+) or false`,
    );
  }
  const agentInfo = agentInfoText === "true";
  const releaseText = config[keys.release];
  if (releaseText !== undefined && releaseText !== "true" && releaseText !== "false") {
    errors.push(
      `${keys.release} = ${JSON.stringify(releaseText)} is not a boolean; set true only to let \`pulumi destroy\` delete the live ` +
        `EventBridge source (or a change of account, region or organisation id replace it), otherwise false (docs/teardown.md)`,
    );
  }
  const release = releaseText === "true";
  const apiKey = config[keys.apiKey];
  if (selfHosted && (apiKey === undefined || apiKey.trim() === "")) {
    errors.push(
      `${keys.apiKey} is required when ${keys.selfHosted} is true: the API destination sends it in the Authorization ` +
        `header Cognigy's endpoint checks; set it as a secret: \`pulumi config set --secret ${keys.apiKey} <key>\``,
    );
  }
  return errors.length > 0 ? { errors } : { errors, settings: { awsAccountId, awsRegion, organisationId, selfHosted, agentInfo, release } };
}

/** Problem with the Genesys organisation id (a UUID read from /api/v2/organizations/me), or undefined. */
export function genesysOrgIdProblem(value: string): string | undefined {
  return UUID.test(value) ? undefined : "is not a Genesys organisation id (a UUID); check the OAuth client's organisation";
}

/** The partner event source Genesys creates in the customer's AWS account for this org and suffix. */
export function partnerEventSourceName(genesysOrgId: string, suffix: string): string {
  const orgProblem = genesysOrgIdProblem(genesysOrgId);
  if (orgProblem) throw new Error(`Genesys organisation id = ${JSON.stringify(genesysOrgId)} ${orgProblem}`);
  const suffixProblem = eventSourceSuffixProblem(suffix);
  if (suffixProblem) throw new Error(`${EVENTBRIDGE_CONFIG_KEYS.organisationId} = ${JSON.stringify(suffix)} ${suffixProblem}`);
  return `aws.partner/genesys.com/cloud/${genesysOrgId}/${suffix}`;
}

/** Problem with the API destination's URL (EventBridge calls HTTPS endpoints only), or undefined. */
export function apiDestinationUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not an absolute URL; give the Cognigy endpoint's https URL";
  }
  if (parsed.protocol !== "https:") {
    return "is not https; an EventBridge API destination calls HTTPS endpoints only: give the Cognigy endpoint's https URL";
  }
  return undefined;
}
