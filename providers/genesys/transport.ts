// The one thin layer between the providers and `purecloud-platform-client-v2`: its own SDK
// client per provider instance (provider-plugin/plugin.ts makes one per provider resource), lazy
// login, re-login on expiry or 401, every call through the retry loop, and the version-conflict loop.
import { GONE_STATUS, GenesysApiError, LoopHooks, PolicyOptions, RetryPolicy, TOLERATE, describeFailure, isStaleVersion, policyFor, summarise, versionConflictAttempts, withRetries } from "./retry-policy";
import { ProviderError } from "./provider-error";
import { SETTINGS, Target } from "./settings";
import { putBytes } from "./upload";
import { TOOL_NAME, USER_AGENT } from "../../domain/marker";

// Loosely typed on purpose: the SDK's typings are a global script, and its model typings are
// wrong for us under strict (MatchCriteria.value, additionalProperties are typed `object`).
type SdkMethod = (...args: any[]) => Promise<unknown>;
/** The SDK's API classes as we use them: results are unwrapped from extended responses. */
export type SdkApi = Record<string, SdkMethod>;
export interface SdkApis {
  integrations: SdkApi;
  architect: SdkApi;
  processAutomation: SdkApi;
  organization: SdkApi;
  authorization: SdkApi;
  analytics: SdkApi;
}

interface SdkClient {
  timeout: number;
  config: { setConfigPath(path: string): void; live_reload_config: boolean; logger: { log_level: string; log_to_console: boolean } };
  setGateway(gateway: { host: string; protocol: string; port?: number; path_params_login?: string; path_params_api?: string }): void;
  setEnvironment(host: string): void;
  setReturnExtendedResponses(value: boolean): void;
  setDefaultHeaders(headers: Record<string, string>): void;
  setAccessToken(token: string): void;
  loginClientCredentialsGrant(id: string, secret: string): Promise<{ accessToken?: string; tokenExpiryTime?: number }>;
}

/** What one call adds to the retry policy (`tolerate`, `referencing`: retry-policy.ts), and its lost-answer lookup. */
export interface CallOptions extends PolicyOptions {
  /**
   * For a create: before each retry, look for the object the failed attempt may have made (Genesys
   * applied it but the answer was lost, or a 5xx came instead); one found is taken as the answer
   * instead of making a second.
   */
  recover?: () => Promise<unknown>;
}

/**
 * Pulumi's refresh and destroy configure providers from the state of the last update, not from
 * the stack config (docs/architecture.md, "The real Pulumi CLI"): after a rotation in config they
 * log in with the old secret. `--run-program` runs the program, and so the current config.
 */
const ROTATED_SECRET_HINT =
  "If the secret was changed in the stack config since the last `pulumi up`: `pulumi refresh` and `pulumi destroy` " +
  "still use the credentials recorded at the last `pulumi up`; run `pulumi refresh --run-program` or " +
  "`pulumi destroy --run-program` (they use the current config), or `pulumi up` first.";

/** Re-login this long before the token's stated expiry. */
const EXPIRY_MARGIN_MS = 60_000;

interface Login {
  accessToken: string;
  /** When to log in again, ahead of the stated expiry. */
  renewAt: number;
}

/**
 * Pure: when a token issued at `issuedAt` for use until `expiresAt` is renewed: a minute early,
 * or half-way for a token that lives less than two minutes (else every call would log in again).
 */
export function renewalTime(issuedAt: number, expiresAt: number): number {
  return expiresAt - Math.min(EXPIRY_MARGIN_MS, Math.max(0, expiresAt - issuedAt) / 2);
}

/** The Genesys org some credentials reach (`GET /api/v2/organizations/me`). */
export interface Organization {
  readonly id: string;
  readonly name?: string;
}

/** Pure: "Org name" (id …), or the id alone. */
export function describeOrganization(org: { id: string; name?: string }): string {
  return org.name ? `"${org.name}" (id ${org.id})` : `id ${org.id}`;
}

export class GenesysApi {
  private client?: SdkClient;
  private apis?: SdkApis;
  /** The current login, shared by every call of this client (one per provider instance). */
  private currentLogin?: Promise<Login>;
  /** The org the credentials reach, read once per client. */
  private reached?: Promise<Organization>;

  constructor(
    private readonly target: Target,
    private readonly hooks: LoopHooks = {},
  ) {}

  get limits() {
    return this.target.limits;
  }

  /** The OAuth client this API logs in as: Genesys names it as the holder of a lock it took. */
  get clientId(): string {
    return this.target.clientId;
  }

  policy(options: CallOptions = {}): RetryPolicy {
    return policyFor(this.target.limits, options);
  }

  private sdk(): { client: SdkClient; apis: SdkApis } {
    if (!this.client || !this.apis) {
      // Required here, not at module level: a preview (check and diff only) never loads the SDK.
      const platformClient = require("purecloud-platform-client-v2");
      const client: SdkClient = new platformClient.ApiClientClass();
      // No ~/.genesyscloudjavascript/config: it could turn on logging of request headers.
      client.config.setConfigPath("");
      client.config.live_reload_config = false;
      client.config.logger.log_level = "none";
      client.config.logger.log_to_console = false;
      client.timeout = this.target.limits.requestTimeoutMs;
      // Extended responses carry the headers, which hold Retry-After.
      client.setReturnExtendedResponses(true);
      client.setDefaultHeaders({ "User-Agent": USER_AGENT, "Genesys-App": TOOL_NAME });
      if (this.target.environment !== undefined) {
        client.setEnvironment(this.target.environment);
      } else {
        const api = new URL(this.target.apiUrl);
        client.setGateway({
          host: api.hostname,
          protocol: api.protocol.replace(":", ""),
          port: api.port === "" ? undefined : Number(api.port),
          path_params_login: api.pathname,
          path_params_api: api.pathname,
        });
      }
      this.client = client;
      this.apis = {
        integrations: new platformClient.IntegrationsApi(client),
        architect: new platformClient.ArchitectApi(client),
        processAutomation: new platformClient.ProcessAutomationApi(client),
        organization: new platformClient.OrganizationApi(client),
        authorization: new platformClient.AuthorizationApi(client),
        analytics: new platformClient.AnalyticsApi(client),
      };
    }
    return { client: this.client, apis: this.apis };
  }

  private async login(client: SdkClient): Promise<Login> {
    const { clientId, clientSecret, loginUrl } = this.target;
    const auth = await withRetries(
      `Genesys Cloud login`,
      async () => {
        try {
          return await client.loginClientCredentialsGrant(clientId, clientSecret);
        } catch (err) {
          const failure = describeFailure(err);
          // Refused credentials are final: say which client and where, never the secret.
          if (failure.status === 400 || failure.status === 401 || failure.status === 403) {
            throw new GenesysApiError(
              `Genesys Cloud refused the login of OAuth client "${clientId}" at ${loginUrl}/oauth/token: ` +
                `${summarise(failure)}. Check genesyscloud:oauthClientId / genesyscloud:oauthClientSecret ` +
                "(or GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET) and the region. " +
                ROTATED_SECRET_HINT,
              failure,
            );
          }
          throw err;
        }
      },
      this.policy(),
      this.hooks,
    );
    if (!auth.accessToken) {
      throw new Error(`Genesys Cloud login of OAuth client "${clientId}" at ${loginUrl} returned no access_token.`);
    }
    const issuedAt = Date.now();
    return { accessToken: auth.accessToken, renewAt: renewalTime(issuedAt, auth.tokenExpiryTime ?? issuedAt + 60 * 60_000) };
  }

  /**
   * A valid token on `client`, from the current login or a new one. `rejected` is a token Genesys
   * just answered 401 to: it is replaced once, however many calls saw the 401.
   */
  private async ensureToken(client: SdkClient, rejected?: string): Promise<string> {
    const pending = this.currentLogin;
    if (pending) {
      const login = await pending;
      if (login.accessToken !== rejected && Date.now() < login.renewAt) {
        client.setAccessToken(login.accessToken);
        return login.accessToken;
      }
      // Another call may have replaced it meanwhile.
      if (this.currentLogin !== pending) return this.ensureToken(client, rejected);
    }
    const fresh = this.login(client);
    this.currentLogin = fresh;
    // A failed login must not stick: the next call tries again.
    fresh.catch(() => {
      if (this.currentLogin === fresh) this.currentLogin = undefined;
    });
    return (await fresh).accessToken;
  }

  /**
   * The org these credentials reach, checked against the pin (`genesyscloud:organizationId`) and
   * against `recorded`, the org a resource's state names; read once per client. Every
   * call waits for it first, so credentials of another org change and return nothing.
   */
  async organization(recorded?: string): Promise<Organization> {
    let pending = this.reached;
    if (!pending) {
      pending = this.attempt<{ id?: string; name?: string }>("Read organization", (a) => a.organization.getOrganizationsMe(), {}).then((org) => {
        if (!org?.id) throw new Error("GET /api/v2/organizations/me answered without an id: the org these credentials reach cannot be checked.");
        return { id: org.id, name: org.name };
      });
      this.reached = pending;
      // A failed read must not stick: the next call tries again.
      pending.catch(() => {
        if (this.reached === pending) this.reached = undefined;
      });
    }
    const org = await pending;
    const { organizationId: pinned, clientId } = this.target;
    if (pinned !== undefined && pinned !== org.id) throw new WrongOrganizationError(wrongOrganizationMessage(clientId, org, pinned, "pinned"));
    if (recorded !== undefined && recorded !== org.id) throw new WrongOrganizationError(wrongOrganizationMessage(clientId, org, recorded, "recorded"));
    return org;
  }

  /** Whether the org is pinned (and so, once {@link organization} resolved, confirmed to be the stack's). */
  get pinned(): boolean {
    return this.target.organizationId !== undefined;
  }

  /** One API call with retries; resolves the response body. `label` names it in errors. */
  async call<T>(label: string, fn: (apis: SdkApis) => Promise<unknown>, options: CallOptions = {}): Promise<T> {
    await this.organization();
    try {
      return await this.attempt<T>(label, fn, options);
    } catch (err) {
      // A missing permission never heals by retrying: say whose role lacks it (Genesys's message names it).
      if (err instanceof GenesysApiError && err.status === 403) {
        throw new GenesysApiError(
          `${err.message}. Add the permission to the role of OAuth client "${this.target.clientId}" ` +
            "(Admin > Roles / Permissions; the full list is in README.md, \"Configuring a real org\"), then run again.",
          { status: err.status, code: err.code, message: err.message, correlationId: err.correlationId, network: false },
        );
      }
      throw err;
    }
  }

  private async attempt<T>(label: string, fn: (apis: SdkApis) => Promise<unknown>, options: CallOptions): Promise<T> {
    const { client, apis } = this.sdk();
    let relogged = false;
    let attempts = 0;
    const response = await withRetries(
      label,
      async () => {
        if (attempts++ > 0 && options.recover) {
          const made = await options.recover();
          if (made !== undefined) return { body: made };
        }
        const token = await this.ensureToken(client);
        try {
          return await fn(apis);
        } catch (err) {
          // Client-credentials tokens are not refreshed by the SDK: log in again once.
          if (!relogged && describeFailure(err).status === 401) {
            relogged = true;
            await this.ensureToken(client, token);
            return await fn(apis);
          }
          throw err;
        }
      },
      this.policy(options),
      this.hooks,
    );
    const record = response as { body?: unknown; text?: unknown } | undefined;
    return (record?.body ?? record?.text) as T;
  }

  /**
   * Read-modify-write under Genesys's optimistic `version`: on a stale version, re-read and
   * re-apply, a bounded number of times.
   */
  async withFreshVersion<T>(label: string, readThenWrite: () => Promise<T>): Promise<T> {
    const attempts = versionConflictAttempts(this.target.limits);
    for (let attempt = 1; ; attempt++) {
      try {
        return await readThenWrite();
      } catch (err) {
        if (!(err instanceof GenesysApiError) || attempt >= attempts) throw err;
        const failure = { status: err.status, message: err.message, network: false };
        if (!isStaleVersion(failure)) throw err;
        this.hooks.onRetry?.(label, failure, attempt, 0);
      }
    }
  }

  /**
   * PUT to a presigned upload URL (outside the SDK: plain HTTP, exactly the given headers, no
   * Content-Type the URL did not sign), through the proxy the environment names, as the SDK's calls.
   */
  async upload(label: string, url: string, headers: Record<string, string>, body: string): Promise<void> {
    await withRetries(label, () => putBytes(url, headers, Buffer.from(body, "utf8"), this.target.limits.requestTimeoutMs), this.policy(), this.hooks);
  }
}

/** The credentials reach another org than the stack's: thrown before any call that reads or changes objects. */
export class WrongOrganizationError extends ProviderError {
  constructor(message: string) {
    super("WrongOrganizationError", message);
  }
}

/** Pure: why nothing was done, naming both orgs, and what fixes it. */
export function wrongOrganizationMessage(clientId: string, reached: Organization, expected: string, why: "pinned" | "recorded"): string {
  const [env, secret] = [SETTINGS.clientId[1], SETTINGS.clientSecret[1]];
  const stackOrg =
    why === "pinned"
      ? `${SETTINGS.organizationId[0]} (or ${SETTINGS.organizationId[1]}) pins this stack to Genesys Cloud org id ${expected}`
      : `this resource was deployed to Genesys Cloud org id ${expected} (recorded in the stack's state as genesysOrgId)`;
  const otherFix =
    why === "pinned"
      ? `; if this stack is meant for org ${reached.id}, change the pin: \`pulumi config set ${SETTINGS.organizationId[0]} ${reached.id}\``
      : "";
  return (
    `Wrong Genesys Cloud org: the OAuth client "${clientId}" reaches org ${describeOrganization(reached)}, but ${stackOrg}. ` +
    "Nothing was read, changed or deleted, and the stack's state is left as it was. " +
    `Run with the credentials of org ${expected}: ${env} / ${secret} (and ${SETTINGS.region[1]} or ${SETTINGS.apiUrl[1]}) ` +
    `or the stack's ${SETTINGS.clientId[0]} / ${SETTINGS.clientSecret[0]} config; in CI, the GitHub environment of this stack` +
    `${otherFix}.`
  );
}

/**
 * Whether the object still shows in its kind's listing: how a 404 is confirmed. Genesys's
 * single-object calls are eventually consistent (TOLERATE.justCreated): a 404 for an object the
 * listing still shows means "not visible yet", never "gone".
 */
export type Listed = () => Promise<boolean>;

function isGone(err: unknown): boolean {
  return err instanceof GenesysApiError && err.status === GONE_STATUS;
}

/**
 * A GET whose 404 means the object is gone (read returns undefined then) once `listed` confirms
 * it; an object still listed is read again within the visibility window. The org was checked
 * first (GenesysApi.call), so "gone" is only ever said of the stack's own org.
 */
export async function readOrGone<T>(api: GenesysApi, label: string, fn: (apis: SdkApis) => Promise<unknown>, listed: Listed): Promise<T | undefined> {
  try {
    return await api.call<T>(label, fn);
  } catch (err) {
    if (!isGone(err)) throw err;
  }
  if (!(await listed())) return undefined;
  return api.call<T>(label, fn, { tolerate: TOLERATE.justCreated });
}

/**
 * A DELETE for which a confirmed 404 counts as done (see readOrGone); one still listed is deleted
 * again within the visibility window. For an object this run just made, pass
 * `tolerate: TOLERATE.justCreated`: its 404 is retried within the window before anything else.
 */
export async function deleteOrGone(
  api: GenesysApi,
  label: string,
  fn: (apis: SdkApis) => Promise<unknown>,
  listed: Listed,
  options: CallOptions = {},
): Promise<void> {
  try {
    await api.call(label, fn, options);
    return;
  } catch (err) {
    if (!isGone(err)) throw err;
  }
  if (!(await listed())) return;
  await api.call(label, fn, { ...options, tolerate: [...(options.tolerate ?? []), ...TOLERATE.justCreated] });
}
