// What a user does after a `pulumi up` was killed (docs/crash-recovery.md), as code the crash
// tests and the reliability suite run: the CLI's own messages ask for each step.
//   0. With a file backend: a kill during a checkpoint write can leave the checkpoint torn
//      ("failed to load checkpoint: EOF"): Pulumi's DIY backend renames the previous one to
//      `<stack>.json.bak` and writes the new one in place (pulumi/pulumi#3089, #2801). Put the
//      `.bak` back; what the lost write recorded, the next `up` finds by name and marker.
//   1. `pulumi cancel`: the killed run left the stack locked ("the stack is currently locked …
//      delete the lock file with `pulumi cancel`").
//   2. Check each create the run was in ("interrupted while creating … confirm whether or not the
//      operations listed completed successfully"). Every object but one the next `up` finds by
//      name and marker and takes back. The exception is the integration: Genesys creates it under
//      its default name, and the run names and marks it with the next call, so one killed in
//      between leaves an unconfigured "Web Services Data Actions" that only the user can tell
//      apart from anyone else's: delete it.
//   3. `pulumi refresh --clear-pending-creates` ("`pulumi refresh` will need to be run
//      interactively to clear pending CREATE operations"; this flag is the non-interactive
//      "clear" answer). Its "import" answer (`--import-pending-creates <urn> <id>`) does not
//      work in v3.248: the refresh drops the operation and imports nothing (pkg/backend/
//      snapshot.go keeps only pending creates; nothing reads an "importing" one).
//   4. `pulumi up`.
import { DEFAULT_INTEGRATION_NAMES } from "../emulator/unverified";
import { typeToken } from "../../provider-plugin/package-schema";
import type { ListedIntegration } from "../../providers/genesys/integrations";
import { isUnconfigured } from "../../providers/integration-setup";
import * as fs from "fs";
import type { ProjectStack, RunResult } from "../pulumi/stack";

/** The Pulumi type of the Web Services integration (the one created nameless, then named). */
export const INTEGRATION_RESOURCE_TYPE = typeToken("Integration");

export interface PendingOperation {
  type: string;
  resource: { urn: string; type: string };
}

/** Pure: the URNs of the creates a killed run was in, from `pulumi stack export`. */
export function pendingCreates(deployment: { pending_operations?: PendingOperation[] }): { urn: string; type: string }[] {
  return (deployment.pending_operations ?? []).filter((op) => op.type === "creating").map((op) => ({ urn: op.resource.urn, type: op.resource.type }));
}

/**
 * Pure: integrations as Genesys leaves them right after `POST /api/v2/integrations`, before
 * anyone saved their configuration, under the type's default name (or "<default> (n)"): what
 * the user looks for in Admin > Integrations after a crash.
 */
export function unconfiguredIntegrations(listing: readonly ListedIntegration[], typeId: string): ListedIntegration[] {
  const base = DEFAULT_INTEGRATION_NAMES[typeId];
  return listing.filter((i) => i.integrationType?.id === typeId && (i.name === base || (i.name?.startsWith(`${base} (`) ?? false)) && isUnconfigured(i, i.config?.current?.version));
}

/**
 * Step 0: puts `<checkpoint>.bak` back when the checkpoint does not parse. False when the
 * checkpoint is whole (or there is none yet); throws, naming both files, when it is torn and has
 * no backup.
 */
export function restoreTornCheckpoint(checkpoint: string): boolean {
  if (!fs.existsSync(checkpoint)) return false;
  try {
    JSON.parse(fs.readFileSync(checkpoint, "utf8"));
    return false;
  } catch {
    const backup = `${checkpoint}.bak`;
    if (!fs.existsSync(backup)) throw new Error(`The checkpoint ${checkpoint} is torn (the CLI was killed while writing it) and ${backup} does not exist: restore the stack from a backup in the backend's .pulumi/history`);
    fs.copyFileSync(backup, checkpoint);
    return true;
  }
}

export interface RecoveryContext {
  stack: ProjectStack;
  /** What the user finds in Genesys: the org's integrations. */
  listIntegrations(): Promise<ListedIntegration[]>;
  /** The user deletes an integration (Admin > Integrations). */
  deleteIntegration(id: string): Promise<void>;
}

export interface Recovery {
  /** Whether a torn checkpoint was replaced by its backup (step 0). */
  restoredCheckpoint: boolean;
  /** Unconfigured integrations the user deleted (step 2). */
  deleted: string[];
  /** The pending creates the refresh cleared. */
  cleared: string[];
  up: RunResult;
}

/** The runbook after a killed `pulumi up`: cancel, delete a half-made integration, clear the pending creates, up. */
export async function recoverKilledUp(ctx: RecoveryContext): Promise<Recovery> {
  let restoredCheckpoint = restoreTornCheckpoint(ctx.stack.checkpointFile);
  // As the runbook says it: step 0 whenever the CLI cannot load the checkpoint, at any step (a
  // write of the killed tree can end after the kill was reported, so the file is looked at again
  // then; when it reads whole by that time, the step is simply run again).
  const step = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (!/failed to load checkpoint/.test(String(err))) throw err;
      if (restoreTornCheckpoint(ctx.stack.checkpointFile)) restoredCheckpoint = true;
      return run();
    }
  };
  await step(() => ctx.stack.cancel());
  const pending = pendingCreates((await step(() => ctx.stack.exportState())).deployment);
  const deleted: string[] = [];
  if (pending.some((op) => op.type === INTEGRATION_RESOURCE_TYPE)) {
    const candidates = unconfiguredIntegrations(await ctx.listIntegrations(), "custom-rest-actions");
    // Exactly one: the crashed run's. None: its POST never got through. More: a person decides.
    if (candidates.length > 1) throw new Error(`${candidates.length} unconfigured integrations (${candidates.map((c) => c.id).join(", ")}): check which one the killed run made`);
    for (const candidate of candidates) {
      await ctx.deleteIntegration(candidate.id);
      deleted.push(candidate.id);
    }
  }
  if (pending.length > 0) await step(() => ctx.stack.refresh({ clearPendingCreates: true }));
  const up = await step(() => ctx.stack.up());
  return { restoredCheckpoint, deleted, cleared: pending.map((op) => op.urn), up };
}
