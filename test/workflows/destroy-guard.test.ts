// The destroy workflow's guard for the live EventBridge path (tools/destroy-guard.ts), as a pure
// rule over a stack file; the workflow step itself runs in workflows.test.ts.
import { describe, expect, it } from "vitest";
import { destroyRefusal } from "../../tools/destroy-guard";

const FILE = "Pulumi.acme.yaml";
const refusal = (config: string) => destroyRefusal("acme", `config:\n  genesyscloud:region: eu-central-1\n${config}`, FILE);

describe("destroyRefusal", () => {
  it.each([
    ["no mode (webhooks)", ""],
    ["webhooks", "  cognigy:mode: webhooks\n"],
    ["eventbridge, released (YAML boolean)", "  cognigy:mode: eventbridge\n  cognigy:releaseEventBridge: true\n"],
    ["both, released (text, as pulumi config set writes it)", '  cognigy:mode: both\n  cognigy:releaseEventBridge: "true"\n'],
  ])("lets %s go on", (_label, config) => {
    expect(refusal(config)).toBeUndefined();
  });

  it("refuses eventbridge without the release, naming the release step and the runbook", () => {
    expect(refusal("  cognigy:mode: eventbridge\n")).toBe(
      "Refusing to destroy acme: cognigy:mode is eventbridge, so the stack holds the live Amazon EventBridge Source integration " +
        "(self-hosted: also the AWS side), and destroying it stops handover-end detection for the org. To remove the EventBridge " +
        'path as well, set cognigy:releaseEventBridge: "true" in Pulumi.acme.yaml and merge it to main (deploy\'s pulumi up lifts ' +
        "the protection, changing nothing in Genesys), then start destroy again (docs/teardown.md).",
    );
  });

  it("refuses both with the release false, and names the switch to eventbridge that removes only the webhook objects", () => {
    const text = refusal("  cognigy:mode: Both\n  cognigy:releaseEventBridge: false\n");
    expect(text).toMatch(/^Refusing to destroy acme: cognigy:mode is both/);
    expect(text).toContain("To remove only the webhook objects, set cognigy:mode: eventbridge in Pulumi.acme.yaml and let deploy run; no destroy is needed.");
  });

  it("refuses a mode it cannot read, and a file that is not YAML, naming them", () => {
    expect(refusal("  cognigy:mode: eventbrige\n")).toMatch(/^Pulumi\.acme\.yaml: cognigy:mode = "eventbrige" is not a mode; set one of webhooks, eventbridge, both/);
    expect(destroyRefusal("acme", "config: [", FILE)).toMatch(/^Pulumi\.acme\.yaml: not valid YAML/);
  });
});
