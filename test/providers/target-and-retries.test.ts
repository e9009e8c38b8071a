// The providers' Genesys layer without an org (providers/genesys/): the API target and
// credentials from config and environment (settings.ts), and the retry policy's decisions and
// loop (retry-policy.ts).
import { describe, expect, it } from "vitest";
import { backoffMs, decide, describeFailure, isStaleVersion, parseRetryAfter, RetryPolicy, withRetries } from "../../providers/genesys/retry-policy";
import { REGION_HOSTS, readSettings, regionHost, resolveTarget } from "../../providers/genesys/settings";

describe("target", () => {
  it("maps AWS-style names, SDK keys and hosts to the region host", () => {
    expect(regionHost("eu-central-1")).toBe("mypurecloud.de");
    expect(regionHost("eu_central_1")).toBe("mypurecloud.de");
    expect(regionHost("mypurecloud.de")).toBe("mypurecloud.de");
    expect(regionHost("https://api.usw2.pure.cloud/")).toBe("usw2.pure.cloud");
    expect(() => regionHost("eu-middle-9")).toThrow(/eu-middle-9.*genesyscloud:region/);
  });

  it("knows every region the SDK knows (PureCloudRegionHosts), including eusc-de-east-1", () => {
    const sdkHosts = require("purecloud-platform-client-v2").PureCloudRegionHosts as Record<string, string>;
    expect(Object.keys(sdkHosts)).toContain("eusc_de_east_1");
    for (const [key, host] of Object.entries(sdkHosts)) {
      expect(regionHost(key.replace(/_/g, "-")), key).toBe(host);
      expect(regionHost(key), key).toBe(host);
    }
    expect(Object.keys(REGION_HOSTS)).toHaveLength(Object.keys(sdkHosts).length);
  });

  it("lets config win over the environment, key by key", () => {
    const target = resolveTarget(
      { clientId: "cfg-id", region: "eu-west-1" },
      { clientId: "env-id", clientSecret: "env-secret", region: "us-east-1" },
    );
    expect(target).toMatchObject({
      clientId: "cfg-id",
      clientSecret: "env-secret",
      loginUrl: "https://login.mypurecloud.ie",
      apiUrl: "https://api.mypurecloud.ie",
      environment: "mypurecloud.ie",
    });
  });

  it("uses apiUrl over the region for both login and API", () => {
    const target = resolveTarget({ clientId: "a", clientSecret: "b", apiUrl: "http://127.0.0.1:9000/", region: "bogus" }, {});
    expect(target.apiUrl).toBe("http://127.0.0.1:9000");
    expect(target.loginUrl).toBe("http://127.0.0.1:9000");
    expect(target.environment).toBeUndefined();
  });

  it("names every missing key and never echoes the secret", () => {
    expect(() => resolveTarget({}, {})).toThrow(
      /genesyscloud:oauthClientId.*GENESYSCLOUD_OAUTHCLIENT_ID.*genesyscloud:oauthClientSecret.*genesyscloud:region/,
    );
    let message = "";
    try {
      resolveTarget({ clientId: "a", clientSecret: "s3cr3t-value", apiUrl: "ftp://x" }, {});
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/genesyscloud:apiUrl/);
    expect(message).not.toContain("s3cr3t-value");
  });

  it("reads overridable limits and rejects bad ones by key", () => {
    const env = readSettings((k) => ({ GENESYSCLOUD_RETRY_MAX_ATTEMPTS: "3", GENESYSCLOUD_RETRY_MIN_WAIT_MS: " 10 " })[k], "env");
    const target = resolveTarget({ clientId: "a", clientSecret: "b", region: "eu-central-1" }, env);
    expect(target.limits.retryMaxAttempts).toBe(3);
    expect(target.limits.retryMinWaitMs).toBe(10);
    expect(target.limits.retryMaxWaitMs).toBe(30_000);
    expect(() => resolveTarget({ clientId: "a", clientSecret: "b", region: "eu-central-1", jobTimeoutMs: "soon" }, {})).toThrow(
      /"soon".*genesyscloud:jobTimeoutMs/,
    );
  });
});

describe("retry decisions", () => {
  const policy: RetryPolicy = { maxAttempts: 5, minWaitMs: 1000, maxWaitMs: 30_000, maxTotalMs: 60_000 };
  const extended = (status: number, headers: Record<string, string> = {}, body: unknown = { message: "m", code: "c" }) => ({
    status,
    headers,
    body,
    error: { config: { headers: { Authorization: "Bearer tok" } } },
  });

  it("normalises the SDK's rejection shapes without the request config", () => {
    const f = describeFailure(extended(429, { "retry-after": "2" }, { message: "Rate limit", code: "too.many.requests", contextId: "ctx" }));
    expect(f).toEqual({ status: 429, code: "too.many.requests", message: "Rate limit", retryAfterMs: 2000, correlationId: "ctx", network: false });
    expect(JSON.stringify(describeFailure(extended(500)))).not.toContain("Bearer");
    expect(describeFailure({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" })).toMatchObject({ network: true });
    expect(describeFailure({ message: "Not found", code: "not.found", status: 404 })).toMatchObject({ status: 404, network: false });
    expect(describeFailure("missing the required parameter")).toMatchObject({ message: "missing the required parameter", network: false });
    const fromMessage = describeFailure(extended(429, {}, { message: "Rate limit exceeded the maximum. Retry the request in [7] seconds" }));
    expect(fromMessage.retryAfterMs).toBe(7000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000)).toBe(4000);
  });

  it("retries 429 after exactly Retry-After, 5xx/408/network with backoff, not 4xx", () => {
    expect(decide(describeFailure(extended(429, { "retry-after": "2" })), 1, 0, policy, 0.5)).toMatchObject({ retry: true, waitMs: 2000 });
    for (const status of [408, 500, 502, 503, 504]) expect(decide(describeFailure(extended(status)), 1, 0, policy, 1).retry).toBe(true);
    expect(decide({ network: true, message: "x" }, 1, 0, policy, 1).retry).toBe(true);
    for (const status of [400, 401, 404, 409]) expect(decide(describeFailure(extended(status)), 1, 0, policy, 1).retry).toBe(false);
  });

  it("tolerates not-yet-visible statuses only within their window", () => {
    const tolerant = { ...policy, tolerate: { statuses: [404], forMs: 5000 } };
    expect(decide(describeFailure(extended(404)), 1, 4000, tolerant, 0).retry).toBe(true);
    expect(decide(describeFailure(extended(404)), 1, 5000, tolerant, 0).retry).toBe(false);
  });

  it("retries a 400 only while it names the object just created, and reports any other 400 at once", () => {
    const referencing = { ...policy, maxTotalMs: 120_000, pendingReference: { id: "integration-1", forMs: 60_000 } };
    const notVisible = { status: 400, message: "Integration 'integration-1' was not found", network: false };
    expect(decide(notVisible, 1, 59_000, referencing, 0)).toMatchObject({ retry: true, reason: "not visible yet (400 naming integration-1)" });
    expect(decide(notVisible, 1, 60_000, referencing, 0).retry).toBe(false);
    const badContract = { status: 400, message: "'contract.input.inputSchema.type' must be 'object'", network: false };
    expect(decide(badContract, 1, 0, referencing, 0)).toEqual({ retry: false, reason: "not retryable" });
    expect(decide(notVisible, 1, 0, policy, 0).retry).toBe(false);
  });

  it("stops at the attempt and total-time bounds", () => {
    expect(decide(describeFailure(extended(503)), 5, 0, policy, 0)).toMatchObject({ retry: false, reason: "gave up after 5 attempts" });
    expect(decide(describeFailure(extended(429, { "retry-after": "30" })), 1, 40_000, policy, 0)).toMatchObject({ retry: false });
  });

  it("backs off exponentially with jitter inside [half, full] of the capped wait", () => {
    expect(backoffMs(1, policy, 0)).toBe(500);
    expect(backoffMs(1, policy, 1)).toBe(1000);
    expect(backoffMs(3, policy, 1)).toBe(4000);
    expect(backoffMs(20, policy, 1)).toBe(30_000);
  });

  it("recognises stale versions", () => {
    expect(isStaleVersion({ status: 409, message: "conflict", network: false })).toBe(true);
    expect(isStaleVersion({ status: 400, message: "Version 3 does not match the current version 4", network: false })).toBe(true);
    expect(isStaleVersion({ status: 400, message: "bad name", network: false })).toBe(false);
  });

  it("the loop waits as decided and reports what it retried when it gives up", async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = withRetries(
      "Read thing",
      async () => {
        calls++;
        throw extended(503, {}, { message: "unavailable", code: "service.unavailable" });
      },
      { ...policy, maxAttempts: 3 },
      { sleep: async (ms) => void waits.push(ms), random: () => 1 },
    );
    await expect(failing).rejects.toThrow(/Read thing failed after 3 attempts .*transient error \(503\).*HTTP 503 service.unavailable unavailable/);
    expect(calls).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });
});
