// The migration of one stack to the provider plugin, over the three Pulumi operations it needs (the
// CLI's in tools/migrate.ts, the tests' through the Automation API): the export, written to a
// backup first, rewritten (rewrite.ts: the records moved under the stack's provider, whose record
// it adds), imported, and a preview that must change no Genesys object. Nothing reaches Genesys
// but the preview's reads.
import { randomUUID } from "crypto";
import * as fs from "fs";
import { PACKAGE, typeToken } from "../../provider-plugin/package-schema";
import { MigrationRefused, type ExportedState, providerUrn, refusePendingOperations, rewriteState, stateLayout } from "./rewrite";

export interface MigrationOps {
  exportState(): Promise<ExportedState>;
  importState(state: ExportedState): Promise<void>;
  /** `pulumi preview`: its steps that change something, as "op urn", and what it printed. */
  preview(): Promise<{ changes: string[]; output: string }>;
}

/**
 * Pure: the preview's changes that would touch a Genesys object. Records without one may be new
 * (the stack identity, a component of a later layout, e.g. HandoverEventBridge for a stack of
 * 05805b9) and the provider's record takes the program's configuration: the next up changes them
 * in the state only.
 */
export function genesysChanges(changes: readonly string[]): string[] {
  return changes.filter((change) => {
    const [op, urn] = change.split(" ");
    const type = urn.slice(urn.lastIndexOf("::", urn.lastIndexOf("::") - 1) + 2, urn.lastIndexOf("::")).split("$").pop()!;
    const stateOnly = (op === "create" && (type === typeToken("StackIdentity") || !type.startsWith("cognigy-genesys:"))) || (op === "update" && type === PROVIDER_TYPE);
    return !stateOnly;
  });
}

const PROVIDER_TYPE = `pulumi:providers:${PACKAGE}`;

export interface MigrationResult {
  outcome: "migrated" | "already-migrated" | "empty";
  backup?: string;
  moved: string[];
}

/** Migrates `stack` of `project`; `backupFile` gets the export before any change; `log` gets each step. */
export async function migrateStack(ops: MigrationOps, stack: string, project: string, backupFile: string, log: (line: string) => void): Promise<MigrationResult> {
  const before = await ops.exportState();
  refusePendingOperations(before);
  const layout = stateLayout(before);
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

  log(`(1) moving ${layout.records.length} record(s) to the provider plugin, under ${providerUrn(stack, project)}`);
  const after = rewriteState(before, stack, project, randomUUID());
  log("(2) importing the moved state (pulumi stack import)");
  await ops.importState(after);
  log("(3) preview: it must show no change to a Genesys object");
  const preview = await ops.preview();
  log(preview.output);
  const touching = genesysChanges(preview.changes);
  if (touching.length > 0) {
    throw new MigrationRefused(
      `the preview after the migration would change ${touching.join(", ")}; nothing was written to Genesys. Restore the state with: pulumi stack import --stack ${stack} --file ${backupFile}`,
    );
  }
  const stateOnly = preview.changes.length ? ` The next pulumi up adds records without a Genesys object: ${preview.changes.join(", ")}.` : "";
  log(`Stack ${stack} is on the provider plugin; the preview shows no change to a Genesys object.${stateOnly} Run pulumi up once: it changes no Genesys object.`);
  return { outcome: "migrated", backup: backupFile, moved: layout.records };
}
