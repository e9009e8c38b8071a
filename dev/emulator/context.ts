import type { ActionExecutions } from "./action-executions";
import type { Store } from "./store";
import type { Timers } from "./timers";

export interface Settings {
  /** Added to every Genesys call before it is handled. */
  latencyMs: number;
  /** How long a flow job takes from upload to Success/Failure. */
  jobMs: number;
  /** How long an integration stays ACTIVATING/DEACTIVATING after its intended state changed. */
  activationMs: number;
  /** Read-after-create window in which single-object reads answer 404. */
  invisibilityMs: number;
  tokenTtlSeconds: number;
  rateLimitPerMinute: number;
}

export const DEFAULT_SETTINGS: Settings = {
  latencyMs: 0,
  jobMs: 300,
  activationMs: 200,
  invisibilityMs: 0,
  tokenTtlSeconds: 86_400,
  rateLimitPerMinute: 300,
};

/** What route modules see of the emulator. */
export interface Context {
  store: Store;
  /** For every wait the emulator starts (cancelled on close). */
  timers: Timers;
  settings: Settings;
  /**
   * AWS accounts in which Genesys cannot make a partner event source (wrong account or region):
   * activating an EventBridge integration for one of them ends in ERROR with this detail.
   */
  failingAwsAccounts: Map<string, string>;
  /** The data action runs of workflows, for the analytics query (cleared by reset). */
  actionExecutions: ActionExecutions;
  /** Outcomes forced on the next flow jobs to finish: each a Failure with these message texts (maybe none). */
  jobFailures: string[][];
  /** The permissions of an OAuth client's roles; undefined: every permission. */
  permissionsOf(clientId: string): readonly string[] | undefined;
  /** Base URL the emulator listens on (for selfUri-like links and the presigned upload URL). */
  baseUrl(): string;
  /** False while a freshly created object is still inside the invisibility window. */
  isVisible(createdAt: number): boolean;
}
