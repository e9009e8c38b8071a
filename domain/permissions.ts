// What this project needs the OAuth client's role to grant, from the one table of routes and
// their permissions (templates/permissions.json, sourced from Genesys's own CLI). Pure.
import table from "../templates/permissions.json";

export type PermissionUser = "stack" | "verify";

/** One permission per route `user` calls that `routes` selects: the first Genesys accepts for it (the others are legacy). */
function routePermissions(users: readonly PermissionUser[], routes: (route: string) => boolean): Set<string> {
  const needed = new Set<string>();
  for (const row of table.routes) {
    const first = row.anyOf[0];
    if (first !== undefined && routes(row.route) && row.usedBy.some((user) => users.includes(user as PermissionUser))) needed.add(first);
  }
  return needed;
}

/**
 * One permission per route `user` calls, and for the stack every permission of the flow job's
 * steps (it publishes the workflows with the client's permissions).
 */
export function neededPermissions(users: readonly PermissionUser[]): string[] {
  const needed = routePermissions(users, () => true);
  if (users.includes("stack")) for (const permission of flowJobPermissions()) needed.add(permission);
  return [...needed];
}

/** Every permission a flow job needs to create, check in and publish a workflow for the client. */
export function flowJobPermissions(): string[] {
  return [...new Set(table.flowJob.steps.flatMap((step) => step.allOf))];
}

/**
 * The read-only client's permissions (CI's `pulumi preview --refresh`): one per GET route the stack
 * calls, the first Genesys accepts. Preview with refresh only reads; every write needs another
 * permission, which such a client lacks.
 */
export function readOnlyPermissions(): string[] {
  return [...routePermissions(["stack"], (route) => route.startsWith("GET "))];
}

/** Pure: "`integrations:integration:add/view`, `architect:job:create`": grouped by domain and entity, in table order. */
export function permissionSummary(permissions: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const permission of permissions) {
    const cut = permission.lastIndexOf(":");
    const entity = permission.slice(0, cut);
    groups.set(entity, [...(groups.get(entity) ?? []), permission.slice(cut + 1)]);
  }
  return [...groups].map(([entity, actions]) => `\`${entity}:${actions.join("/")}\``).join(", ");
}

/** The sentence README.md carries (a test holds them equal): what `pulumi up` and `npm run verify` need. */
export function readmePermissionText(): string {
  const stack = neededPermissions(["stack"]);
  const verifyOnly = neededPermissions(["verify"]).filter((permission) => !stack.includes(permission));
  return (
    `for \`pulumi up\`, \`refresh\` and \`destroy\` ${permissionSummary(stack)}; ` +
    `for \`npm run verify\` also ${permissionSummary(verifyOnly)}; ` +
    `the read-only client of CI's \`pulumi preview --refresh\` only ${permissionSummary(readOnlyPermissions())}.`
  );
}
