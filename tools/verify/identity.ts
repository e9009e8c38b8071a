// Whose objects verify found: the stack identity each marker carries (domain/marker.ts). verify
// does not read the state, so it knows the stack's identity only when given (`--identity`); without
// it, objects of two identities of one project and stack name show that two stacks of that name
// (two repos or backends) share the org, and that verify cannot tell which objects are this one's.
import { stackMarkerIdentity } from "../../domain/marker";
import type { CompareContext } from "./compare";
import type { LiveEventBridge } from "./eventbridge";
import type { LiveOrg } from "./live";
import { CheckRow, check, fail } from "./rows";

/** An object found, as the report names it, and the text its marker ends (notes or description). */
export interface MarkedObject {
  readonly label: string;
  readonly text: string | undefined;
}

/** The objects found that carry a marker (a data action carries none: it is known by its integration). */
export function markedObjects(live: LiveOrg | undefined, eventBridge: { name: string; found: readonly LiveEventBridge[] } | undefined): MarkedObject[] {
  const objects: MarkedObject[] = [];
  for (const integration of live?.integrations ?? []) objects.push({ label: `integration "${integration.name}"`, text: integration.notes });
  for (const { exact } of Object.values(live?.workflows ?? {})) for (const flow of exact) objects.push({ label: `workflow "${flow.name}"`, text: flow.description });
  for (const list of Object.values(live?.triggers ?? {})) for (const trigger of list) objects.push({ label: `trigger "${trigger.name}"`, text: trigger.description });
  for (const integration of eventBridge?.found ?? []) objects.push({ label: `EventBridge integration "${eventBridge!.name}"`, text: integration.notes });
  return objects;
}

/**
 * Pure: each identity of this project and stack found, with the objects that carry it. The marker
 * from before identities names no stack in particular and is left out.
 */
export function identitiesFound(objects: readonly MarkedObject[], marker: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const object of objects) {
    const identity = stackMarkerIdentity(object.text, marker);
    if (identity) found.set(identity, [...(found.get(identity) ?? []), object.label]);
  }
  return found;
}

/** Pure: the row on the stack's identity; none without `--identity` while one identity (or none) is found. */
export function identityRow(objects: readonly MarkedObject[], ctx: CompareContext): CheckRow | undefined {
  const found = identitiesFound(objects, ctx.marker);
  const name = `Stack ${ctx.stack}: identity`;
  const listed = (identities: readonly string[]) => identities.map((identity) => `identity ${identity} on ${found.get(identity)!.join(", ")}`).join("; ");
  const removeOther =
    `remove the other stack's setup with \`pulumi destroy\` in its own repo or backend (\`pulumi stack output stackIdentity\` there names it), ` +
    "or give the two setups different object names";
  if (ctx.identity !== undefined) {
    const others = [...found.keys()].filter((identity) => identity !== ctx.identity);
    return check(
      name,
      others.length === 0,
      `the objects found carry identity ${ctx.identity} (or the marker from before identities)`,
      listed(others),
      `Another stack named ${ctx.stack} (another repo or Pulumi backend) made these objects on this org: they are not this stack's, and its ` +
        `\`pulumi up\` refuses to touch them. To keep one setup, ${removeOther}.`,
    );
  }
  if (found.size <= 1) return undefined;
  return fail(
    name,
    `one stack identity on the objects of stack ${ctx.stack}`,
    listed([...found.keys()]),
    `Two stacks named ${ctx.stack} (two repos or Pulumi backends) manage objects on this org, and without the identity verify cannot tell ` +
      `which are this stack's. Run it with this stack's identity: \`npm run verify -- --stack ${ctx.stack} --identity <uuid>\`, the uuid from ` +
      `\`pulumi stack output stackIdentity --stack ${ctx.stack}\`. To keep one setup, ${removeOther}.`,
  );
}
