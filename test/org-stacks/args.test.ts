// tools/org-stacks.ts: its arguments, the refusal of credentials every org would share, and the
// CLI arguments of one org's run (pure). The bounded runner it shares with the bench is tested in
// test/bench/args-and-readings.test.ts; the bench measures it on the real engine (npm run bench -- --orgs).
import { describe, expect, it } from "vitest";
import { parseOrgStacksArgs, pulumiArgs, sharedCredentialVariables, sharedCredentialsMessage } from "../../tools/org-stacks/args";

const ORGS = ["acme", "globex", "initech"];

describe("org-stacks arguments", () => {
  it("runs the command over every org stack, as many at a time as the machine has cores", () => {
    expect(parseOrgStacksArgs(["up"], ORGS, 2)).toEqual({ command: "up", stacks: ORGS, parallel: 2 });
    expect(parseOrgStacksArgs(["preview", "--parallel", "5", "--stacks", "globex,acme"], ORGS, 2)).toEqual({ command: "preview", stacks: ["globex", "acme"], parallel: 5 });
    expect(parseOrgStacksArgs(["refresh", "--help"], ORGS, 2)).toBe("help");
  });

  it("names the bad value and the fix", () => {
    expect(() => parseOrgStacksArgs(["destroy"], ORGS, 2)).toThrow(/"destroy" is not one of preview, up, refresh \(destroy one org at a time: npx pulumi destroy --stack <org>/);
    expect(() => parseOrgStacksArgs([], ORGS, 2)).toThrow(/The command "" is not one of preview, up, refresh/);
    expect(() => parseOrgStacksArgs(["up", "--parallel", "0"], ORGS, 2)).toThrow(/--parallel "0" is not a whole number from 1 to 50; e\.g\. --parallel 2/);
    expect(() => parseOrgStacksArgs(["up", "--parallel"], ORGS, 2)).toThrow(/--parallel needs a value/);
    expect(() => parseOrgStacksArgs(["up", "--stacks", "acme,umbrella"], ORGS, 2)).toThrow(/"umbrella" is not an org stack of this repository \(org stacks: acme, globex, initech\)/);
    expect(() => parseOrgStacksArgs(["up", "--orgs", "2"], ORGS, 2)).toThrow(/Unknown argument "--orgs"; known: --parallel, --stacks, --help/);
    expect(() => parseOrgStacksArgs(["up"], [], 2)).toThrow(/no org stack/);
  });

  it("refuses Genesys credentials in the environment, which every org stack would see", () => {
    expect(sharedCredentialVariables({ GENESYSCLOUD_REGION: "eu-central-1", PATH: "/bin" })).toEqual([]);
    expect(sharedCredentialVariables({ GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "" })).toEqual(["GENESYSCLOUD_OAUTHCLIENT_ID"]);
    const names = sharedCredentialVariables({ GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "s3cret-value" });
    expect(names).toEqual(["GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET"]);
    const message = sharedCredentialsMessage(names);
    expect(message).toMatch(/GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET are set .* Unset them .*config set --stack <org> --secret genesyscloud:oauthClientSecret/);
    expect(message).not.toContain("s3cret-value");
  });

  it("runs each org non-interactively, confirming the commands that write", () => {
    expect(pulumiArgs("preview", "acme")).toEqual(["preview", "--stack", "acme", "--non-interactive"]);
    expect(pulumiArgs("up", "acme")).toEqual(["up", "--stack", "acme", "--non-interactive", "--yes"]);
    expect(pulumiArgs("refresh", "acme")).toEqual(["refresh", "--stack", "acme", "--non-interactive", "--yes"]);
  });
});
