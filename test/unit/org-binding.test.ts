// The org binding's pure rules: what state records, and what a refusal says.
import { describe, expect, it } from "vitest";
import { recordedOrg, unconfirmedGoneMessage } from "../../providers/org-binding";
import { resolveTarget } from "../../providers/genesys/settings";
import { describeOrganization, wrongOrganizationMessage } from "../../providers/genesys/transport";

const A = "0d6a3c52-8a1e-4f0b-9d5e-2c7b1a4e6f80";
const B = "7e1f9b24-3c6d-4a8e-b0f2-5d9c8e7a6b13";
const CREDENTIALS = { clientId: "ci-client", clientSecret: "s", region: "eu-central-1" };

describe("recordedOrg", () => {
  it("is the state's genesysOrgId; none, or the empty text of a create that failed before reading it, is unrecorded", () => {
    expect(recordedOrg({ genesysOrgId: A })).toBe(A);
    expect(recordedOrg({ genesysOrgId: "" })).toBeUndefined();
    expect(recordedOrg({})).toBeUndefined();
    expect(recordedOrg(undefined)).toBeUndefined();
  });
});

describe("wrongOrganizationMessage", () => {
  it("names the org reached (name and id), the recorded one, that nothing changed, and the credentials to use", () => {
    const message = wrongOrganizationMessage("ci-client", { id: B, name: "Acme Staging" }, A, "recorded");
    expect(message).toContain(`OAuth client "ci-client" reaches org "Acme Staging" (id ${B})`);
    expect(message).toContain(`deployed to Genesys Cloud org id ${A}`);
    expect(message).toContain("Nothing was read, changed or deleted");
    expect(message).toContain("GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET");
    expect(message).not.toContain("pulumi config set genesyscloud:organizationId");
  });

  it("for the pin, also how to change it if the stack is meant for the org reached", () => {
    const message = wrongOrganizationMessage("ci-client", { id: B }, A, "pinned");
    expect(message).toContain(`genesyscloud:organizationId (or GENESYSCLOUD_ORGANIZATION_ID) pins this stack to Genesys Cloud org id ${A}`);
    expect(message).toContain(`\`pulumi config set genesyscloud:organizationId ${B}\``);
    expect(describeOrganization({ id: B })).toBe(`id ${B}`);
  });
});

describe("unconfirmedGoneMessage", () => {
  it("says why a 404 of an unbound record is not gone, and how to confirm the org for one run", () => {
    const message = unconfirmedGoneMessage("Trigger", "t-1", { id: B, name: "Acme" });
    expect(message).toContain(`Trigger t-1 is not found in Genesys Cloud org "Acme" (id ${B})`);
    expect(message).toContain(`GENESYSCLOUD_ORGANIZATION_ID=${B} pulumi <refresh|destroy>`);
  });
});

describe("the pin in settings", () => {
  it("is taken from config over the environment, and a value that is no org id is refused naming both keys", () => {
    expect(resolveTarget({ ...CREDENTIALS, organizationId: A }, { organizationId: B }).organizationId).toBe(A);
    expect(resolveTarget(CREDENTIALS, { organizationId: B }).organizationId).toBe(B);
    expect(resolveTarget(CREDENTIALS, {}).organizationId).toBeUndefined();
    expect(() => resolveTarget({ ...CREDENTIALS, organizationId: "acme" }, {})).toThrow(
      /"acme" for config `genesyscloud:organizationId` or environment variable GENESYSCLOUD_ORGANIZATION_ID: is not a Genesys organisation id/,
    );
  });
});
