// Objects in Genesys that stand in the way of a delete and are not the stack's to remove: another
// team's data actions under the stack's integration, a lock someone else holds on a workflow,
// another team's trigger targeting it. Pure: who holds what, and the refusal that names them.
//
// Each is a failed step, not a warning: a warning of a step that succeeds is easily missed, and a
// delete that "succeeded" would drop the object
// from the state while it stays in Genesys, unmanaged and unmentioned. A failure keeps it in the
// state, prints the message under the resource's name, and the next run tries again.
import type { LiveAction } from "./genesys/actions";
import type { LiveFlow } from "./genesys/flows";
import type { LiveTrigger } from "./genesys/triggers";

/** An object the refusal is about. */
export interface Named {
  id: string;
  name: string;
}

/** The step's way out when the user wants to keep the object and stop managing it. */
const RELEASE =
  "release it from this stack, which keeps it in Genesys as it is: `pulumi state delete '<URN>'` with the URN " +
  "`pulumi stack --show-urns` gives for the resource this error is reported under";

/** Pure: why the integration is kept, naming every action under it the stack did not make. */
export function foreignActionsRefusal(integration: Named, foreign: readonly LiveAction[]): string {
  const listed = foreign.map((a) => `  - "${a.name ?? "(no name)"}" (category "${a.category ?? ""}", id ${a.id})`).join("\n");
  return (
    `Integration "${integration.name}" (id ${integration.id}) was kept: Genesys deletes every data action under an ` +
    `integration with it, and ${foreign.length === 1 ? "this action is" : "these actions are"} not this stack's:\n${listed}\n` +
    `Either delete them in Genesys Cloud (Admin > Integrations > Actions; an action cannot change its integration, so ` +
    `re-create any still needed under another integration first) and run again, or ${RELEASE}.`
  );
}

/**
 * Who holds Architect's lock on the flow: this OAuth client itself, or someone named by `text`,
 * e.g. `user "Ann Lee" (ann@example.com, id 3f…)` or `OAuth client "ci" (id 9b…)`.
 */
export type LockHolder = { own: true } | { own: false; text: string };

/**
 * Pure: the holder of the flow's lock, if any. A lock with a user is a person's, whatever client
 * they opened Architect with; only a lock by this client alone is its own.
 */
export function lockHolder(flow: Pick<LiveFlow, "lockedUser" | "lockedClient">, ownClientId: string): LockHolder | undefined {
  const user = flow.lockedUser;
  if (user) {
    const details = [user.email, user.id && `id ${user.id}`].filter(Boolean).join(", ");
    return { own: false, text: `user ${user.name ? `"${user.name}"` : "(name not given)"}${details ? ` (${details})` : ""}` };
  }
  const client = flow.lockedClient;
  if (!client) return undefined;
  if (client.id === ownClientId) return { own: true };
  return { own: false, text: `OAuth client ${client.name ? `"${client.name}" ` : ""}(id ${client.id ?? "not given"})` };
}

/** Pure: a workflow someone else has locked is left alone, lock and all. */
export function lockedRefusal(workflow: Named, holder: string): string {
  return (
    `Workflow "${workflow.name}" (id ${workflow.id}) was not deleted: it is locked in Architect by ${holder}, who may have ` +
    `unsaved changes, and this stack never breaks a lock it does not hold. Ask them to close the flow in Architect ` +
    `(or an Architect admin to unlock it there), then run again; or ${RELEASE}.`
  );
}

/** Pure: Genesys refuses to delete a workflow a trigger targets; these triggers are not the stack's. */
export function foreignTriggersRefusal(workflow: Named, foreign: readonly LiveTrigger[]): string {
  const listed = foreign.map((t) => `  - "${t.name ?? "(no name)"}" (topic ${t.topicName ?? "(none)"}, id ${t.id})`).join("\n");
  return (
    `Workflow "${workflow.name}" (id ${workflow.id}) was not deleted: Genesys keeps a workflow while a trigger targets it, ` +
    `and ${foreign.length === 1 ? "this trigger is" : "these triggers are"} not this stack's:\n${listed}\n` +
    `Point them at another workflow or delete them on Genesys Cloud's Triggers page and run again, or ${RELEASE}.`
  );
}
