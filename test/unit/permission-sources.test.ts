// Two copies of one Genesys fact, each held against the source they were taken from: the
// product's permission table (templates/permissions.json: README's list, verify's pre-check)
// and the emulator's own (dev/emulator/permissions.ts: its 403s, its flow jobs' failures). The
// source is Genesys's CLI, whose lines are copied verbatim into
// test/fixtures/genesys-sources/cli-permissions.txt; a wrong permission in either copy fails here.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_JOB_OPERATIONS, ROUTE_PERMISSIONS } from "../../dev/emulator/permissions";
import table from "../../templates/permissions.json";

/** Route key ("POST /api/v2/flows") → the permissions the CLI lists for it, in its order. */
function cliPermissions(): Map<string, string[]> {
  const text = readFileSync(path.join(__dirname, "..", "fixtures", "genesys-sources", "cli-permissions.txt"), "utf8");
  const source = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const match = /^"(\w+)", "([^"]+)", utils\.FormatPermissions\(\[\]string\{([^}]*)\}\)$/.exec(line);
    if (!match) throw new Error(`Not a CLI operation line: ${line}`);
    source.set(`${match[1]} ${match[2]}`, [...match[3].matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  }
  return source;
}

const SOURCE = cliPermissions();
const sorted = (list: readonly string[]) => [...list].sort();

describe("the permissions of each route, as Genesys's CLI lists them", () => {
  it("the product's table: every route it calls", () => {
    for (const row of table.routes) expect(sorted(row.anyOf), row.route).toEqual(sorted(SOURCE.get(row.route) ?? ["(not in the source)"]));
  });

  it("the product's table: every operation a flow job performs for the client, all of its permissions", () => {
    for (const step of table.flowJob.steps) expect(step.allOf, step.route).toEqual(SOURCE.get(step.route) ?? ["(not in the source)"]);
  });

  it("the emulator's copy: every route it serves and every operation of its flow jobs", () => {
    for (const [route, permissions] of [...ROUTE_PERMISSIONS, ...FLOW_JOB_OPERATIONS]) {
      expect(sorted(permissions), route).toEqual(sorted(SOURCE.get(route) ?? ["(not in the source)"]));
    }
  });

  it("both copies name the same operations", () => {
    expect(sorted([...ROUTE_PERMISSIONS.keys()])).toEqual(sorted(table.routes.map((row) => row.route)));
    expect(sorted([...FLOW_JOB_OPERATIONS.keys()])).toEqual(sorted(table.flowJob.steps.map((step) => step.route)));
  });
});
