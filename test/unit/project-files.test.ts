import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_KEYS, validateStackConfig } from "../../stacks/config";

const root = path.join(__dirname, "..", "..");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

/** Stack config as Pulumi hands it to a program: scalars as text, lists and maps as JSON. */
function asProgramConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, typeof value === "object" ? JSON.stringify(value) : String(value)]),
  );
}

describe("Pulumi.yaml", () => {
  it("is a TypeScript nodejs project whose main is the stack program", () => {
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true, packagemanager: "npm", tsconfig: "tsconfig.pulumi.json" } });
    // Pulumi loads the program without type checking (the tsconfig's own noCheck); tsc checks types.
    const pulumiTsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.pulumi.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    expect(pulumiTsconfig).toMatchObject({ extends: "./tsconfig.json", compilerOptions: { noCheck: true } });
    expect(project.main).toBe("stacks/");
    expect(fs.existsSync(path.join(root, project.main, "index.ts"))).toBe(true);
    expect(project.description).toMatch(/Cognigy/);
  });

  it("declares every cognigy:* key of the program with the program's type, description and default", () => {
    for (const entry of CONFIG_KEYS) {
      const declared = project.config[entry.key];
      expect(declared, entry.key).toBeDefined();
      expect(declared.type, entry.key).toBe(entry.type);
      expect(declared.description, entry.key).toBe(entry.description);
      expect(declared.default, entry.key).toEqual(entry.default);
      if (entry.type === "array") expect(declared.items).toEqual({ type: "string" });
    }
    expect(Object.keys(project.config).sort()).toEqual(CONFIG_KEYS.map((entry) => entry.key).sort());
  });

  it("gives every key a default: Pulumi refuses a stack lacking a value for a declared key without one", () => {
    for (const [key, declared] of Object.entries(project.config as Record<string, { default?: unknown }>)) {
      expect(declared.default, key).toBeDefined();
    }
  });

  it("declares no key secret: Pulumi applies the plain default of a `secret: true` key and then refuses every stack that leaves it unset", () => {
    for (const [key, declared] of Object.entries(project.config as Record<string, { secret?: boolean }>)) {
      expect(declared.secret, key).toBeUndefined();
    }
  });

  it("declares the EventBridge and version keys, the API key's description saying to set it as a secret", () => {
    expect(project.config["cognigy:mode"]).toMatchObject({ type: "string", default: "webhooks" });
    expect(project.config["cognigy:version"].type).toBe("string");
    expect(project.config["cognigy:version"].description).toMatch(/quoted in YAML/);
    expect(project.config["cognigy:eventBridgeAwsAccountId"].type).toBe("string");
    expect(project.config["cognigy:selfHosted"]).toMatchObject({ type: "boolean", default: false });
    expect(project.config["cognigy:eventBridgeApiKey"]).toMatchObject({ type: "string", default: "" });
    expect(project.config["cognigy:eventBridgeApiKey"].description).toMatch(/--secret/);
    for (const key of ["cognigy:eventBridgeAwsRegion", "cognigy:organisationId"]) expect(project.config[key], key).toBeDefined();
  });

  it("types only keys of its own namespace (Pulumi rejects a type on another namespace's key)", () => {
    for (const key of Object.keys(project.config)) {
      expect(key.startsWith(`${project.name}:`), key).toBe(true);
    }
  });

  it("gives defaults the program accepts as they are", () => {
    const defaults = Object.fromEntries(
      Object.entries(project.config as Record<string, { default?: unknown }>)
        .filter(([, declared]) => declared.default !== undefined)
        .map(([key, declared]) => [key, declared.default]),
    );
    const config = { ...asProgramConfig(defaults), "cognigy:endpointDomain": "app.cognigy.ai", "genesyscloud:region": "eu-central-1" };
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "secret" };
    const defaultsApplied = validateStackConfig(config, env);
    const nothingSet = validateStackConfig({ "cognigy:endpointDomain": "app.cognigy.ai", "genesyscloud:region": "eu-central-1" }, env);
    expect(defaultsApplied.errors).toEqual([]);
    expect(defaultsApplied.settings).toEqual(nothingSet.settings);
    expect(defaultsApplied.plan).toEqual(nothingSet.plan);
    expect(defaultsApplied.plan?.mode).toBe("webhooks");
  });
});

describe("Pulumi.dev.yaml", () => {
  const stack = parse(fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8"));

  it("is a working stack once the credentials are given, and commits no secret", () => {
    expect(Object.keys(stack.config)).not.toContain("genesyscloud:oauthClientSecret");
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "secret" };
    const { errors, settings } = validateStackConfig(asProgramConfig(stack.config), env);
    expect(errors).toEqual([]);
    expect(settings?.requestUrl).toBe("https://endpoint-app.cognigy.ai/handover/genesysCloudOM");
    expect(validateStackConfig(asProgramConfig(stack.config), {}).errors.join()).toMatch(/genesyscloud:oauthClientSecret/);
  });
});
