// Bad stack config set with `pulumi config set` (ProjectStack.setConfig, through the Automation
// API) and run with the real `pulumi up`: every mistake is refused with its key and its fix, and
// the emulator's request log shows no call at all. The program reports every problem of a
// configuration at once, so mistakes on different keys share a run; a value of the wrong type
// for a declared key is refused by the CLI itself before the program runs, one per run. A secret
// set without --secret is refused too (it would sit in plain text in the stack file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { CONFIG_KEYS } from "../../stacks/config";
import { StackRunError } from "../../dev/pulumi/stack";
import { TestStack } from "../support/stack";
import { GENESYS_TYPE } from "../support/state";
import { SECRET, catalogue, withConfig } from "../unit/bad-config-catalogue";

type Row = (typeof catalogue)[number];

/** Endpoint rows: a sample (the pure tests cover every row); they all touch the same two keys. */
const ENDPOINT_SAMPLE = ["domain with a scheme", "domain with a port", "IDN domain in unicode", "url: http to a non-loopback host", "url with credentials", "both domain and url"];

/** The keys a row claims in a run: endpoint rows claim both endpoint keys, Genesys rows the whole target. */
function claims(row: Row): string[] {
  return Object.keys(row[1]).flatMap((key) =>
    key === "cognigy:endpointDomain" || key === "cognigy:endpointUrl" ? ["endpoint"] : key.startsWith("genesyscloud:") ? ["target"] : [key],
  );
}

/** Declared non-text keys: a text value for them is the CLI's type error, not the program's. */
const typed = (row: Row) => Object.keys(row[1]).some((key) => CONFIG_KEYS.find((k) => k.key === key && k.type !== "string"));

function pack(rows: Row[]): Row[][] {
  const groups: { rows: Row[]; claimed: Set<string> }[] = [];
  for (const row of rows) {
    const claimed = claims(row);
    const group = typed(row) ? undefined : groups.find((g) => !g.rows.some(typed) && claimed.every((c) => !g.claimed.has(c)));
    if (group) {
      group.rows.push(row);
      claimed.forEach((c) => group.claimed.add(c));
    } else groups.push({ rows: [row], claimed: new Set(claimed) });
  }
  return groups.map((g) => g.rows);
}

const rows = catalogue.filter(([name, changes]) => {
  const endpoint = "cognigy:endpointDomain" in changes || "cognigy:endpointUrl" in changes;
  // Of the list rows, only the one whose value is not a list at all: the others are lists in the
  // pure tests, but `pulumi config set` without --path makes any of them text.
  const list = "cognigy:events" in changes;
  return (!endpoint || ENDPOINT_SAMPLE.includes(name)) && (!list || name === "event list not a list");
});
const groups = pack(rows);

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(async () => emulator.close());

/** The catalogue's valid config aimed at the emulator; rows that test the target keep the region and no URL. */
function configFor(group: Row[]): Record<string, string> {
  const target = group.some((row) => Object.keys(row[1]).some((key) => key.startsWith("genesyscloud:region") || key === "genesyscloud:apiUrl"));
  const base: Record<string, string | undefined> = target ? {} : { "genesyscloud:region": undefined, "genesyscloud:apiUrl": emulator.url };
  return withConfig(Object.assign(base, ...group.map((row) => row[1])));
}

describe("bad config through the real CLI: refused before any Genesys call, key and fix named", () => {
  it("covers at least 30 mistakes", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(groups.flat()).toHaveLength(rows.length);
  });

  it.concurrent("the client secret set without --secret: refused, the value never shown", async () => {
    const config = withConfig({ "genesyscloud:region": undefined, "genesyscloud:apiUrl": emulator.url });
    const stack = await TestStack.create({ stack: "bad-config-plain-secret", config, secretKeys: [] });
    try {
      const failure = (await stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(failure).toBeInstanceOf(StackRunError);
      expect(failure.message).toContain(
        "genesyscloud:oauthClientSecret is stored in plain text in Pulumi.bad-config-plain-secret.yaml; store it encrypted with `pulumi config set --secret genesyscloud:oauthClientSecret <value>`",
      );
      expect([failure.message, failure.stdout, failure.stderr].join("\n")).not.toContain(SECRET);
      expect(emulator.log().entries).toEqual([]);
    } finally {
      await stack.dispose();
    }
  }, 900_000);

  it.concurrent.each(groups.map((group, i) => [group.map((r) => r[0]).join(" + "), i] as const))("%s", async (_names, i) => {
    const group = groups[i];
    const config = configFor(group);
    const stack = await TestStack.create({ stack: `bad-config-${i}`, config, secretKeys: "genesyscloud:oauthClientSecret" in config ? ["genesyscloud:oauthClientSecret"] : [] });
    try {
      const failure = (await stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(failure).toBeInstanceOf(StackRunError);
      expect(failure.killed).toBe(false);
      for (const row of group) {
        const [, , key, fix] = row;
        if (typed(row)) {
          const type = CONFIG_KEYS.find((k) => k.key === key)!.type;
          expect(failure.message).toMatch(new RegExp(`configuration key '${key}' must be of type '${type === "array" ? "array<string>" : type}'`));
        } else {
          expect(failure.message).toContain(key);
          expect(failure.message).toMatch(fix);
        }
      }
      expect(failure.message).not.toContain(SECRET);
      // No call at all (the emulator is shared by the concurrent runs, none of which may call).
      expect(emulator.log().entries).toEqual([]);
      const { deployment } = await stack.exportState();
      expect((deployment.resources ?? []).filter((r: { custom?: boolean; type: string }) => r.custom && r.type.startsWith(GENESYS_TYPE))).toEqual([]);
    } finally {
      await stack.dispose();
    }
  }, 900_000);
});
