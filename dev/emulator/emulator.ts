// What an emulator is to its users (tests, local mode, bench, reliability) and to its control
// routes: the options it starts with and the handle it answers with.
import type { Settings } from "./context";
import type { EventRecord } from "./events";
import type { FaultStatus, RandomFaults, TargetedFault } from "./faults";
import type { Hold, HeldRequest } from "./holds";
import type { LogSnapshot } from "./log";
import type { FlowLock, StateDump } from "./store";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** OAuth clients; default one client `emulator-client` / `emulator-secret`. */
  clients?: { id: string; secret: string; permissions?: string[] }[];
  jobMs?: number;
  /** How long an integration's activation (or deactivation) takes to report its outcome. */
  activationMs?: number;
  latencyMs?: number;
  rateLimitPerMinute?: number;
  tokenTtlSeconds?: number;
  invisibilityMs?: number;
  /** The name of the org's home division (Genesys orgs may rename it); default "Home". */
  homeDivision?: string;
  /** Loaded on start (if it exists), written atomically on close. */
  statePath?: string;
}

export type TargetedFaultInput = Omit<TargetedFault, "count"> & { count?: number };

export interface Emulator {
  /** `http://127.0.0.1:<port>`: serves /oauth/token, /api/v2/..., the upload URL and /__emulator/. */
  url: string;
  port: number;
  close(): Promise<void>;
  state(): StateDump;
  log(): LogSnapshot;
  clearLog(): void;
  injectFaults(faults: TargetedFaultInput | TargetedFaultInput[]): void;
  setRandomFaults(config: RandomFaults | null): void;
  /** Pending targeted faults, the random-fault config and what was injected so far, by kind. */
  faults(): FaultStatus;
  clearFaults(): void;
  /**
   * Holds the `nth` Genesys call of `route` from now (default the next) unanswered until
   * `release()` (or reset/close), so a test waits for the event it is about (another call
   * arriving meanwhile) rather than a time window.
   */
  hold(route: string, nth?: number): Hold;
  /** The holds so far: which arrived, which were released. */
  holds(): HeldRequest[];
  releaseHold(id: string): void;
  settings(): Settings;
  configure(patch: Partial<Settings>): Settings;
  /** `permissions`: the client's roles' permissions (`*` parts allowed); none given: every permission. */
  addClient(id: string, secret: string, permissions?: string[]): void;
  /** Every token issued so far expires now; the next call with one is answered 401 (expired). */
  expireTokens(): void;
  /** Deletes the OAuth client: its logins are refused (401) and its tokens answered 401 from now on. */
  revokeClient(id: string): void;
  /** Grants or takes away permissions of a client (undefined: every permission); effective at once. */
  setPermissions(clientId: string, permissions: string[] | undefined): void;
  /** Empties the org (objects, jobs), the log, faults and rate windows; keeps clients, tokens, settings. */
  reset(): void;
  /**
   * From now on, activating an EventBridge integration for this AWS account ends in ERROR (as for a
   * wrong account or region), with `detail` or Genesys-like default wording. Cleared by reset().
   */
  failActivations(awsAccountId: string, detail?: string): void;
  /** The next flow job to finish ends in Failure with these message texts (none: a failure without messages). */
  failNextJob(messages?: string[]): void;
  /** Activations succeed again (for integrations activated from now on). */
  clearActivationFailures(): void;
  /**
   * Locks a flow as its holder would by opening it in Architect: a person (`{ user: { id, name } }`,
   * read back as `lockedUser`) or an OAuth client (`{ clientId }`, read back as `lockedClient`);
   * default another client. Delete → 409, unlock frees it.
   */
  lockFlow(flowId: string, holder?: FlowLock): void;
  /** Route keys usable in faults, e.g. `POST /api/v2/flows/jobs`. */
  routes(): string[];
  /**
   * In process only: `hook` runs after each Platform API call changed the org and before its
   * answer is sent (the caller waits), with the call's route key; undefined removes it. A test
   * can so act on every state the org passes through, e.g. publish events during an `up`.
   */
  onBeforeAnswer(hook: ((routeKey: string) => Promise<void>) | undefined): void;
  /**
   * Publishes one analytics event as Genesys would: matching triggers start their workflows.
   * Resolves with the event's execution log once the workflows started at once have finished.
   */
  publishEvent(topic: string, event: Record<string, unknown>): Promise<EventRecord>;
  /** The execution logs of the events published so far (cleared by reset()). */
  events(): EventRecord[];
  event(id: string): EventRecord;
}
