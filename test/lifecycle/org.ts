// The org around the stack: objects someone else made, which the lifecycle must never touch,
// and views of the emulator's state and request log.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { Emulator, LogEntry, StateDump } from "../../dev/emulator/index";
import { login } from "../emulator/sdk";
import { enabledIntegration, publish, sendEventAction } from "../emulator/world";

const MINIMAL_WORKFLOW = readFileSync(join(__dirname, "..", "fixtures", "workflows", "minimal-no-data-action.yaml"), "utf8");

export interface Unrelated {
  integrationId: string;
  actionId: string;
  flowId: string;
  triggerId: string;
}

/**
 * Another team's setup, made with plain SDK calls: an enabled Web Services integration, an
 * action with our action's name in that integration's category, a published workflow and an
 * enabled trigger on the ACW topic (the topic our trigger lists by name).
 */
export async function seedUnrelated(emu: Emulator): Promise<Unrelated> {
  const api = await login(emu.url);
  const integration = await enabledIntegration(api);
  const action = await api.integrations.postIntegrationsActions(sendEventAction(integration.id, integration.name, "https://crm.example/events"));
  const job = await publish(api, MINIMAL_WORKFLOW.replace("name: Fixture minimal trigger target", "name: CRM after-call workflow"));
  if (job.status !== "Success" || !job.flowId) throw new Error(`seeding the unrelated workflow failed: ${JSON.stringify(job.messages)}`);
  const trigger = await api.triggers.postProcessautomationTriggers({
    name: "CRM after-call trigger",
    topicName: "v2.detail.events.conversation.{id}.acw",
    enabled: true,
    target: { type: "Workflow", id: job.flowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "MESSAGE" as unknown as object }],
  });
  return { integrationId: integration.id, actionId: action.id!, flowId: job.flowId, triggerId: trigger.id! };
}

/** The org's objects (jobs left out: they are history, not objects). */
export type Objects = Pick<StateDump, "integrations" | "actions" | "flows" | "triggers">;

/**
 * Seeds another team's setup (seedUnrelated) and returns `ours()`: our objects in the org now,
 * checking on every call that theirs are still exactly as seeded.
 */
export async function orgWithUnrelated(emu: Emulator): Promise<{ unrelated: Unrelated; ours: () => Objects }> {
  const unrelated = await seedUnrelated(emu);
  const theirsBefore = split(emu.state(), unrelated).theirs;
  const ours = (): Objects => {
    const { ours: mine, theirs } = split(emu.state(), unrelated);
    expect(theirs).toEqual(theirsBefore);
    return mine;
  };
  return { unrelated, ours };
}

export function split(state: StateDump, unrelated: Unrelated): { ours: Objects; theirs: Objects } {
  const theirIds = new Set(Object.values(unrelated));
  const part = (mine: boolean): Objects => ({
    integrations: state.integrations.filter((o) => theirIds.has(o.id) !== mine),
    actions: state.actions.filter((o) => theirIds.has(o.id) !== mine),
    flows: state.flows.filter((o) => theirIds.has(o.id) !== mine),
    triggers: state.triggers.filter((o) => theirIds.has(o.id) !== mine),
  });
  return { ours: part(true), theirs: part(false) };
}

/** Calls that change the org: every non-GET except the OAuth login. */
export function writeCalls(entries: LogEntry[]): string[] {
  return entries.filter((e) => e.method !== "GET" && e.route !== "POST /oauth/token").map((e) => `${e.route} → ${e.status}`);
}
