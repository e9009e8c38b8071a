// The upload's proxy choice, read from the environment by the rules the SDK's HTTP client
// (axios, through proxy-from-env) applies to every other call.
import { describe, expect, it } from "vitest";
import { bypassesProxy, proxyFor } from "../../providers/genesys/proxy";

const S3 = new URL("https://bucket.s3.eu-central-1.amazonaws.com/jobs/1?X-Amz-Signature=x");
const chosen = (url: URL, env: Record<string, string>) => proxyFor(url, env)?.href;

describe("proxyFor", () => {
  it("takes HTTPS_PROXY for https URLs and HTTP_PROXY for http ones, lower case first, else ALL_PROXY", () => {
    expect(chosen(S3, { HTTPS_PROXY: "http://proxy:3128", HTTP_PROXY: "http://other:80" })).toBe("http://proxy:3128/");
    expect(chosen(new URL("http://h/x"), { HTTPS_PROXY: "http://proxy:3128", HTTP_PROXY: "http://other:80" })).toBe("http://other/");
    expect(chosen(S3, { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:2" })).toBe("http://lower:1/");
    expect(chosen(S3, { ALL_PROXY: "http://all:8080" })).toBe("http://all:8080/");
    expect(chosen(S3, {})).toBeUndefined();
  });

  it("takes a proxy written without a scheme with the URL's, and refuses a SOCKS proxy by name", () => {
    expect(chosen(new URL("http://h/x"), { HTTP_PROXY: "proxy:3128" })).toBe("http://proxy:3128/");
    expect(() => proxyFor(S3, { HTTPS_PROXY: "socks5://proxy:1080" })).toThrow(/HTTPS_PROXY or ALL_PROXY.*socks5:.*NO_PROXY/);
  });

  it("goes direct when NO_PROXY exempts the host", () => {
    expect(chosen(S3, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: ".amazonaws.com" })).toBeUndefined();
  });
});

describe("bypassesProxy (NO_PROXY)", () => {
  const url = (text: string) => new URL(text);
  it.each([
    ["*", "https://any.example/x", true],
    ["bucket.s3.example", "https://bucket.s3.example/x", true],
    ["s3.example", "https://bucket.s3.example/x", false],
    [".s3.example", "https://bucket.s3.example/x", true],
    ["*.s3.example", "https://bucket.s3.example/x", true],
    [".s3.example", "https://s3.example/x", false],
    ["host:443", "https://host/x", true],
    ["host:8443", "https://host/x", false],
    ["a.example, host  b.example", "https://host/x", true],
    ["localhost", "http://127.0.0.1:8080/x", true],
    ["127.0.0.1", "http://localhost:8080/x", true],
    ["10.0.0.0/8", "http://10.1.2.3/x", true],
    ["10.0.0.0/8", "http://11.1.2.3/x", false],
    ["HOST", "https://host/x", true],
    ["", "https://host/x", false],
  ])("NO_PROXY=%j, %s: %s", (noProxy, target, expected) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(expected);
  });
});
