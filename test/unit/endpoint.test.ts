import { describe, expect, it } from "vitest";
import { endpointDomainProblem, endpointUrlProblem, handoverRequestUrl, requestUrlProblem } from "../../domain/endpoint";

describe("handoverRequestUrl", () => {
  it.each([
    ["app.cognigy.ai", "https://endpoint-app.cognigy.ai/handover/genesysCloudOM"],
    ["trial.cognigy.ai", "https://endpoint-trial.cognigy.ai/handover/genesysCloudOM"],
    ["app-us.cognigy.ai", "https://endpoint-app-us.cognigy.ai/handover/genesysCloudOM"],
    ["acme.cognigy.cloud", "https://endpoint-acme.cognigy.cloud/handover/genesysCloudOM"],
    // Already prefixed: taken as is, not doubled.
    ["endpoint-app.cognigy.ai", "https://endpoint-app.cognigy.ai/handover/genesysCloudOM"],
    ["App.Cognigy.AI", "https://endpoint-app.cognigy.ai/handover/genesysCloudOM"],
  ])("domain %s → %s", (domain, url) => {
    expect(handoverRequestUrl({ endpointDomain: domain })).toBe(url);
  });

  it.each([
    ["https://cognigy-endpoint.example.com", "https://cognigy-endpoint.example.com/handover/genesysCloudOM"],
    ["https://cognigy-endpoint.example.com/", "https://cognigy-endpoint.example.com/handover/genesysCloudOM"],
    ["https://gw.example.com:8443/cognigy", "https://gw.example.com:8443/cognigy/handover/genesysCloudOM"],
    ["https://gw.example.com/handover/genesysCloudOM", "https://gw.example.com/handover/genesysCloudOM"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010/handover/genesysCloudOM"],
    ["http://localhost:4010", "http://localhost:4010/handover/genesysCloudOM"],
  ])("url %s → %s", (url, expected) => {
    expect(handoverRequestUrl({ endpointUrl: url })).toBe(expected);
  });
});

describe("endpointDomainProblem", () => {
  it.each([
    ["", /empty/],
    ["https://app.cognigy.ai", /scheme.*cognigy:endpointUrl/],
    ["app.cognigy.ai/handover", /path/],
    ["app.cognigy.ai:443", /port.*cognigy:endpointUrl/],
    ["app. cognigy.ai", /whitespace/],
    ["app.cognigy.ai.", /trailing dot/],
    ["endpoint-endpoint-app.cognigy.ai", /repeats the "endpoint-" prefix/],
    ["bücher.example", /punycode/],
    ["localhost", /not a valid domain/],
    ["-app.cognigy.ai", /not a valid domain/],
    ["app..cognigy.ai", /not a valid domain/],
    ["app_x.cognigy.ai", /not a valid domain/],
  ])("%j is rejected", (domain, message) => {
    expect(endpointDomainProblem(domain)).toMatch(message);
  });

  it("accepts SaaS and dedicated domains", () => {
    for (const domain of ["app.cognigy.ai", "endpoint-app.cognigy.ai", "au-02.cognigy.ai", "xn--bcher-kva.example"]) {
      expect(endpointDomainProblem(domain)).toBeUndefined();
    }
  });
});

describe("endpointUrlProblem", () => {
  it.each([
    ["", /empty/],
    ["cognigy.example.com", /absolute URL/],
    ["http://cognigy.example.com", /plain http to a non-loopback host; use https/],
    ["http://10.0.0.1:8080", /plain http/],
    ["ftp://cognigy.example.com", /scheme ftp; use https/],
    ["https://user:pw@cognigy.example.com", /credentials/],
    ["https://cognigy.example.com/?a=1", /query or fragment/],
    ["https://cognigy.example.com/#x", /query or fragment/],
    ["https://cognigy.example.com/$x", /Velocity/],
    ["https://bücher.example", /punycode/],
    ["https://cognigy.example.com./", /trailing dot/],
    ["https://cognigy.example .com", /whitespace/],
  ])("%j is rejected", (url, message) => {
    expect(endpointUrlProblem(url)).toMatch(message);
  });
});

describe("requestUrlProblem", () => {
  it.each([
    ["", /empty; set the URL of Cognigy's handover endpoint \(e\.g\. https:\/\/endpoint-app\.cognigy\.ai\/handover\/genesysCloudOM\)/],
    ["https://endpoint-app.cognigy.ai", /does not end with \/handover\/genesysCloudOM; give the whole URL/],
    ["app.cognigy.ai", /absolute URL/],
    ["http://endpoint-app.cognigy.ai/handover/genesysCloudOM", /plain http to a non-loopback host; use https/],
    ["https://endpoint-app.cognigy.ai/handover/genesysCloudOM?x=1", /query or fragment; remove it/],
    ["https://gw.example.com/$x/handover/genesysCloudOM", /Velocity/],
  ])("%j is rejected", (url, message) => {
    expect(requestUrlProblem(url)).toMatch(message);
  });

  it("accepts what handoverRequestUrl makes", () => {
    for (const endpoint of [{ endpointDomain: "app.cognigy.ai" }, { endpointUrl: "https://gw.example.com:8443/cognigy" }, { endpointUrl: "http://127.0.0.1:4010" }]) {
      expect(requestUrlProblem(handoverRequestUrl(endpoint))).toBeUndefined();
    }
  });
});
