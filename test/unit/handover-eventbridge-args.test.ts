// The argument rules of HandoverEventBridge, pure: what is refused before anything is registered,
// and what an Output argument is checked against once it resolves.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { checkedValue } from "../../components/argument-checks";
import { eventBridgeArgumentProblems, eventBridgeTopics, versionArgumentProblems } from "../../components/handover-eventbridge";
import { eventSourceSuffixProblem } from "../../domain/eventbridge-settings";

const SAAS = { awsAccountId: "123456789012", awsRegion: "eu-central-1", organisationId: "cognigy-org-42", cognigyVersion: "4.98" };
const SELF_HOSTED = { ...SAAS, selfHosted: true, requestUrl: "https://cognigy-endpoint.example.com/handover/genesysCloudOM", apiKey: "api-key" };

describe("eventBridgeArgumentProblems", () => {
  it("accepts Cognigy SaaS and self-hosted arguments", () => {
    expect(eventBridgeArgumentProblems(SAAS)).toEqual([]);
    expect(eventBridgeArgumentProblems(SELF_HOSTED)).toEqual([]);
  });

  it("reports every bad plain argument at once, each naming the argument, its value and the fix", () => {
    const problems = eventBridgeArgumentProblems({
      awsAccountId: "1234-5678-9012",
      awsRegion: "mypurecloud.de",
      organisationId: "org/42",
      cognigyVersion: "v4.98",
      integrationName: "EventBridge {{org}}",
    });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^awsAccountId "1234-5678-9012" contains spaces or dashes; write the 12 digits only/);
    expect(problems[1]).toMatch(/^awsRegion "mypurecloud.de" is a Genesys Cloud region; set the AWS region/);
    expect(problems[2]).toMatch(/^organisationId "org\/42" contains "\/"; an event source suffix allows only/);
    expect(problems[3]).toMatch(/^integrationName "EventBridge \{\{org\}\}" contains "\{\{org\}\}", which Genesys's flow job reads as a substitution key/);
    expect(problems[4]).toMatch(/^cognigyVersion "v4.98" has a leading "v"/);
  });

  it("leaves Outputs to the checks when they resolve", () => {
    const unresolved = pulumi.output("not checked now");
    expect(
      eventBridgeArgumentProblems({ awsAccountId: unresolved, awsRegion: unresolved, organisationId: unresolved, cognigyVersion: unresolved, agentInfo: pulumi.output(true) }),
    ).toEqual([]);
  });

  it("refuses the agent's details (user.start) before Cognigy.AI 2025.22", () => {
    expect(eventBridgeArgumentProblems({ ...SAAS, agentInfo: true })).toEqual([expect.stringMatching(/^agentInfo is true, but Cognigy.AI reads the agent's details .* only from 2025.22/)]);
    expect(eventBridgeArgumentProblems({ ...SAAS, cognigyVersion: "2025.22", agentInfo: true })).toEqual([]);
  });

  it("self-hosted needs the handover URL and the API key, and only self-hosted takes them", () => {
    expect(eventBridgeArgumentProblems({ ...SAAS, selfHosted: true })).toEqual([
      "requestUrl is required when selfHosted is true: the AWS side's API destination needs it",
      "apiKey is required when selfHosted is true: the AWS side's API destination needs it",
    ]);
    const { selfHosted: _, ...withoutSelfHosted } = SELF_HOSTED;
    expect(eventBridgeArgumentProblems(withoutSelfHosted)).toEqual([
      "requestUrl is given but selfHosted is not true: only the AWS side uses it; set selfHosted or leave requestUrl out",
      "apiKey is given but selfHosted is not true: only the AWS side uses it; set selfHosted or leave apiKey out",
    ]);
  });

  it("refuses an API destination that is not https, and an empty key without repeating it", () => {
    expect(eventBridgeArgumentProblems({ ...SELF_HOSTED, requestUrl: "http://cognigy-endpoint.example.com/handover/genesysCloudOM", apiKey: " " })).toEqual([
      expect.stringMatching(/^requestUrl "http:\/\/cognigy-endpoint.example.com\/handover\/genesysCloudOM" is not https/),
      "apiKey is empty; give the key Cognigy's endpoint expects",
    ]);
  });
});

describe("versionArgumentProblems", () => {
  it("reports a bad release alone: the agent-details rule needs a release to compare", () => {
    expect(versionArgumentProblems("4.1000.x", true)).toEqual([expect.stringMatching(/^cognigyVersion "4.1000.x" is not a Cognigy.AI version/)]);
  });
});

describe("eventBridgeTopics (the integration's filter, from the release once it resolves)", () => {
  it("gives each release its topics", () => {
    const topic = (event: string) => `v2.detail.events.conversation.{id}.${event}`;
    expect(eventBridgeTopics("C", "4.98", false)).toEqual([topic("acw"), topic("user.end")]);
    expect(eventBridgeTopics("C", "2025.12", false)).toEqual([topic("customer.end")]);
    expect(eventBridgeTopics("C", "2025.22", true)).toEqual([topic("customer.end"), topic("user.start")]);
  });

  it("throws naming the component and every problem", () => {
    expect(() => eventBridgeTopics('HandoverEventBridge "org"', "v4.98", false)).toThrow(/^HandoverEventBridge "org": cognigyVersion "v4.98" has a leading "v"/);
    expect(() => eventBridgeTopics('HandoverEventBridge "org"', "2025.12", true)).toThrow(/^HandoverEventBridge "org": agentInfo is true, but/);
  });
});

describe("checkedValue (what an Output argument is checked with once it resolves)", () => {
  it("gives a good value back and fails a bad one naming the component, the argument, the value and the fix", () => {
    expect(checkedValue("C", "organisationId", "org-42", eventSourceSuffixProblem)).toBe("org-42");
    expect(() => checkedValue('HandoverEventBridge "org"', "organisationId", "org 42", eventSourceSuffixProblem)).toThrow(
      /^HandoverEventBridge "org": organisationId "org 42" contains " "; an event source suffix allows only/,
    );
  });
});
