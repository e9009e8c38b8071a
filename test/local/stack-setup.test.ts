import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import { describe, expect, it } from "vitest";
import { LOCAL_CLIENT_ID, LOCAL_PASSPHRASE, localConfig, localEnv, localPaths } from "../../dev/local/stack-setup";
import { pulumiEnvironment } from "../../dev/pulumi/stack";

const paths = localPaths("/work/project/.local");
const targets = { emulatorUrl: "http://127.0.0.1:41234", receiverUrl: "http://127.0.0.1:41235" };
const SECRET = "0123456789abcdef-throwaway";

describe("localPaths", () => {
  it("keeps everything under the local directory", () => {
    for (const file of Object.values(paths)) expect(file.startsWith("/work/project/.local")).toBe(true);
    expect(paths.emulatorState).toBe(path.join("/work/project/.local", "emulator-state.json"));
  });
});

describe("localEnv", () => {
  const base = {
    PATH: "/usr/bin",
    HOME: "/home/dev",
    PULUMI_HOME: "/home/dev/.pulumi",
    GENESYSCLOUD_OAUTHCLIENT_ID: "real-client",
    GENESYSCLOUD_OAUTHCLIENT_SECRET: "real-secret",
    GENESYSCLOUD_REGION: "eu-central-1",
    GENESYSCLOUD_API_URL: "https://api.mypurecloud.de",
  };
  const env = localEnv(base);

  it("drops every setting that could reach a real org", () => {
    for (const key of ["GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYSCLOUD_REGION", "GENESYSCLOUD_API_URL"]) {
      expect(env, key).not.toHaveProperty(key);
    }
    expect(JSON.stringify(env)).not.toContain("real-secret");
  });

  it("keeps the rest of the environment and does not change its input", () => {
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/home/dev", PULUMI_HOME: "/home/dev/.pulumi" });
    expect(base.GENESYSCLOUD_API_URL).toBe("https://api.mypurecloud.de");
  });
});

describe("ProjectStack's environment for the local run", () => {
  const env = pulumiEnvironment({ PATH: "/usr/bin", PULUMI_ACCESS_TOKEN: "pul-real-token", PULUMI_CONFIG_PASSPHRASE_FILE: "/home/dev/p", PULUMI_BACKEND_URL: "s3://company-state" }, pathToFileURL(paths.backend).href, LOCAL_PASSPHRASE);

  it("points Pulumi at a file backend inside the local directory with the local passphrase, offline", () => {
    expect(fileURLToPath(env.PULUMI_BACKEND_URL)).toBe(paths.backend);
    expect(env.PULUMI_CONFIG_PASSPHRASE).toBe(LOCAL_PASSPHRASE);
    expect(env.PULUMI_SKIP_UPDATE_CHECK).toBe("true");
    expect(env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe("true");
    expect(env).not.toHaveProperty("PULUMI_ACCESS_TOKEN");
    expect(env).not.toHaveProperty("PULUMI_CONFIG_PASSPHRASE_FILE");
  });
});

describe("localConfig", () => {
  it("aims the stack at the emulator and the receiver, with the client secret as the one secret key", () => {
    expect(localConfig(targets, SECRET)).toEqual({
      config: {
        "genesyscloud:apiUrl": targets.emulatorUrl,
        "genesyscloud:oauthClientId": LOCAL_CLIENT_ID,
        "genesyscloud:oauthClientSecret": SECRET,
        "cognigy:endpointUrl": targets.receiverUrl,
      },
      secretKeys: ["genesyscloud:oauthClientSecret"],
    });
  });
});
