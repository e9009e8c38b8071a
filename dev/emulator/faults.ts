/**
 * `invisibility` targeted: a 404 for an object that exists, on any call naming it (Genesys's
 * read-after-create lag, which its Terraform provider waits out, can answer a DELETE as well as a
 * GET; how long after a create is not documented: a targeted fault strikes where a test says).
 */
export const TARGETED_KINDS = ["429", "500", "503", "hang", "lost", "500-after-apply", "invisibility"] as const;
export type TargetedKind = (typeof TARGETED_KINDS)[number];
export const RANDOM_KINDS = [...TARGETED_KINDS, "latency"] as const;
export type RandomKind = (typeof RANDOM_KINDS)[number];
/**
 * Faults on writes that Genesys applied: the answer never arrives (`lost`: the connection is held,
 * then dropped), or a 5xx arrives instead of it. The client cannot tell either from a write that
 * failed before it was applied, so a blind retry makes a second object.
 */
export const AFTER_APPLY_KINDS: readonly RandomKind[] = ["lost", "500-after-apply"];

export interface TargetedFault {
  /** Route key, e.g. `POST /api/v2/flows/jobs` (matched case-insensitively). */
  route: string;
  kind: TargetedKind;
  count: number;
  retryAfterSeconds?: number;
  hangMs?: number;
}

export interface RandomFaults {
  /** Probability (0..1) that a Genesys call gets a fault. */
  rate: number;
  seed: number;
  kinds: RandomKind[];
  retryAfterSeconds?: number;
  hangMs?: number;
  /** Delay added by the `latency` kind (default 1000 ms). */
  latencyMs?: number;
}

export interface FaultDecision {
  kind: RandomKind;
  retryAfterSeconds: number;
  hangMs: number;
  latencyMs: number;
}

export interface FaultStatus {
  pending: TargetedFault[];
  random: RandomFaults | null;
  /** Every call the random faults drew for since they were set, in arrival order, with what it drew (null: none). */
  plan: PlannedFault[];
  /** Faults injected so far (targeted and random), by kind. */
  injected: Record<string, number>;
}

const DEFAULT_RETRY_AFTER = 1;
const DEFAULT_HANG_MS = 60_000;
const DEFAULT_LATENCY_MS = 1_000;

/** Validation of control input: a clear message naming the bad key. */
export function checkTargeted(f: Partial<TargetedFault>, routeKeys: string[]): TargetedFault {
  if (typeof f.route !== "string" || !routeKeys.some((k) => k.toLowerCase() === f.route!.toLowerCase())) {
    throw new Error(`'route' must be one of the emulator's route keys, got ${JSON.stringify(f.route)}`);
  }
  if (!TARGETED_KINDS.includes(f.kind as TargetedKind)) {
    throw new Error(`'kind' must be one of ${TARGETED_KINDS.join(", ")}, got ${JSON.stringify(f.kind)}`);
  }
  if (AFTER_APPLY_KINDS.includes(f.kind as TargetedKind) && f.route.toUpperCase().startsWith("GET ")) {
    throw new Error(`'kind' ${f.kind} applies to writes only; ${JSON.stringify(f.route)} is a read`);
  }
  const count = f.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`'count' must be a positive integer, got ${JSON.stringify(f.count)}`);
  checkOptionalNonNegative(f, "retryAfterSeconds");
  checkOptionalNonNegative(f, "hangMs");
  return { route: f.route, kind: f.kind as TargetedKind, count, retryAfterSeconds: f.retryAfterSeconds, hangMs: f.hangMs };
}

export function checkRandom(f: Partial<RandomFaults>): RandomFaults {
  if (typeof f.rate !== "number" || f.rate < 0 || f.rate > 1) throw new Error(`'rate' must be a number from 0 to 1, got ${JSON.stringify(f.rate)}`);
  if (!Number.isInteger(f.seed)) throw new Error(`'seed' must be an integer, got ${JSON.stringify(f.seed)}`);
  if (!Array.isArray(f.kinds) || f.kinds.length === 0 || f.kinds.some((k) => !RANDOM_KINDS.includes(k))) {
    throw new Error(`'kinds' must be a non-empty list of ${RANDOM_KINDS.join(", ")}, got ${JSON.stringify(f.kinds)}`);
  }
  checkOptionalNonNegative(f, "retryAfterSeconds");
  checkOptionalNonNegative(f, "hangMs");
  checkOptionalNonNegative(f, "latencyMs");
  return { ...f, kinds: [...f.kinds] } as RandomFaults;
}

function checkOptionalNonNegative(f: object, key: string): void {
  const v = (f as Record<string, unknown>)[key];
  if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) {
    throw new Error(`'${key}' must be a non-negative number, got ${JSON.stringify(v)}`);
  }
}

/** mulberry32: tiny seeded PRNG so a reliability run can be replayed with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the text, mixed with the seed: one 32-bit state per (seed, call, attempt). */
function hash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * What a call is, for the random draw: its route and the object it concerns by a natural key (a
 * name, never a generated id, so that the same call of another run is the same call). `subject`
 * is "" where the call names no object (a listing without filters, a flow job's creation).
 */
export interface CallIdentity {
  route: string;
  subject: string;
}

/** One random draw: which call, its attempt (1 for the first call with that identity), and the fault, if any. */
export interface PlannedFault {
  call: string;
  attempt: number;
  kind: RandomKind | null;
}

/**
 * Pure: the random fault for the `attempt`-th call with this identity. Drawn from the seed and
 * the call alone, not from the order calls arrive in, so a seed gives the same fault to the same
 * call in every run (calls made side by side reach the emulator in any order).
 */
export function drawFault(config: Pick<RandomFaults, "rate" | "seed" | "kinds">, call: CallIdentity, attempt: number): RandomKind | null {
  const next = seeded(hash(config.seed, `${call.route} ${call.subject}#${attempt}`));
  if (next() >= config.rate) return null;
  return config.kinds[Math.floor(next() * config.kinds.length)];
}

/** The natural key a request names in its body: a JSON `name`, or a workflow YAML's first `name:` (an upload). */
export function bodyName(raw: string): string | undefined {
  try {
    const parsed = JSON.parse(raw) as unknown;
    const name = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>).name : undefined;
    return typeof name === "string" ? name : undefined;
  } catch {
    return /^\s*name:\s*(.+?)\s*$/m.exec(raw)?.[1];
  }
}

/**
 * The identity of a request: the name in its body, else the names of the objects its path
 * parameters point at (`nameOf`: the object's name, or undefined for an id it does not know),
 * plus the query's filters. Path parameters that are not generated ids (a topic, a version id, a
 * template file) are natural keys themselves; cursors are positions and stay out.
 */
export function callIdentity(
  route: string,
  params: Record<string, string>,
  query: URLSearchParams,
  rawBody: string,
  nameOf: (param: string, id: string) => string | undefined,
): CallIdentity {
  const named = bodyName(rawBody);
  const objects = Object.entries(params).map(([param, value]) => (param.endsWith("Id") && param !== "versionId" ? (nameOf(param, value) ?? "?") : value));
  const filters = [...query.entries()].filter(([key]) => key !== "after" && key !== "before").map(([key, value]) => `${key}=${value}`).sort();
  return { route, subject: [named ?? objects.join("/"), ...filters].filter((part) => part !== "").join(" ") };
}

export class Faults {
  private pending: TargetedFault[] = [];
  private random: { config: RandomFaults; attempts: Map<string, number>; plan: PlannedFault[] } | null = null;
  private injected: Record<string, number> = {};

  add(fault: TargetedFault): void {
    this.pending.push({ ...fault });
  }

  setRandom(config: RandomFaults | null): void {
    this.random = config ? { config, attempts: new Map(), plan: [] } : null;
  }

  clear(): void {
    this.pending = [];
    this.random = null;
    this.injected = {};
  }

  status(): FaultStatus {
    return {
      pending: this.pending.map((f) => ({ ...f })),
      random: this.random ? { ...this.random.config } : null,
      plan: this.random ? this.random.plan.map((p) => ({ ...p })) : [],
      injected: { ...this.injected },
    };
  }

  /**
   * The fault (if any) for this call. Targeted faults come first, in the order added; a random
   * fault is drawn from the call's identity and its attempt (drawFault). `invisibility` only
   * applies to single-object reads, the after-apply kinds only to writes; elsewhere the draw
   * yields nothing.
   */
  decide(call: CallIdentity, singleRead: boolean, write = false): FaultDecision | undefined {
    const i = this.pending.findIndex((f) => f.route.toLowerCase() === call.route.toLowerCase());
    if (i >= 0) {
      const f = this.pending[i];
      if (--f.count === 0) this.pending.splice(i, 1);
      return this.count({
        kind: f.kind,
        retryAfterSeconds: f.retryAfterSeconds ?? DEFAULT_RETRY_AFTER,
        hangMs: f.hangMs ?? DEFAULT_HANG_MS,
        latencyMs: 0,
      });
    }
    if (!this.random) return undefined;
    const { config, attempts, plan } = this.random;
    const key = `${call.route} ${call.subject}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const drawn = drawFault(config, call, attempt);
    const kind = drawn === "invisibility" && !singleRead ? null : drawn && AFTER_APPLY_KINDS.includes(drawn) && !write ? null : drawn;
    plan.push({ call: key, attempt, kind });
    if (!kind) return undefined;
    return this.count({
      kind,
      retryAfterSeconds: config.retryAfterSeconds ?? DEFAULT_RETRY_AFTER,
      hangMs: config.hangMs ?? DEFAULT_HANG_MS,
      latencyMs: config.latencyMs ?? DEFAULT_LATENCY_MS,
    });
  }

  private count(d: FaultDecision): FaultDecision {
    this.injected[d.kind] = (this.injected[d.kind] ?? 0) + 1;
    return d;
  }
}
