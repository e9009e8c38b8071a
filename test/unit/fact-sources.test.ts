// Genesys facts the product and the emulator both state, each copy held against the Genesys source
// it was taken from, whose lines are kept verbatim in test/fixtures/genesys-sources/ (the
// permissions have their own test, permission-sources.test.ts). Neither copy reads the other, so a
// wrong fact in either fails here instead of passing against itself.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reportedState } from "../../dev/emulator/activation";
import { FAILURE_OUTPUTS } from "../../dev/emulator/archy";
import { STALE_VERSION_WORDS, staleVersion } from "../../dev/emulator/errors";
import { OPERATORS as EMULATOR_OPERATORS } from "../../dev/emulator/match";
import { EMPTY_NOTES } from "../../dev/emulator/routes/integrations";
import type { IntegrationRecord } from "../../dev/emulator/store";
import { DATA_FORMATS as EMULATOR_DATA_FORMATS, DEFAULT_DATA_FORMAT as EMULATOR_DEFAULT_DATA_FORMAT } from "../../dev/emulator/routes/triggers";
import { HANDOVER_EVENTS, OPEN_MESSAGING_CRITERIA, TRIGGER_DATA_FORMAT } from "../../domain/events";
import { withoutMarker } from "../../domain/marker";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import { activationOutcome, isUnconfigured } from "../../providers/integration-setup";
import { DATA_FORMATS, DEFAULT_DATA_FORMAT, OPERATORS } from "../../providers/genesys/triggers";
import { DEFAULT_LIMITS, decide, isStaleVersion, policyFor } from "../../providers/genesys/retry-policy";

const source = (file: string) => readFileSync(path.join(__dirname, "..", "fixtures", "genesys-sources", file), "utf8");

/** The one capture of `pattern` in `text`; a fixture that no longer reads so fails loudly. */
function capture(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`The source no longer says ${pattern}`);
  return match[1];
}

const sorted = (list: readonly string[]) => [...list].sort();

describe("a Call Data Action's failure outputs, as Architect exports them in a Genesys blueprint", () => {
  const SOURCE = Object.keys(parse(source("call-data-failure-outputs.yaml")).failureOutputs);

  /** Every `failureOutputs` map of the product's rendered workflow, wherever a Call Data Action sits. */
  function productFailureOutputs(): string[][] {
    const event = HANDOVER_EVENTS[0];
    const yaml = renderWorkflowYaml({
      workflowName: event.defaultWorkflowName,
      division: "Home",
      integrationName: "Web Services Data Actions Integration",
      dataActionName: "Send Event to Cognigy",
      topic: event.workflowTopic,
    });
    const found: string[][] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "failureOutputs") found.push(Object.keys(value as object));
          else walk(value);
        }
      }
    };
    walk(parse(yaml));
    return found;
  }

  it("the emulator's Archy check accepts exactly those", () => {
    expect(SOURCE).toHaveLength(13);
    expect(FAILURE_OUTPUTS).toEqual(SOURCE);
  });

  it("the product's workflow names only those, in each of its Call Data Actions", () => {
    const lists = productFailureOutputs();
    expect(lists.length).toBeGreaterThan(0);
    for (const keys of lists) expect(keys.filter((key) => !SOURCE.includes(key))).toEqual([]);
  });
});

describe("a stale version, as Genesys's Terraform provider recognises it (IsVersionMismatch)", () => {
  const text = source("version-mismatch.txt");
  const HTTP: Record<string, number> = { StatusConflict: 409, StatusRequestTimeout: 408, StatusBadRequest: 400 };
  /** Answers the source takes for a stale version whatever their message says. */
  const ANY_MESSAGE = [...text.matchAll(/resp\.StatusCode == http\.(\w+) \|\|$/gm)].map((m) => HTTP[m[1]]);
  const WORDED_STATUS = HTTP[capture(text, /\(resp\.StatusCode == http\.(\w+) && resp\.Error != nil/)];
  const WORDS = capture(text, /strings\.Contains\(\(\*resp\.Error\)\.Message, "([^"]+)"\)/);

  it("the source: a 409 (or 408), or a 400 saying so", () => {
    expect(ANY_MESSAGE).toEqual([409, 408]);
    expect(WORDED_STATUS).toBe(400);
  });

  it("the product re-reads and writes again on a 409, and on a 400 in the source's words, and on no other 400", () => {
    const failure = (status: number, message: string) => ({ status, message, network: false });
    expect(isStaleVersion(failure(409, "Conflict"))).toBe(true);
    expect(isStaleVersion(failure(WORDED_STATUS, `Version 3 ${WORDS} 4`))).toBe(true);
    expect(isStaleVersion(failure(WORDED_STATUS, "The request could not be understood by the server due to malformed syntax."))).toBe(false);
    // A 408 is a timed-out request to the product: sent again as it was, and a stale version then shows as one.
    expect(decide(failure(408, "Request Timeout"), 1, 0, policyFor(DEFAULT_LIMITS), 0).retry).toBe(true);
  });

  it("the emulator refuses one in the source's words, with a status the source takes", () => {
    expect(STALE_VERSION_WORDS).toBe(WORDS);
    const refusal = staleVersion("integration", "integration-1", 3, 4);
    expect(refusal.message).toContain(WORDS);
    expect([...ANY_MESSAGE, WORDED_STATUS]).toContain(refusal.status);
  });
});

describe("empty integration notes, as Genesys's Terraform provider reads them", () => {
  const LITERAL = capture(source("empty-notes.txt"), /\*config\.Notes == "([^"]+)"/);

  it("the emulator returns that literal for empty notes", () => {
    expect(EMPTY_NOTES).toBe(LITERAL);
  });

  it("the product reads it as empty: no user text, and an integration that a create just made", () => {
    expect(withoutMarker(LITERAL, "cognigy-genesys-handover p/s")).toBe("");
    const listed = { id: "i-1", name: "Web Services Data Actions", intendedState: "DISABLED" };
    expect(isUnconfigured({ ...listed, notes: LITERAL }, 1)).toBe(true);
    expect(isUnconfigured({ ...listed, notes: "" }, 1)).toBe(true);
  });
});

describe("the name Genesys gives a new integration (DEFAULT_INTEGRATION_NAMES: no source, unverified)", () => {
  // The emulator names it after its type and ignores the body's name; Genesys may keep the body's
  // name instead. The product finds the integration a lost create made by what it is (no notes,
  // DISABLED, config version 1), never by its name, so it is found under either reading.
  it.each(["Web Services Data Actions (2)", "Cognigy handover actions"])("a fresh integration named %s is found as the one a create just made", (name) => {
    expect(isUnconfigured({ id: "i-1", name, notes: "", intendedState: "DISABLED" }, 1)).toBe(true);
  });
});

describe("a trigger's data formats, as Genesys's Terraform provider validates and documents them", () => {
  const text = source("trigger-data-formats.txt");
  const FORMATS = [...text.matchAll(/^\t+"(\w+)",$/gm)].map((m) => m[1]);
  const DEFAULT = capture(text, /will always operate in (\w+) mode/);

  it("the source: Json and TopLevelPrimitives, TopLevelPrimitives when the trigger names none", () => {
    expect(sorted(FORMATS)).toEqual(["Json", "TopLevelPrimitives"]);
    expect(FORMATS).toContain(DEFAULT);
  });

  it("the emulator's copy", () => {
    expect(sorted(EMULATOR_DATA_FORMATS)).toEqual(sorted(FORMATS));
    expect(EMULATOR_DEFAULT_DATA_FORMAT).toBe(DEFAULT);
  });

  it("the product's copy, and the format the handover workflows need is one of them", () => {
    expect(sorted(DATA_FORMATS)).toEqual(sorted(FORMATS));
    expect(DEFAULT_DATA_FORMAT).toBe(DEFAULT);
    expect(FORMATS).toContain(TRIGGER_DATA_FORMAT);
  });
});

describe("a trigger's match operators, as Genesys's Python SDK lists them", () => {
  const SOURCE: string[] = JSON.parse(capture(source("trigger-operators.txt"), /allowed_values = (\[[^\]]*\])/));

  it("the emulator's copy", () => {
    expect(sorted(EMULATOR_OPERATORS)).toEqual(sorted(SOURCE));
  });

  it("the product's copy, and every operator of the handover triggers' criteria", () => {
    expect(sorted(OPERATORS)).toEqual(sorted(SOURCE));
    for (const criterion of OPEN_MESSAGING_CRITERIA) expect(SOURCE).toContain(criterion.operator);
  });
});

describe("an integration's reportedState codes, as Genesys's Python SDK lists them", () => {
  const SOURCE: string[] = JSON.parse(capture(source("integration-status-codes.txt"), /allowed_values = (\[[^\]]*\])/));

  it("the emulator reports only those, each of them in some state of an activation", () => {
    const reported = new Set<string>();
    for (const intendedState of ["ENABLED", "DISABLED"]) {
      for (const activationError of [undefined, "refused"]) {
        for (const now of [1_000, 3_000]) {
          const rec = { createdAt: 0, stateChangedAt: 1_000, intendedState, activationError } as unknown as IntegrationRecord;
          reported.add(reportedState(rec, now, 1_000).code);
        }
      }
    }
    expect(sorted([...reported])).toEqual(sorted(SOURCE));
  });

  it("the product: ACTIVE is done, ERROR fails with its detail, every other code is waited on", () => {
    const outcome = (code: string) => activationOutcome({ reportedState: { code, detail: { message: "refused" } } } as Parameters<typeof activationOutcome>[0]);
    expect(SOURCE.map((code) => [code, outcome(code)])).toEqual(
      SOURCE.map((code) => [code, code === "ACTIVE" ? { done: true } : code === "ERROR" ? { error: "refused" } : { done: false }]),
    );
  });
});
