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

/** `cognigy:selfHosted` as written in config (unset: false); throws naming the key and the fix. */
export function parseSelfHosted(value: string | undefined): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  throw new Error(
    `${EVENTBRIDGE_CONFIG_KEYS.selfHosted} ${JSON.stringify(value)} is not a boolean; set true for a self-hosted ` +
      `Cognigy.AI (the tool then builds the AWS side too) or false for Cognigy SaaS`,
  );
}

/** The config values as read; the API key only as "is it set", its value stays a secret Output. */
export interface EventBridgeConfigInput {
  readonly awsAccountId: string | undefined;
  readonly awsRegion: string | undefined;
  readonly organisationId: string | undefined;
  readonly selfHosted: string | undefined;
  readonly apiKeySet: boolean;
}

export interface EventBridgeConfig {
  readonly awsAccountId: string;
  readonly awsRegion: string;
  /** The event source suffix. */
  readonly organisationId: string;
  readonly selfHosted: boolean;
}

/** Validated EventBridge settings; throws one error listing every bad or missing key with its fix. */
export function parseEventBridgeConfig(input: EventBridgeConfigInput): EventBridgeConfig {
  const keys = EVENTBRIDGE_CONFIG_KEYS;
  const problems: string[] = [];
  const required = (key: string, value: string | undefined, check: (v: string) => string | undefined, hint: string) => {
    if (value === undefined) {
      problems.push(`${key} is not set; ${hint}`);
      return "";
    }
    const problem = check(value);
    if (problem) problems.push(`${key} ${JSON.stringify(value)} ${problem}`);
    return value;
  };
  const awsAccountId = required(keys.awsAccountId, input.awsAccountId, awsAccountIdProblem,
    `set the AWS account id Cognigy support gave you: pulumi config set ${keys.awsAccountId} 123456789012`);
  const awsRegion = required(keys.awsRegion, input.awsRegion, awsRegionProblem,
    `set the AWS region Cognigy support gave you: pulumi config set ${keys.awsRegion} eu-central-1`);
  const organisationId = required(keys.organisationId, input.organisationId, eventSourceSuffixProblem,
    `set your Cognigy organisation id (the event source suffix): pulumi config set ${keys.organisationId} <id>`);
  let selfHosted = false;
  try {
    selfHosted = parseSelfHosted(input.selfHosted);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (selfHosted && !input.apiKeySet) {
    problems.push(
      `${keys.apiKey} is not set; a self-hosted Cognigy.AI needs the API key its endpoint expects in the ` +
        `Authorization header: pulumi config set --secret ${keys.apiKey} <key>`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`EventBridge configuration (cognigy:mode eventbridge or both):\n- ${problems.join("\n- ")}`);
  }
  return { awsAccountId, awsRegion, organisationId, selfHosted };
}

/** Problem with the Genesys organisation id (a UUID read from /api/v2/organizations/me), or undefined. */
export function genesysOrgIdProblem(value: string): string | undefined {
  return UUID.test(value) ? undefined : "is not a Genesys organisation id (a UUID); check the OAuth client's organisation";
}

/** The partner event source Genesys creates in the customer's AWS account for this org and suffix. */
export function partnerEventSourceName(genesysOrgId: string, suffix: string): string {
  const orgProblem = genesysOrgIdProblem(genesysOrgId);
  if (orgProblem) throw new Error(`Genesys organisation id ${JSON.stringify(genesysOrgId)} ${orgProblem}`);
  const suffixProblem = eventSourceSuffixProblem(suffix);
  if (suffixProblem) throw new Error(`${EVENTBRIDGE_CONFIG_KEYS.organisationId} ${JSON.stringify(suffix)} ${suffixProblem}`);
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
