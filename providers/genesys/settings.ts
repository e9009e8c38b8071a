// Where the API is and who we are: stack config (read in `configure`) wins over the
// environment. Pure: the caller passes both sources in.
import { genesysOrgIdProblem } from "../../domain/eventbridge-settings";
import { DEFAULT_LIMITS, type Limits } from "./retry-policy";

/** Config key → environment variable, for every setting the providers read. */
export const SETTINGS = {
  clientId: ["genesyscloud:oauthClientId", "GENESYSCLOUD_OAUTHCLIENT_ID"],
  clientSecret: ["genesyscloud:oauthClientSecret", "GENESYSCLOUD_OAUTHCLIENT_SECRET"],
  region: ["genesyscloud:region", "GENESYSCLOUD_REGION"],
  apiUrl: ["genesyscloud:apiUrl", "GENESYSCLOUD_API_URL"],
  organizationId: ["genesyscloud:organizationId", "GENESYSCLOUD_ORGANIZATION_ID"],
  requestTimeoutMs: ["genesyscloud:requestTimeoutMs", "GENESYSCLOUD_REQUEST_TIMEOUT_MS"],
  retryMaxAttempts: ["genesyscloud:retryMaxAttempts", "GENESYSCLOUD_RETRY_MAX_ATTEMPTS"],
  retryMinWaitMs: ["genesyscloud:retryMinWaitMs", "GENESYSCLOUD_RETRY_MIN_WAIT_MS"],
  retryMaxWaitMs: ["genesyscloud:retryMaxWaitMs", "GENESYSCLOUD_RETRY_MAX_WAIT_MS"],
  retryMaxTotalMs: ["genesyscloud:retryMaxTotalMs", "GENESYSCLOUD_RETRY_MAX_TOTAL_MS"],
  visibilityTimeoutMs: ["genesyscloud:visibilityTimeoutMs", "GENESYSCLOUD_VISIBILITY_TIMEOUT_MS"],
  jobTimeoutMs: ["genesyscloud:jobTimeoutMs", "GENESYSCLOUD_JOB_TIMEOUT_MS"],
  activationTimeoutMs: ["genesyscloud:activationTimeoutMs", "GENESYSCLOUD_ACTIVATION_TIMEOUT_MS"],
} as const;

export type SettingName = keyof typeof SETTINGS;
/** Raw values as read from one source (config or environment). */
export type RawSettings = Partial<Record<SettingName, string>>;

export interface Target {
  clientId: string;
  clientSecret: string;
  /** Where `/oauth/token` is served. */
  loginUrl: string;
  /** Where `/api/v2/...` is served. */
  apiUrl: string;
  /** The region host (e.g. mypurecloud.de) when no base URL was given. */
  environment?: string;
  /** The org the credentials must reach (the pin); unset: the org recorded in state decides. */
  organizationId?: string;
  limits: Limits;
}

/**
 * AWS-style region names, as Genesys's Terraform provider and admins use them: the SDK's
 * PureCloudRegionHosts with dashes (a test holds them equal).
 */
export const REGION_HOSTS: Readonly<Record<string, string>> = {
  "us-east-1": "mypurecloud.com",
  "us-east-2": "use2.us-gov-pure.cloud",
  "us-west-2": "usw2.pure.cloud",
  "ca-central-1": "cac1.pure.cloud",
  "sa-east-1": "sae1.pure.cloud",
  "mx-central-1": "mxc1.pure.cloud",
  "eu-west-1": "mypurecloud.ie",
  "eu-west-2": "euw2.pure.cloud",
  "eu-central-1": "mypurecloud.de",
  "eu-central-2": "euc2.pure.cloud",
  "me-central-1": "mec1.pure.cloud",
  "ap-south-1": "aps1.pure.cloud",
  "ap-southeast-1": "apse1.pure.cloud",
  "ap-southeast-2": "mypurecloud.com.au",
  "ap-northeast-1": "mypurecloud.jp",
  "ap-northeast-2": "apne2.pure.cloud",
  "ap-northeast-3": "apne3.pure.cloud",
  "eusc-de-east-1": "edee1.eusc-pure.cloud",
};

/** How messages name where a setting comes from: the stack's keys, or the provider plugin's (provider-plugin/). */
export type SettingNaming = (name: SettingName) => string;

/** The stack config key (namespace genesyscloud) or the environment variable. */
export const STACK_NAMING: SettingNaming = (name) => {
  const [configKey, envName] = SETTINGS[name];
  return `config \`${configKey}\` or environment variable ${envName}`;
};

/** Reads every setting from one source, e.g. `(k) => req.config.get(k)` or process.env. */
export function readSettings(source: (key: string) => string | undefined, from: "config" | "env"): RawSettings {
  const raw: RawSettings = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = source(SETTINGS[name][from === "config" ? 0 : 1]);
    if (value !== undefined && value.trim() !== "") raw[name] = value.trim();
  }
  return raw;
}

/** Accepts `eu-central-1`, `eu_central_1`, `mypurecloud.de`, `api.mypurecloud.de` or a URL of one. */
export function regionHost(region: string, keysOf: SettingNaming = STACK_NAMING): string {
  const name = region.trim().toLowerCase();
  const aws = REGION_HOSTS[name.replace(/_/g, "-")];
  if (aws) return aws;
  const host = name.replace(/^https?:\/\//, "").replace(/\/+$/, "").replace(/^(api|login)\./, "");
  if (Object.values(REGION_HOSTS).includes(host)) return host;
  throw new Error(
    `Unknown Genesys Cloud region "${region}" (from ${keysOf("region")}). ` +
      `Use an AWS-style name (${Object.keys(REGION_HOSTS).join(", ")}) or its host ` +
      `(${Object.values(REGION_HOSTS).join(", ")}), or set ${keysOf("apiUrl")} to a base URL.`,
  );
}

function baseUrl(value: string, keysOf: SettingNaming): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid API base URL "${value}" (from ${keysOf("apiUrl")}): expected e.g. http://127.0.0.1:8080.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`API base URL "${value}" (from ${keysOf("apiUrl")}) must use http or https.`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

function positiveNumber(raw: RawSettings, name: SettingName & keyof Limits, keysOf: SettingNaming): number {
  const text = raw[name];
  if (text === undefined) return DEFAULT_LIMITS[name];
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Invalid value "${text}" for ${keysOf(name)}: expected a positive number.`);
  }
  return value;
}

/** Config wins over environment, key by key. Throws naming the key for anything missing or bad. */
export function resolveTarget(config: RawSettings, env: RawSettings, keysOf: SettingNaming = STACK_NAMING): Target {
  const raw: RawSettings = { ...env, ...config };
  const missing = (["clientId", "clientSecret"] as const).filter((name) => raw[name] === undefined);
  if (raw.apiUrl === undefined && raw.region === undefined) missing.push("region" as never);
  if (missing.length > 0) {
    throw new Error(
      `Missing Genesys Cloud settings: ${missing.map(keysOf).join("; ")}. ` +
        "Set them with `pulumi config set` (use --secret for the client secret) or in the environment.",
    );
  }
  const base = raw.apiUrl !== undefined ? baseUrl(raw.apiUrl, keysOf) : undefined;
  const host = base === undefined ? regionHost(raw.region as string, keysOf) : undefined;
  const limits = {} as Limits;
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) limits[name] = positiveNumber(raw, name, keysOf);
  if (limits.retryMinWaitMs > limits.retryMaxWaitMs) {
    throw new Error(
      `${keysOf("retryMinWaitMs")} (${limits.retryMinWaitMs}) exceeds ${keysOf("retryMaxWaitMs")} (${limits.retryMaxWaitMs}).`,
    );
  }
  const pinProblem = raw.organizationId === undefined ? undefined : genesysOrgIdProblem(raw.organizationId);
  if (pinProblem) {
    throw new Error(
      `Invalid value "${raw.organizationId}" for ${keysOf("organizationId")}: ${pinProblem}. ` +
        "Use the id Admin > Organization Settings shows (or leave it unset to bind the stack to the org of its first deploy).",
    );
  }
  return {
    clientId: raw.clientId as string,
    clientSecret: raw.clientSecret as string,
    loginUrl: base ?? `https://login.${host}`,
    apiUrl: base ?? `https://api.${host}`,
    environment: host,
    organizationId: raw.organizationId,
    limits,
  };
}
