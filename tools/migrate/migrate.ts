// The migration of one stack to the provider plugin, over the four Pulumi operations it needs (the
// CLI's in tools/migrate.ts, the tests' through the Automation API): (a) a targeted up that creates
// only the plugin's provider record (nothing reaches Genesys: a provider resource makes no call),
// (b) the export, written to a backup first, rewritten (rewrite.ts), (c) imported, and (d) a
// preview that must show no change.
import * as fs from "fs";
import { typeToken } from "../../provider-plugin/package-schema";
import { MigrationRefused, type ExportedState, providerUrn, refusePendingOperations, rewriteState, stateLayout } from "./rewrite";

export interface MigrationOps {
  exportState(): Promise<ExportedState>;
  importState(state: ExportedState): Promise<void>;
  /** `pulumi up --target <urn>` with MIGRATING_STACK_VARIABLE (stacks/dynamic-state-guard.ts) set to the stack's name. */
  upTarget(urn: string): Promise<void>;
  /** `pulumi preview`: its steps that change something, as "op urn", and what it printed. */
  preview(): Promise<{ changes: string[]; output: string }>;
}

/**
 * Pure: the preview's changes that would touch a Genesys object. Records without one may be new
 * (the stack identity, a component of a later layout, e.g. HandoverEventBridge for a stack of
 * 05805b9): the next up adds them to the state only.
 */
export function genesysChanges(changes: readonly string[]): string[] {
  return changes.filter((change) => {
    const [op, urn] = change.split(" ");
    const type = urn.slice(urn.lastIndexOf("::", urn.lastIndexOf("::") - 1) + 2, urn.lastIndexOf("::")).split("$").pop()!;
    const stateOnly = op === "create" && (type === typeToken("StackIdentity") || !type.startsWith("cognigy-genesys:"));
    return !stateOnly;
  });
}

export interface MigrationResult {
  outcome: "migrated" | "already-migrated" | "empty";
  backup?: string;
  moved: string[];
}

/** Migrates `stack` of `project`; `backupFile` gets the export before any change; `log` gets each step. */
export async function migrateStack(ops: MigrationOps, stack: string, project: string, backupFile: string, log: (line: string) => void): Promise<MigrationResult> {
  const before = await ops.exportState();
  refusePendingOperations(before);
  const layout = stateLayout(before, stack, project);
  if (layout.kind === "migrated") {
    log(`Stack ${stack} is already on the provider plugin: nothing to do, nothing changed.`);
    return { outcome: "already-migrated", moved: [] };
  }
  if (layout.kind === "empty") {
    log(`Stack ${stack} holds no Genesys object of the dynamic layout: nothing to migrate, nothing changed.`);
    return { outcome: "empty", moved: [] };
  }
  fs.writeFileSync(backupFile, `${JSON.stringify(before, null, 2)}\n`, { mode: 0o600 });
  log(`Backup of the state before the migration: ${backupFile} (restore: pulumi stack import --stack ${stack} --file ${backupFile})`);

  // Also when a refused run of the program left the record: the targeted up brings it to the stack's config.
  const urn = providerUrn(stack, project);
  log(`(a) ${layout.provider ? "updating" : "creating"} the provider record ${urn} (pulumi up --target; no call to Genesys)`);
  await ops.upTarget(urn);
  const withProvider = await ops.exportState();
  log(`(b) moving ${layout.records.length} record(s) to the provider plugin`);
  const after = rewriteState(withProvider, urn);
  log("(c) importing the moved state (pulumi stack import)");
  await ops.importState(after);
  log("(d) preview: it must show no change to a Genesys object");
  const preview = await ops.preview();
  log(preview.output);
  const touching = genesysChanges(preview.changes);
  if (touching.length > 0) {
    throw new MigrationRefused(
      `the preview after the migration would change ${touching.join(", ")}; nothing was written to Genesys. Restore the state with: pulumi stack import --stack ${stack} --file ${backupFile}`,
    );
  }
  const stateOnly = preview.changes.length ? ` The next pulumi up adds records without a Genesys object: ${preview.changes.join(", ")}.` : "";
  log(`Stack ${stack} is on the provider plugin; the preview shows no change to a Genesys object.${stateOnly} Run pulumi up once: it changes no Genesys object and restores the stack's outputs.`);
  return { outcome: "migrated", backup: backupFile, moved: layout.records };
}
