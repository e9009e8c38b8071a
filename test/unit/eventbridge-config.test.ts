import { describe, expect, it } from "vitest";
import {
  apiDestinationUrlProblem,
  awsAccountIdProblem,
  awsRegionProblem,
  eventSourceSuffixProblem,
  parseEventBridgeConfig,
  parseSelfHosted,
  partnerEventSourceName,
  type EventBridgeConfigInput,
} from "../../components/eventbridge-config";

const ORG = "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b";
const VALID: EventBridgeConfigInput = {
  awsAccountId: "012345678901",
  awsRegion: "eu-central-1",
  organisationId: "5f1e2d3c4b5a697887766554",
  selfHosted: undefined,
  apiKeySet: false,
};

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("single values", () => {
  it.each(["012345678901", "999999999999"])("accepts account id %s", (id) => {
    expect(awsAccountIdProblem(id)).toBeUndefined();
  });
  it.each([
    ["1234-5678-9012", /spaces or dashes/],
    ["12345678901", /has 11 digits.*quote it in YAML/],
    ["1234567890123", /not an AWS account id/],
    ["arn:aws:iam::123456789012:root", /not an AWS account id/],
    ["", /not an AWS account id/],
  ])("rejects account id %j", (id, reason) => {
    expect(awsAccountIdProblem(id)).toMatch(reason);
  });

  it.each(["eu-central-1", "us-east-1", "ap-southeast-2", "us-gov-west-1", "us-isob-east-1", "eusc-de-east-1"])(
    "accepts region %s",
    (region) => expect(awsRegionProblem(region)).toBeUndefined(),
  );
  it.each([
    ["EU-Central-1", /lower case/],
    ["mypurecloud.de", /Genesys Cloud region/],
    ["eu-central", /not an AWS region.*eu-central-1/],
    ["Frankfurt", /not an AWS region/],
  ])("rejects region %j", (region, reason) => {
    expect(awsRegionProblem(region)).toMatch(reason);
  });

  it.each(["5f1e2d3c4b5a697887766554", "my-org_1.prod", "a".repeat(64)])("accepts suffix %s", (suffix) => {
    expect(eventSourceSuffixProblem(suffix)).toBeUndefined();
  });
  it.each([
    ["", /is empty/],
    ["a".repeat(65), /65 characters long; Genesys accepts at most 64/],
    ["my org/1", /contains " " "\/"; .*letters, digits and \. _ -/],
  ])("rejects suffix %j", (suffix, reason) => {
    expect(eventSourceSuffixProblem(suffix)).toMatch(reason);
  });

  it.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["true", true],
    [" TRUE ", true],
  ])("reads cognigy:selfHosted %j as %s", (value, expected) => {
    expect(parseSelfHosted(value)).toBe(expected);
  });
  it("rejects a non-boolean cognigy:selfHosted naming the key", () => {
    expect(errorOf(() => parseSelfHosted("yes"))).toMatch(/^cognigy:selfHosted "yes" is not a boolean; set true .* or false/);
  });

  it("builds the partner event source name from the Genesys org and the suffix", () => {
    expect(partnerEventSourceName(ORG, "cognigy-org.1")).toBe(`aws.partner/genesys.com/cloud/${ORG}/cognigy-org.1`);
    expect(errorOf(() => partnerEventSourceName("my-org", "x"))).toMatch(/Genesys organisation id "my-org" is not .* UUID/);
    expect(errorOf(() => partnerEventSourceName(ORG, "a/b"))).toMatch(/^cognigy:organisationId "a\/b" contains "\/"/);
  });

  it("accepts only https URLs for the API destination", () => {
    expect(apiDestinationUrlProblem("https://endpoint.example.com/handover/genesysCloudOM")).toBeUndefined();
    expect(apiDestinationUrlProblem("http://127.0.0.1:8080/handover/genesysCloudOM")).toMatch(/not https/);
    expect(apiDestinationUrlProblem("endpoint.example.com")).toMatch(/not an absolute URL/);
  });
});

describe("parseEventBridgeConfig", () => {
  it("returns the validated SaaS settings (no API key needed)", () => {
    expect(parseEventBridgeConfig(VALID)).toEqual({
      awsAccountId: "012345678901",
      awsRegion: "eu-central-1",
      organisationId: "5f1e2d3c4b5a697887766554",
      selfHosted: false,
    });
  });

  it("accepts a self-hosted setup with its API key", () => {
    expect(parseEventBridgeConfig({ ...VALID, selfHosted: "true", apiKeySet: true }).selfHosted).toBe(true);
  });

  it("requires the API key when self-hosted, saying how to set it as a secret", () => {
    expect(errorOf(() => parseEventBridgeConfig({ ...VALID, selfHosted: "true" }))).toMatch(
      /cognigy:eventBridgeApiKey is not set; .*Authorization header: pulumi config set --secret cognigy:eventBridgeApiKey/,
    );
  });

  it("lists every missing key with the command that sets it", () => {
    const message = errorOf(() =>
      parseEventBridgeConfig({ awsAccountId: undefined, awsRegion: undefined, organisationId: undefined, selfHosted: undefined, apiKeySet: false }),
    );
    expect(message.split("\n").slice(1)).toEqual([
      expect.stringMatching(/^- cognigy:eventBridgeAwsAccountId is not set; .*pulumi config set cognigy:eventBridgeAwsAccountId/),
      expect.stringMatching(/^- cognigy:eventBridgeAwsRegion is not set; .*pulumi config set cognigy:eventBridgeAwsRegion/),
      expect.stringMatching(/^- cognigy:organisationId is not set; .*pulumi config set cognigy:organisationId/),
    ]);
  });

  it("lists every bad value with its key and fix, in one error", () => {
    const message = errorOf(() =>
      parseEventBridgeConfig({ awsAccountId: "12345", awsRegion: "mypurecloud.de", organisationId: "a b", selfHosted: "yes", apiKeySet: false }),
    );
    expect(message).toMatch(/^EventBridge configuration/);
    expect(message).toContain('- cognigy:eventBridgeAwsAccountId "12345" has 5 digits');
    expect(message).toContain('- cognigy:eventBridgeAwsRegion "mypurecloud.de" is a Genesys Cloud region');
    expect(message).toContain('- cognigy:organisationId "a b" contains " "');
    expect(message).toContain('- cognigy:selfHosted "yes" is not a boolean');
  });
});
