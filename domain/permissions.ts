// What this project needs the OAuth client's role to grant, from the one table of routes and
// their permissions (templates/permissions.json, sourced from Genesys's own CLI) that the
// emulator's 403s come from too. Pure.
import table from "../templates/permissions.json";

export type PermissionUser = "stack" | "verify";

/** One permission per route `user` calls: the first that Genesys accepts for it (the others are legacy). */
export function neededPermissions(users: readonly PermissionUser[], routes: (route: string) => boolean = () => true): string[] {
  const needed: string[] = [];
  for (const row of table.routes) {
    const first = row.anyOf[0];
    if (first !== undefined && routes(row.route) && row.usedBy.some((user) => users.includes(user as PermissionUser)) && !needed.includes(first)) needed.push(first);
  }
  return needed;
}

/**
 * The read-only client's permissions (CI's `pulumi preview --refresh`): one per GET route the stack
 * calls, the first Genesys accepts. Preview with refresh only reads; every write needs another
 * permission, which such a client lacks.
 */
export function readOnlyPermissions(): string[] {
  return neededPermissions(["stack"], (route) => route.startsWith("GET "));
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
