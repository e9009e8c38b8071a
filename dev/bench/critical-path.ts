// The lower bound of each phase: the longest chain of calls that must happen one after another
// (each needs the previous one's answer), times the per-call latency, plus the job time where
// the chain waits for Genesys to process a workflow. Anything above it is our overhead.

export type PhaseName = "cold up" | "no-op up" | "preview" | "endpoint change" | "refresh" | "destroy";

export const PHASES: readonly PhaseName[] = ["cold up", "no-op up", "preview", "endpoint change", "refresh", "destroy"];

/** One call of a chain: the emulator's route key and why it cannot start earlier. */
export interface ChainCall {
  route: string;
  why: string;
}

export interface Chain {
  calls: readonly ChainCall[];
  /** The chain waits for a workflow job (upload → Success) before its next call. */
  waitsForJob: boolean;
}

const LOGIN: ChainCall = { route: "POST /oauth/token", why: "every call needs a token" };

export const CHAINS: Readonly<Record<PhaseName, Chain>> = {
  "cold up": {
    calls: [
      LOGIN,
      { route: "POST /api/v2/integrations", why: "creates the integration" },
      { route: "GET /api/v2/integrations/{integrationId}/config/current", why: "the PUT needs the config's current version" },
      { route: "PUT /api/v2/integrations/{integrationId}/config/current", why: "names it (the action's category is that name)" },
      { route: "PATCH /api/v2/integrations/{integrationId}", why: "enables it" },
      { route: "POST /api/v2/integrations/actions", why: "needs the named, enabled integration" },
      { route: "POST /api/v2/flows/jobs", why: "the workflow resolves the action when it publishes" },
      { route: "PUT /uploads/architect-jobs/{jobId}", why: "needs the job's presigned URL" },
      { route: "GET /api/v2/flows/jobs/{jobId}", why: "the poll that sees Success, after the job time" },
      { route: "POST /api/v2/processautomation/triggers", why: "needs the published flow's id" },
    ],
    waitsForJob: true,
  },
  "no-op up": { calls: [], waitsForJob: false },
  preview: { calls: [], waitsForJob: false },
  "endpoint change": {
    calls: [
      LOGIN,
      { route: "GET /api/v2/integrations/actions/{actionId}", why: "the PATCH needs the action's current version" },
      { route: "PATCH /api/v2/integrations/actions/{actionId}", why: "writes the new request URL" },
    ],
    waitsForJob: false,
  },
  refresh: {
    // Every object (and each of its reads) can be read at the same time.
    calls: [LOGIN, { route: "GET /api/v2/integrations/actions/{actionId}", why: "one read round, all objects at once" }],
    waitsForJob: false,
  },
  destroy: {
    calls: [
      LOGIN,
      { route: "DELETE /api/v2/processautomation/triggers/{triggerId}", why: "stops traffic first" },
      { route: "DELETE /api/v2/flows/{flowId}", why: "a flow cannot go while a trigger targets it" },
      { route: "DELETE /api/v2/integrations/actions/{actionId}", why: "the workflows call the action" },
      { route: "DELETE /api/v2/integrations/{integrationId}", why: "the action lives under it" },
    ],
    waitsForJob: false,
  },
};

/** Milliseconds no implementation can beat at this latency and job time (0: nothing to do). */
export function lowerBoundMs(phase: PhaseName, latencyMs: number, jobMs: number): number {
  const chain = CHAINS[phase];
  return chain.calls.length * latencyMs + (chain.waitsForJob ? jobMs : 0);
}
