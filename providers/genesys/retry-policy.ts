// The retry policy, in one place: its settings and their defaults (Limits; README.md "Tuning
// the retries" documents each), the statuses retried or tolerated and why, the version-conflict
// bound, the pure decisions over a normalised failure, and the one loop that applies them. The
// SDK never retries (not on 429, not on 5xx) and ignores Retry-After.
import { ProviderError } from "./provider-error";

/** What we know about one failed call, from whichever shape the SDK rejected with. */
export interface ApiFailure {
  status?: number;
  code?: string;
  message: string;
  /** From the Retry-After header (integer seconds) or the 429 message. */
  retryAfterMs?: number;
  correlationId?: string;
  /** No HTTP response at all (refused, reset, timed out). */
  network: boolean;
}

/** A failed API call after the retry loop gave up (or decided not to retry). */
export class GenesysApiError extends ProviderError {
  readonly status?: number;
  readonly code?: string;
  readonly correlationId?: string;
  constructor(message: string, failure: ApiFailure) {
    super("GenesysApiError", message);
    this.status = failure.status;
    this.code = failure.code;
    this.correlationId = failure.correlationId;
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  minWaitMs: number;
  maxWaitMs: number;
  maxTotalMs: number;
  /**
   * Statuses that mean "not visible yet" for this call (404 on read-after-create, 400/408 on a
   * create that references a fresh object): retried like 5xx, but only within `forMs`.
   */
  tolerate?: { statuses: readonly number[]; forMs: number };
  /**
   * The id of an object just created that this call references: a 400 whose message names it
   * means Genesys does not see that object yet, retried only within `forMs`. That wording is a
   * guess, so a 400 or 404 that does not name it is retried too while `seen` says Genesys does
   * not show the object yet. Any other 400 is a real refusal (bad contract, bad criteria) and is
   * reported at once.
   */
  pendingReference?: { id: string; forMs: number; seen?: () => Promise<boolean> };
}

/** Timeouts and retry bounds (stack config genesyscloud:<name>, see settings.ts); defaults follow Genesys's Terraform provider. */
export interface Limits {
  requestTimeoutMs: number;
  retryMaxAttempts: number;
  retryMinWaitMs: number;
  retryMaxWaitMs: number;
  retryMaxTotalMs: number;
  /** How long a 404 right after a create counts as "not visible yet" (a 400 naming a fresh object: at most a minute). */
  visibilityTimeoutMs: number;
  /** Bound on polling one flow job. */
  jobTimeoutMs: number;
  /** Bound on waiting for an enabled integration's reportedState to leave ACTIVATING. */
  activationTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  requestTimeoutMs: 16_000,
  retryMaxAttempts: 20,
  retryMinWaitMs: 1_000,
  retryMaxWaitMs: 30_000,
  retryMaxTotalMs: 5 * 60_000,
  visibilityTimeoutMs: 5 * 60_000,
  jobTimeoutMs: 16 * 60_000,
  activationTimeoutMs: 5 * 60_000,
};

/** How long a 400 naming a just-created object counts as "not visible yet": seconds on Genesys. */
export const REFERENCE_VISIBILITY_MS = 60_000;

/** What one call adds to the policy. */
export interface PolicyOptions {
  /** Statuses that mean "not visible yet" for this call (one of TOLERATE); retried within `visibilityTimeoutMs`. */
  readonly tolerate?: readonly number[];
  /**
   * The id of the object this create references, made just before (the integration of a data
   * action, the workflow of a trigger): a 400 naming it is retried, for at most
   * REFERENCE_VISIBILITY_MS; so is a 400 or 404 that does not, while `referenceSeen` says
   * Genesys does not show that object yet (which answer Genesys gives is not documented).
   */
  readonly referencing?: string;
  /** For `referencing`: whether Genesys shows that object now (a read of it). */
  readonly referenceSeen?: () => Promise<boolean>;
}

/** Pure: the policy of one call under these limits. */
export function policyFor(limits: Limits, options: PolicyOptions = {}): RetryPolicy {
  const referenceMs = Math.min(limits.visibilityTimeoutMs, REFERENCE_VISIBILITY_MS);
  return {
    maxAttempts: limits.retryMaxAttempts,
    minWaitMs: limits.retryMinWaitMs,
    maxWaitMs: limits.retryMaxWaitMs,
    maxTotalMs: Math.max(limits.retryMaxTotalMs, options.tolerate ? limits.visibilityTimeoutMs : 0),
    tolerate: options.tolerate ? { statuses: options.tolerate, forMs: limits.visibilityTimeoutMs } : undefined,
    pendingReference: options.referencing ? { id: options.referencing, forMs: referenceMs, seen: options.referenceSeen } : undefined,
  };
}

const NOT_RETRYABLE = "not retryable";

/** "transient error (503) ×2, rate limited (429)". */
function countedReasons(reasons: string[]): string {
  const counts: [string, number][] = [];
  for (const reason of reasons) {
    const entry = counts.find(([r]) => r === reason);
    if (entry) entry[1]++;
    else counts.push([reason, 1]);
  }
  return counts.map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(", ");
}

export type Decision = { retry: true; waitMs: number; reason: string } | { retry: false; reason: string };

/** Retried on any call: request timeout, and the server errors Genesys answers while it recovers. */
const TRANSIENT: readonly number[] = [408, 500, 502, 503, 504];

/**
 * Statuses a call tolerates beyond the rules of `decide`, each named by why: the client modules
 * (providers/genesys/<kind>.ts) pass one as a call's `tolerate`, retried within
 * `visibilityTimeoutMs`. Every other 4xx but 429 is the caller's mistake and reported at once.
 */
export const TOLERATE = {
  /** A read right after a create: Genesys's single-object reads are eventually consistent (its Terraform provider waits up to 5 min). */
  justCreated: [404],
  /** Deleting a workflow Architect still holds locked, or that a trigger being deleted still targets. */
  lockedOrReferenced: [409],
} as const;

/** A read or delete answered this: the object is gone (a read reports it removed, a delete is done). */
export const GONE_STATUS = 404;

/** How many times a read-modify-write is redone after a stale `version` (409, or 400 "does not match"). */
export function versionConflictAttempts(limits: Pick<Limits, "retryMaxAttempts">): number {
  return Math.max(2, Math.min(limits.retryMaxAttempts, 10));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

function header(headers: unknown, name: string): string | undefined {
  const record = asRecord(headers);
  if (!record) return undefined;
  const getter = record.get;
  if (typeof getter === "function") {
    const value = (getter as (n: string) => unknown).call(headers, name);
    if (typeof value === "string") return value;
  }
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() === name && (typeof value === "string" || typeof value === "number")) return String(value);
  }
  return undefined;
}

/** Integer seconds (what Genesys sends) or an HTTP date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Normalises what the SDK rejects with: its extended error `{status, headers, body, error}`,
 * a Genesys error body, a raw string, or an AxiosError (network, or login). Only status,
 * code, message and correlation id are kept: the request config of an AxiosError carries the
 * Authorization header and must never reach a message.
 */
export function describeFailure(err: unknown, nowMs = Date.now()): ApiFailure {
  if (typeof err === "string") return { message: err, network: false };
  const record = asRecord(err);
  if (!record) return { message: String(err), network: false };
  const response = asRecord(record.response);
  const extended = typeof record.status === "number" && "headers" in record && "body" in record;
  const headers = extended ? record.headers : response?.headers;
  const bodyValue = extended ? record.body : response ? response.data : record;
  const body = asRecord(bodyValue);
  const status =
    typeof record.status === "number" ? record.status : typeof response?.status === "number" ? response.status : undefined;
  // A Genesys error body always carries its status; anything else without one never got an answer.
  if (status === undefined && typeof body?.status !== "number") {
    const code = typeof record.code === "string" ? record.code : undefined;
    const message = typeof record.message === "string" ? record.message : "request failed without a response";
    return { code, message: code && !message.includes(code) ? `${code}: ${message}` : message, network: true };
  }
  const message =
    typeof body?.message === "string"
      ? body.message
      : typeof bodyValue === "string" && bodyValue !== ""
        ? bodyValue.slice(0, 500)
        : typeof record.statusText === "string" && record.statusText !== ""
          ? record.statusText
          : `HTTP ${status}`;
  let retryAfterMs = parseRetryAfter(header(headers, "retry-after"), nowMs);
  if (retryAfterMs === undefined && status === 429) {
    const match = /retry the request in \[?(\d+)\]? seconds/i.exec(message);
    if (match) retryAfterMs = Number(match[1]) * 1000;
  }
  return {
    status: status ?? (typeof body?.status === "number" ? body.status : undefined),
    code: typeof body?.code === "string" ? body.code : undefined,
    message,
    retryAfterMs,
    correlationId:
      (typeof body?.contextId === "string" ? body.contextId : undefined) ?? header(headers, "inin-correlation-id"),
    network: false,
  };
}

/**
 * A stale `version` in a PUT/PATCH: 409, or Genesys's 400 "does not match the current version" (as
 * Genesys's Terraform provider tells them, util.IsVersionMismatch).
 */
export function isStaleVersion(failure: ApiFailure): boolean {
  return failure.status === 409 || (failure.status === 400 && /does not match the current version/i.test(failure.message));
}

export function summarise(failure: ApiFailure): string {
  const parts = [failure.status !== undefined ? `HTTP ${failure.status}` : "network error"];
  if (failure.code && failure.code !== failure.message) parts.push(failure.code);
  parts.push(failure.message);
  if (failure.correlationId) parts.push(`(correlation id ${failure.correlationId})`);
  return parts.join(" ");
}

/** Jittered exponential backoff: attempt 1 waits between half and all of minWaitMs, doubling up to maxWaitMs. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxWaitMs, policy.minWaitMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * Whether to try again after the `attempt`-th failure, `elapsedMs` after the first try.
 * 429 waits what Retry-After says (never less); everything is bounded by attempts and total time.
 * `referenceUnseen`: a read just showed that the object the call references is not visible yet.
 */
export function decide(failure: ApiFailure, attempt: number, elapsedMs: number, policy: RetryPolicy, random: number, referenceUnseen = false): Decision {
  const status = failure.status;
  let reason: string | undefined;
  if (status === 429) reason = "rate limited (429)";
  else if (failure.network) reason = "network error";
  else if (status !== undefined && policy.tolerate?.statuses.includes(status)) {
    if (elapsedMs < policy.tolerate.forMs) reason = `not visible yet (${status})`;
  } else if (status === 400 && policy.pendingReference && failure.message.includes(policy.pendingReference.id)) {
    if (elapsedMs < policy.pendingReference.forMs) reason = `not visible yet (400 naming ${policy.pendingReference.id})`;
  } else if ((status === 400 || status === 404) && policy.pendingReference && referenceUnseen) {
    if (elapsedMs < policy.pendingReference.forMs) reason = `not visible yet (${status}; ${policy.pendingReference.id} not shown yet)`;
  } else if (status !== undefined && TRANSIENT.includes(status)) reason = `transient error (${status})`;
  if (reason === undefined) return { retry: false, reason: NOT_RETRYABLE };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const waitMs =
    status === 429 && failure.retryAfterMs !== undefined ? failure.retryAfterMs : backoffMs(attempt, policy, random);
  if (elapsedMs + waitMs > policy.maxTotalMs) {
    return { retry: false, reason: `gave up: waiting ${waitMs} ms more would exceed the ${policy.maxTotalMs} ms bound` };
  }
  return { retry: true, waitMs, reason };
}

export interface LoopHooks {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  onRetry?: (label: string, failure: ApiFailure, attempt: number, waitMs: number) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A 400 or 404 of a call that references a fresh object, within its window: does a read of that object say it is not shown yet? */
async function referenceUnseen(policy: RetryPolicy, failure: ApiFailure, elapsedMs: number): Promise<boolean> {
  const reference = policy.pendingReference;
  if (!reference?.seen || (failure.status !== 400 && failure.status !== 404) || elapsedMs >= reference.forMs) return false;
  // A read that fails says nothing: the refusal is reported as it came.
  return !(await reference.seen().catch(() => true));
}

/** The one retry loop. `label` says what was attempted, for the final error. */
export async function withRetries<T>(label: string, fn: () => Promise<T>, policy: RetryPolicy, hooks: LoopHooks = {}): Promise<T> {
  const now = hooks.now ?? Date.now;
  const started = now();
  const retried: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GenesysApiError) throw err;
      const failure = describeFailure(err, now());
      const elapsed = now() - started;
      const random = (hooks.random ?? Math.random)();
      let decision = decide(failure, attempt, elapsed, policy, random);
      if (decision.reason === NOT_RETRYABLE && (await referenceUnseen(policy, failure, elapsed))) {
        decision = decide(failure, attempt, elapsed, policy, random, true);
      }
      if (!decision.retry) {
        const history =
          retried.length > 0
            ? ` after ${attempt} attempts over ${(elapsed / 1000).toFixed(1)} s (retried: ${countedReasons(retried)}; ${decision.reason})`
            : decision.reason !== NOT_RETRYABLE
              ? ` (${decision.reason})`
              : "";
        throw new GenesysApiError(`${label} failed${history}: ${summarise(failure)}`, failure);
      }
      retried.push(decision.reason);
      hooks.onRetry?.(label, failure, attempt, decision.waitMs);
      await (hooks.sleep ?? sleep)(decision.waitMs);
    }
  }
}
