// The one permission table (templates/permissions.json): README.md's list is generated from it,
// and verify checks what it says (its source: test/unit/permission-sources.test.ts).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { neededPermissions, permissionSummary, readOnlyPermissions, readmePermissionText } from "../../domain/permissions";
import table from "../../templates/permissions.json";

describe("permission table", () => {
  it("is what README.md lists for the OAuth client's role", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(readmePermissionText());
  });

  it("lists the stack's permissions once each, the first accepted one per route, and none for routes without", () => {
    const stack = neededPermissions(["stack"]);
    expect(new Set(stack).size).toBe(stack.length);
    expect(stack).toContain("architect:job:create");
    // The flow job creates, checks in and publishes the workflow with the client's permissions.
    expect(stack).toEqual(expect.arrayContaining(["architect:flow:add", "architect:flow:edit", "architect:flow:publish", "architect:flow:unlock"]));
    expect(stack).not.toContain("bridge:actions:view");
    expect(stack).not.toContain("processautomation:trigger:test");
    expect(neededPermissions(["verify"])).toContain("processautomation:trigger:test");
    expect(table.routes.every((row) => row.anyOf.every((p) => /^[A-Za-z]+:[A-Za-z]+:[A-Za-z]+$/.test(p)))).toBe(true);
  });

  it("gives the read-only client exactly the permissions of the GET routes the stack calls, no write permission", () => {
    const reads = table.routes.filter((row) => row.route.startsWith("GET ") && row.usedBy.includes("stack") && row.anyOf.length > 0);
    expect(readOnlyPermissions()).toEqual([...new Set(reads.map((row) => row.anyOf[0]))]);
    expect(readOnlyPermissions()).toContain("architect:flow:view");
    const writes = table.routes.filter((row) => !row.route.startsWith("GET ") && row.usedBy.includes("stack"));
    for (const row of writes) expect(row.anyOf.filter((p) => readOnlyPermissions().includes(p)), row.route).toEqual([]);
  });

  it("summarises by domain and entity in table order", () => {
    expect(permissionSummary(["a:b:add", "a:c:view", "a:b:view"])).toBe("`a:b:add/view`, `a:c:view`");
  });
});
