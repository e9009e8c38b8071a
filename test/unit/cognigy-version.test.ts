import { describe, expect, it } from "vitest";
import {
  compareCognigyVersions,
  agentInfoProblem,
  eventBridgeTopicFilters,
  gateDeployment,
  newWebhookObjectRefusal,
  parseCognigyVersion,
  webhookSupport,
} from "../../domain/cognigy-version";
import { COGNIGY_MODES, parseCognigyMode, usesEventBridge, usesWebhooks, type CognigyMode } from "../../domain/modes";

const v = (text: string) => parseCognigyVersion(text)!;

describe("parseCognigyVersion", () => {
  it.each([
    ["4.98", 4, 98],
    ["4.100", 4, 100],
    ["4.101", 4, 101],
    ["2025.11", 2025, 11],
    ["2025.12", 2025, 12],
    [" 2026.3 ", 2026, 3],
    ["4.99.2", 4, 99],
  ])("reads %j as %i.%i", (text, major, minor) => {
    expect(parseCognigyVersion(text)).toEqual({ major, minor, text: text.trim() });
  });

  it.each([undefined, "", "  "])("treats %j as unset", (text) => {
    expect(parseCognigyVersion(text)).toBeUndefined();
  });

  it.each([
    ["4", /not a Cognigy\.AI version.*4\.98/],
    ["4.x", /not a Cognigy\.AI version/],
    ["latest", /not a Cognigy\.AI version/],
    ["4.100.", /not a Cognigy\.AI version/],
    ["4.098", /not a Cognigy\.AI version/],
    ["4,100", /not a Cognigy\.AI version/],
    ["v4.98", /leading "v"/],
    ["3.9", /older than Cognigy\.AI 4\.0/],
    ["5.1", /major version 5.*never used/],
    ["2024.12", /major version 2024/],
  ])("rejects %j naming the key and the value", (text, reason) => {
    let message = "";
    try {
      parseCognigyVersion(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`cognigy:version = ${JSON.stringify(text)}`);
    expect(message).toMatch(reason);
  });
});

describe("version order and webhook support", () => {
  it("orders releases numerically, not as decimals or text", () => {
    expect(compareCognigyVersions(v("4.99"), v("4.100"))).toBeLessThan(0);
    expect(compareCognigyVersions(v("4.100"), v("4.9"))).toBeGreaterThan(0);
    expect(compareCognigyVersions(v("4.101"), v("2025.1"))).toBeLessThan(0);
    expect(compareCognigyVersions(v("2025.12"), v("2025.12.3"))).toBe(0);
  });

  it.each([
    ["4.50", "supported"],
    ["4.99", "supported"],
    ["4.100", "deprecated"],
    ["4.105", "deprecated"],
    ["2025.11", "deprecated"],
    ["2025.12", "removed"],
    ["2026.1", "removed"],
  ])("%s: webhooks %s", (text, support) => {
    expect(webhookSupport(v(text))).toBe(support);
  });

  it.each([
    ["4.98", ["v2.detail.events.conversation.{id}.acw", "v2.detail.events.conversation.{id}.user.end"]],
    ["2025.11", ["v2.detail.events.conversation.{id}.acw", "v2.detail.events.conversation.{id}.user.end"]],
    ["2025.12", ["v2.detail.events.conversation.{id}.customer.end"]],
    ["2025.21", ["v2.detail.events.conversation.{id}.customer.end"]],
    ["2026.2", ["v2.detail.events.conversation.{id}.customer.end"]],
  ])("%s: EventBridge topic filters", (text, filters) => {
    expect([...eventBridgeTopicFilters(v(text))].sort()).toEqual(filters);
  });

  it("adds the optional user.start topic from 2025.22 when the agent's details are wanted (Cognigy's current guide)", () => {
    expect(eventBridgeTopicFilters(v("2025.22"), true)).toEqual([
      "v2.detail.events.conversation.{id}.customer.end",
      "v2.detail.events.conversation.{id}.user.start",
    ]);
    expect(eventBridgeTopicFilters(v("2025.22"))).toEqual(["v2.detail.events.conversation.{id}.customer.end"]);
    expect(eventBridgeTopicFilters(v("2025.21"), true)).toEqual(["v2.detail.events.conversation.{id}.customer.end"]);
    expect(agentInfoProblem(v("2025.22"), true)).toBeUndefined();
    expect(agentInfoProblem(v("2025.21"), false)).toBeUndefined();
    expect(agentInfoProblem(v("2025.21"), true)).toMatch(/only from 2025.22 \(cognigy:version is 2025.21\); set it to false/);
    expect(agentInfoProblem(undefined, true)).toMatch(/cognigy:version is not set/);
  });
});

describe("parseCognigyMode", () => {
  it("defaults to webhooks", () => {
    expect(parseCognigyMode(undefined)).toBe("webhooks");
    expect(parseCognigyMode(" ")).toBe("webhooks");
  });

  it.each(COGNIGY_MODES)("accepts %s in any case", (mode) => {
    expect(parseCognigyMode(mode.toUpperCase())).toBe(mode);
  });

  it("rejects an unknown mode naming the key and the allowed values", () => {
    expect(() => parseCognigyMode("event-bridge")).toThrow(
      /cognigy:mode = "event-bridge" is not a mode; set one of webhooks, eventbridge, both/,
    );
  });

  it("says which parts each mode deploys", () => {
    expect(COGNIGY_MODES.map((m) => [m, usesWebhooks(m), usesEventBridge(m)])).toEqual([
      ["webhooks", true, false],
      ["eventbridge", false, true],
      ["both", true, true],
    ]);
  });
});

type Expected = "allowed" | RegExp[];
const REMOVED = [/no longer has trigger-based/, /removed in 2025\.12/, /cognigy:mode eventbridge/, /pulumi destroy/];
const NEEDS_VERSION = [/needs cognigy:version/, /topic filters/];

// version × mode × adopt → decision; one row per combination, so a changed boundary shows here.
const TABLE: [string | undefined, CognigyMode, boolean, Expected][] = [
  ["4.98", "webhooks", false, "allowed"],
  ["4.98", "webhooks", true, "allowed"],
  ["4.99", "both", false, "allowed"],
  ["4.99", "eventbridge", false, "allowed"],
  // Deprecated releases are allowed: the providers refuse each object that would be new.
  ["4.100", "webhooks", false, "allowed"],
  ["4.100", "webhooks", true, "allowed"],
  ["4.100", "both", false, "allowed"],
  ["4.100", "both", true, "allowed"],
  ["4.100", "eventbridge", false, "allowed"],
  ["2025.11", "webhooks", false, "allowed"],
  ["2025.11", "webhooks", true, "allowed"],
  ["2025.11", "eventbridge", true, "allowed"],
  ["2025.12", "webhooks", false, REMOVED],
  ["2025.12", "webhooks", true, REMOVED],
  ["2025.12", "both", false, REMOVED],
  ["2025.12", "both", true, REMOVED],
  ["2025.12", "eventbridge", false, "allowed"],
  ["2026.4", "webhooks", true, REMOVED],
  ["2026.4", "eventbridge", true, "allowed"],
  [undefined, "webhooks", false, "allowed"],
  [undefined, "webhooks", true, "allowed"],
  [undefined, "both", false, NEEDS_VERSION],
  [undefined, "eventbridge", false, NEEDS_VERSION],
];

describe("gateDeployment", () => {
  it.each(TABLE)("version %s, mode %s, adopt %s", (text, mode, adopt, expected) => {
    const decision = gateDeployment({ version: parseCognigyVersion(text), mode, adopt });
    if (expected === "allowed") {
      expect(decision.allowed).toBe(true);
      return;
    }
    expect(decision.allowed).toBe(false);
    const message = decision.allowed ? "" : decision.message;
    for (const part of expected) expect(message).toMatch(part);
  });

  it("names the user's release and mode in a refusal", () => {
    const decision = gateDeployment({ version: v("2025.12.1"), mode: "both", adopt: false });
    expect(decision).toMatchObject({ allowed: false });
    expect(decision.allowed ? "" : decision.message).toMatch(/^Cognigy\.AI 2025\.12\.1 .*cognigy:mode=both/);
  });

  it("warns on a deprecated release: what is kept, that nothing new is made, and the next step of the move", () => {
    const warning = (mode: CognigyMode, adopt: boolean) => {
      const decision = gateDeployment({ version: v("4.100"), mode, adopt });
      return decision.allowed ? decision.warnings.join("\n") : `refused: ${decision.message}`;
    };
    expect(warning("webhooks", false)).toBe(
      "On Cognigy.AI 4.100 the webhook method is deprecated (since 4.100): it works only for objects set up before the upgrade to 4.100, " +
        "and not at all from 2025.12. This stack keeps managing the webhook objects it holds, but refuses to create a new one. " +
        "Start the move to Amazon EventBridge: cognigy:mode both, then eventbridge (docs/eventbridge-migration.md).",
    );
    // Without adoption on, the warning does not bring the key up at all.
    expect(warning("webhooks", false)).not.toMatch(/adoptExisting/);
    expect(warning("both", false)).toMatch(/refuses to create a new one\. Once Cognigy confirms the EventBridge events, finish the move: `pulumi config set cognigy:mode eventbridge`/);
    expect(warning("webhooks", true)).toMatch(
      /keeps managing the webhook objects it holds and takes over hand-made ones, but refuses to create a new one\. With cognigy:adoptExisting=true, preview shows an object that is not in this stack yet as a create .* if one is missing, refuses before any write\./,
    );
  });

  it("warns when the version is unknown, and not at all where webhooks are supported", () => {
    const unknown = gateDeployment({ version: undefined, mode: "webhooks", adopt: false });
    expect(unknown.allowed && unknown.warnings.join("\n")).toMatch(/cognigy:version is not set/);
    const supported = gateDeployment({ version: v("4.98"), mode: "both", adopt: false });
    expect(supported).toEqual({ allowed: true, warnings: [] });
  });
});

describe("newWebhookObjectRefusal", () => {
  it.each([undefined, "4.50", "4.99"])("allows creating on %s", (text) => {
    expect(newWebhookObjectRefusal(parseCognigyVersion(text))).toBeUndefined();
  });

  it.each(["4.100", "4.105", "2025.11"])("on %s refuses with the reason and the EventBridge way forward", (text) => {
    expect(newWebhookObjectRefusal(v(text))).toBe(
      `On Cognigy.AI ${text} the webhook method is deprecated (since 4.100): it works only for objects set up before the upgrade to 4.100, ` +
        "and not at all from 2025.12, so a new object would never deliver a handover end and is not created. " +
        "Move this org to Amazon EventBridge: `pulumi config set cognigy:mode eventbridge` (with the cognigy:eventBridge* and " +
        "cognigy:organisationId keys), then `pulumi up`, which also deletes the webhook objects this stack holds.",
    );
  });

  // From 2025.12 the gate refuses the webhook modes before any object exists.
  it.each(["2025.12", "2026.1"])("gives none on %s, where the gate refuses the mode itself", (text) => {
    expect(newWebhookObjectRefusal(v(text))).toBeUndefined();
    expect(gateDeployment({ version: v(text), mode: "webhooks", adopt: false }).allowed).toBe(false);
  });
});
