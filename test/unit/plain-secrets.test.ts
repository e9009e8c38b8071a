import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { plainSecretProblems, stackFilePlainSecrets } from "../../stacks/plain-secrets";

describe("secrets stored in plain text", () => {
  it("names each plain secret key and the fix, never the value", () => {
    const text = "config:\n  genesyscloud:oauthClientSecret: hunter2-plain\n  cognigy:eventBridgeApiKey:\n    secure: AAABAMz\n  genesyscloud:oauthClientId: id\n";
    const problems = plainSecretProblems(text, "Pulumi.org.yaml");
    expect(problems).toEqual([
      "genesyscloud:oauthClientSecret is stored in plain text in Pulumi.org.yaml; store it encrypted with `pulumi config set --secret genesyscloud:oauthClientSecret <value>` (and treat the old value as exposed if the file was committed)",
    ]);
    expect(problems.join("\n")).not.toContain("hunter2-plain");
  });

  it("accepts encrypted and empty values, and a missing file", () => {
    expect(plainSecretProblems("config:\n  genesyscloud:oauthClientSecret:\n    secure: v1:abc\n", "f")).toEqual([]);
    expect(plainSecretProblems("config:\n  cognigy:eventBridgeApiKey: ''\n", "f")).toEqual([]);
    expect(plainSecretProblems("", "f")).toEqual([]);
    expect(plainSecretProblems(undefined, "f")).toEqual([]);
  });

  it("reads the stack file of the working directory", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plain-secrets-"));
    fs.writeFileSync(path.join(dir, "Pulumi.org.yaml"), "config:\n  genesyscloud:oauthClientSecret: x\n");
    expect(stackFilePlainSecrets("org", dir)).toHaveLength(1);
    expect(stackFilePlainSecrets("other", dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });
});
