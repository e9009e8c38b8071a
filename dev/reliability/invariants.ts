// Pure checks over an emulator state dump: what must hold after every step of a lifecycle.
import type { StateDump } from "../emulator/index";

type ObjectKind = "integrations" | "actions" | "flows" | "triggers";
export const OBJECT_KINDS: readonly ObjectKind[] = ["integrations", "actions", "flows", "triggers"];

/** Genesys's natural key of each object kind (the key `create` looks objects up by). */
export function naturalKeys(dump: StateDump): Record<ObjectKind, { id: string; key: string }[]> {
  return {
    integrations: dump.integrations.map((i) => ({ id: i.id, key: `${i.typeId} / ${i.name}` })),
    actions: dump.actions.map((a) => ({ id: a.id, key: `${a.category} / ${a.name}` })),
    flows: dump.flows.map((f) => ({ id: f.id, key: `${f.type} / ${f.name}` })),
    triggers: dump.triggers.map((t) => ({ id: t.id, key: `${t.topicName} / ${t.name}` })),
  };
}

/** One message per natural key held by more than one object. */
export function duplicates(dump: StateDump): string[] {
  const found: string[] = [];
  for (const [kind, entries] of Object.entries(naturalKeys(dump))) {
    const byKey = new Map<string, string[]>();
    for (const { id, key } of entries) byKey.set(key, [...(byKey.get(key) ?? []), id]);
    for (const [key, ids] of byKey) if (ids.length > 1) found.push(`${ids.length} ${kind} share the key "${key}": ${ids.join(", ")}`);
  }
  return found;
}

/** Triggers whose target is not an existing, published workflow. */
export function danglingTriggers(dump: StateDump): string[] {
  return dump.triggers
    .filter((t) => {
      const flow = dump.flows.find((f) => f.id === t.target.id);
      return !flow || flow.type !== "WORKFLOW" || flow.versions.length === 0;
    })
    .map((t) => `trigger "${t.name}" (${t.id}) targets ${t.target.id}, which is not a published workflow`);
}

/** Ids of every object (jobs are not objects: they are the record of an upload). */
export function objectIds(dump: StateDump): Set<string> {
  return new Set(OBJECT_KINDS.flatMap((kind) => dump[kind].map((o) => o.id)));
}

/** Objects seeded before the run that are now changed or gone. */
export function disturbed(before: StateDump, after: StateDump, ids: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const kind of OBJECT_KINDS) {
    for (const old of before[kind] as { id: string; name: string }[]) {
      if (!ids.has(old.id)) continue;
      const now = (after[kind] as { id: string }[]).find((o) => o.id === old.id);
      if (!now) found.push(`${kind} "${old.name}" (${old.id}) was deleted`);
      else if (JSON.stringify(now) !== JSON.stringify(old)) found.push(`${kind} "${old.name}" (${old.id}) was changed`);
    }
  }
  return found;
}

/** Objects left that were not there before the run (after destroy: residue). */
export function residue(dump: StateDump, seeded: ReadonlySet<string>): string[] {
  return OBJECT_KINDS.flatMap((kind) =>
    (dump[kind] as { id: string; name: string }[]).filter((o) => !seeded.has(o.id)).map((o) => `${kind} "${o.name}" (${o.id})`),
  );
}

/** Every violation of the invariants that hold after any step. */
export function violations(before: StateDump, after: StateDump, seeded: ReadonlySet<string>): string[] {
  return [...duplicates(after), ...danglingTriggers(after), ...disturbed(before, after, seeded)];
}
