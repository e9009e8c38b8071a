import * as path from "path";
import { fileURLToPath } from "url";
import { describe, expect, it } from "vitest";
import {
  LOCAL_CLIENT_ID,
  LOCAL_PASSPHRASE,
  describeStep,
  localPaths,
  pulumiEnv,
  pulumiSteps,
} from "../../tools/local/stack-setup";

const paths = localPaths("/work/project/.local");
const targets = { emulatorUrl: "http://127.0.0.1:41234", receiverUrl: "http://127.0.0.1:41235" };
const SECRET = "0123456789abcdef-throwaway";

describe("localPaths", () => {
  it("keeps everything under the local directory", () => {
    for (const file of Object.values(paths)) expect(file.startsWith("/work/project/.local")).toBe(true);
    expect(paths.emulatorState).toBe(path.join("/work/project/.local", "emulator-state.json"));
  });
});

describe("pulumiEnv", () => {
  const base = {
    PATH: "/usr/bin",
    HOME: "/home/dev",
    PULUMI_HOME: "/home/dev/.pulumi",
    PULUMI_BACKEND_URL: "s3://company-state",
    PULUMI_ACCESS_TOKEN: "pul-real-token",
    PULUMI_CONFIG_PASSPHRASE_FILE: "/home/dev/passphrase",
    GENESYSCLOUD_OAUTHCLIENT_ID: "real-client",
    GENESYSCLOUD_OAUTHCLIENT_SECRET: "real-secret",
    GENESYSCLOUD_REGION: "eu-central-1",
    GENESYSCLOUD_API_URL: "https://api.mypurecloud.de",
  };
  const env = pulumiEnv(base, paths);

  it("points Pulumi at a file backend inside the local directory with the local passphrase", () => {
    expect(env.PULUMI_BACKEND_URL).toMatch(/^file:\/\//);
    expect(fileURLToPath(env.PULUMI_BACKEND_URL!)).toBe(paths.backend);
    expect(env.PULUMI_CONFIG_PASSPHRASE).toBe(LOCAL_PASSPHRASE);
    expect(env.PULUMI_SKIP_UPDATE_CHECK).toBe("true");
  });

  it("drops every setting that could reach a real org or another backend", () => {
    for (const key of [
      "PULUMI_ACCESS_TOKEN",
      "PULUMI_CONFIG_PASSPHRASE_FILE",
      "GENESYSCLOUD_OAUTHCLIENT_ID",
      "GENESYSCLOUD_OAUTHCLIENT_SECRET",
      "GENESYSCLOUD_REGION",
      "GENESYSCLOUD_API_URL",
    ]) {
      expect(env, key).not.toHaveProperty(key);
    }
    expect(JSON.stringify(env)).not.toContain("real-secret");
  });

  it("keeps the rest of the environment and does not change its input", () => {
    expect(env).toMatchObject({ PATH: "/usr/bin", HOME: "/home/dev", PULUMI_HOME: "/home/dev/.pulumi" });
    expect(base.PULUMI_BACKEND_URL).toBe("s3://company-state");
  });
});

describe("pulumiSteps", () => {
  const setup = [
    ["stack", "select", "local", "--create", "--non-interactive"],
    [
      "config", "set-all", "--stack", "local",
      "--plaintext", "genesyscloud:apiUrl=http://127.0.0.1:41234",
      "--plaintext", `genesyscloud:oauthClientId=${LOCAL_CLIENT_ID}`,
      "--plaintext", "cognigy:endpointUrl=http://127.0.0.1:41235",
    ],
    ["config", "set", "--stack", "local", "--secret", "genesyscloud:oauthClientSecret"],
  ];

  it("up: selects or creates the stack, configures it, runs up --yes and prints the outputs", () => {
    expect(pulumiSteps("up", "local", targets, SECRET).map((s) => s.args)).toEqual([
      ...setup,
      ["up", "--stack", "local", "--yes"],
      ["stack", "output", "--stack", "local", "--json"],
    ]);
  });

  it("preview and destroy use the same setup", () => {
    expect(pulumiSteps("preview", "local", targets, SECRET).map((s) => s.args)).toEqual([...setup, ["preview", "--stack", "local"]]);
    expect(pulumiSteps("destroy", "local", targets, SECRET).map((s) => s.args)).toEqual([...setup, ["destroy", "--stack", "local", "--yes"]]);
  });

  it("passes the client secret on stdin of the secret config step only, never as an argument", () => {
    const steps = pulumiSteps("up", "local", targets, SECRET);
    expect(steps.filter((s) => s.stdin !== undefined)).toEqual([{ args: setup[2], stdin: SECRET }]);
    for (const step of steps) expect(step.args.join(" ")).not.toContain(SECRET);
    for (const step of steps) expect(describeStep(step)).not.toContain(SECRET);
  });

  it("describes steps as retypable commands", () => {
    const [select, , secret] = pulumiSteps("up", "local", targets, SECRET);
    expect(describeStep(select)).toBe("pulumi stack select local --create --non-interactive");
    expect(describeStep(secret)).toBe(
      "pulumi config set --stack local --secret genesyscloud:oauthClientSecret < (value on stdin)",
    );
  });
});
