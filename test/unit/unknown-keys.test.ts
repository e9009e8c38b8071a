import { describe, expect, it } from "vitest";
import { editDistance, unknownKeyProblems } from "../../stacks/unknown-keys";

describe("unknown config keys", () => {
  it("measures edit distance", () => {
    expect(editDistance("endpointDomian", "endpointDomain")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("names each unknown key of the namespaces, with the closest known key when close", () => {
    const known = ["cognigy:endpointDomain", "cognigy:mode", "genesyscloud:region"];
    const problems = unknownKeyProblems(["cognigy:endpointDomian", "cognigy:mode", "genesyscloud:regoin", "cognigy:somethingElse", "aws:region"], known, ["cognigy", "genesyscloud"]);
    expect(problems).toEqual([
      "cognigy:endpointDomian is not a setting of this project; did you mean cognigy:endpointDomain? remove it with `pulumi config rm cognigy:endpointDomian`",
      "genesyscloud:regoin is not a setting of this project; did you mean genesyscloud:region? remove it with `pulumi config rm genesyscloud:regoin`",
      "cognigy:somethingElse is not a setting of this project; remove it with `pulumi config rm cognigy:somethingElse`",
    ]);
  });
});
