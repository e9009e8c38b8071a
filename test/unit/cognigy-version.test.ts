import { describe, expect, it } from "vitest";
import {
  compareCognigyVersions,
  eventBridgeTopicFilters,
  gateDeployment,
  parseCognigyVersion,
  webhookSupport,
} from "../../components/cognigy-version";
import { COGNIGY_MODES, parseCognigyMode, usesEventBridge, usesWebhooks, type CognigyMode } from "../../components/modes";

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
    ["2026.2", ["v2.detail.events.conversation.{id}.customer.end"]],
  ])("%s: EventBridge topic filters", (text, filters) => {
    expect([...eventBridgeTopicFilters(v(text))].sort()).toEqual(filters);
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
const CREATE_REFUSED = [/^On Cognigy\.AI 4\.100 the webhook method is deprecated \(since 4\.100\)/, /creating new webhook objects is refused/, /cognigy:adoptExisting=true/, /cognigy:mode eventbridge/];
const REMOVED = [/no longer has trigger-based/, /removed in 2025\.12/, /cognigy:mode eventbridge/, /pulumi destroy/];
const NEEDS_VERSION = [/needs cognigy:version/, /topic filters/];

// version × mode × adopt → decision; one row per combination, so a changed boundary shows here.
const TABLE: [string | undefined, CognigyMode, boolean, Expected][] = [
  ["4.98", "webhooks", false, "allowed"],
  ["4.98", "webhooks", true, "allowed"],
  ["4.99", "both", false, "allowed"],
  ["4.99", "eventbridge", false, "allowed"],
  ["4.100", "webhooks", false, CREATE_REFUSED],
  ["4.100", "webhooks", true, "allowed"],
  ["4.100", "both", false, CREATE_REFUSED],
  ["4.100", "both", true, "allowed"],
  ["4.100", "eventbridge", false, "allowed"],
  ["2025.11", "webhooks", false, [/^On Cognigy\.AI 2025\.11 the webhook method is deprecated/, ...CREATE_REFUSED.slice(1)]],
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

  it("warns when adopting on a deprecated release and when the version is unknown", () => {
    const adopted = gateDeployment({ version: v("4.100"), mode: "webhooks", adopt: true });
    expect(adopted.allowed && adopted.warnings.join("\n")).toMatch(/keep working only if they were set up before the upgrade to 4\.100/);
    const unknown = gateDeployment({ version: undefined, mode: "webhooks", adopt: false });
    expect(unknown.allowed && unknown.warnings.join("\n")).toMatch(/cognigy:version is not set/);
    const supported = gateDeployment({ version: v("4.98"), mode: "both", adopt: false });
    expect(supported).toEqual({ allowed: true, warnings: [] });
  });
});
