import { describe, expect, it } from "vitest";
import {
  apiDestinationUrlProblem,
  awsAccountIdProblem,
  awsRegionProblem,
  eventSourceSuffixProblem,
  partnerEventSourceName,
  validateEventBridgeConfig,
} from "../../domain/eventbridge-settings";

const ORG = "8a3e7c1d-2b4f-4d6a-9e8b-0c1d2e3f4a5b";
const VALID = {
  "cognigy:eventBridgeAwsAccountId": "012345678901",
  "cognigy:eventBridgeAwsRegion": "eu-central-1",
  "cognigy:organisationId": "5f1e2d3c4b5a697887766554",
};
const SECRET = "s3cr3t-api-key";

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

  it("builds the partner event source name from the Genesys org and the suffix", () => {
    expect(partnerEventSourceName(ORG, "cognigy-org.1")).toBe(`aws.partner/genesys.com/cloud/${ORG}/cognigy-org.1`);
    expect(errorOf(() => partnerEventSourceName("my-org", "x"))).toMatch(/Genesys organisation id = "my-org" is not .* UUID/);
    expect(errorOf(() => partnerEventSourceName(ORG, "a/b"))).toMatch(/^cognigy:organisationId = "a\/b" contains "\/"/);
  });

  it("accepts only https URLs for the API destination", () => {
    expect(apiDestinationUrlProblem("https://endpoint.example.com/handover/genesysCloudOM")).toBeUndefined();
    expect(apiDestinationUrlProblem("http://127.0.0.1:8080/handover/genesysCloudOM")).toMatch(/not https/);
    expect(apiDestinationUrlProblem("endpoint.example.com")).toMatch(/not an absolute URL/);
  });
});

describe("validateEventBridgeConfig", () => {
  it("returns the validated SaaS settings (no API key needed)", () => {
    expect(validateEventBridgeConfig(VALID)).toEqual({
      errors: [],
      settings: {
        awsAccountId: "012345678901",
        awsRegion: "eu-central-1",
        organisationId: "5f1e2d3c4b5a697887766554",
        selfHosted: false,
        agentInfo: false,
        release: false,
      },
    });
  });

  it("reads the release of the live path", () => {
    expect(validateEventBridgeConfig({ ...VALID, "cognigy:releaseEventBridge": "true" }).settings?.release).toBe(true);
    expect(validateEventBridgeConfig({ ...VALID, "cognigy:releaseEventBridge": "false" }).settings?.release).toBe(false);
  });

  it("accepts a self-hosted setup with its API key", () => {
    const result = validateEventBridgeConfig({ ...VALID, "cognigy:selfHosted": "true", "cognigy:eventBridgeApiKey": SECRET });
    expect(result.errors).toEqual([]);
    expect(result.settings?.selfHosted).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it.each([undefined, " "])("requires the API key (%j) when self-hosted, saying how to set it as a secret", (apiKey) => {
    expect(validateEventBridgeConfig({ ...VALID, "cognigy:selfHosted": "true", "cognigy:eventBridgeApiKey": apiKey })).toEqual({
      errors: [
        expect.stringMatching(
          /^cognigy:eventBridgeApiKey is required when cognigy:selfHosted is true: .*Authorization header.*pulumi config set --secret cognigy:eventBridgeApiKey/,
        ),
      ],
    });
  });

  it("lists every missing key with the command that sets it", () => {
    expect(validateEventBridgeConfig({}).errors).toEqual([
      expect.stringMatching(/^cognigy:eventBridgeAwsAccountId is required .*pulumi config set cognigy:eventBridgeAwsAccountId 123456789012/),
      expect.stringMatching(/^cognigy:eventBridgeAwsRegion is required .*pulumi config set cognigy:eventBridgeAwsRegion eu-central-1/),
      expect.stringMatching(/^cognigy:organisationId is required .*pulumi config set cognigy:organisationId/),
    ]);
  });

  it("lists every bad value with its key and fix, and never repeats the API key", () => {
    const result = validateEventBridgeConfig({
      "cognigy:eventBridgeAwsAccountId": "12345",
      "cognigy:eventBridgeAwsRegion": "mypurecloud.de",
      "cognigy:organisationId": "a b",
      "cognigy:selfHosted": "yes",
      "cognigy:eventBridgeApiKey": SECRET,
      "cognigy:releaseEventBridge": "yes",
    });
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual([
      expect.stringMatching(/^cognigy:eventBridgeAwsAccountId = "12345" has 5 digits/),
      expect.stringMatching(/^cognigy:eventBridgeAwsRegion = "mypurecloud\.de" is a Genesys Cloud region/),
      expect.stringMatching(/^cognigy:organisationId = "a b" contains " "/),
      expect.stringMatching(/^cognigy:selfHosted = "yes" is not a boolean; set true .* or false/),
      expect.stringMatching(/^cognigy:releaseEventBridge = "yes" is not a boolean; set true only to let `pulumi destroy` delete the live EventBridge source .*otherwise false/),
    ]);
    expect(result.errors.join("\n")).not.toContain(SECRET);
  });
});
