// The provider plugin's own handlers (provider-plugin/serve.ts), fed the requests the engine
// sends, and its pure rules: the type token of a URN, what an import reads.
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RawSettings } from "../../providers/genesys/settings";
import { SCHEMA, typeToken } from "../../provider-plugin/package-schema";
import { GenesysPlugin, importedProps, tokenOf } from "../../provider-plugin/plugin";
import { REFUSAL_ARGUMENT } from "../../provider-plugin/package-schema";
import { type ConfiguredProvider, configureHandler, readHandler, settingsFromArgs } from "../../provider-plugin/serve";

/** A secret as the engine sends it in a ConfigureRequest's args (before it knows the plugin's answer). */
const secret = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

function answer<T>(handler: (call: { request: any }, callback: (err: unknown, value?: T | null) => void) => void, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => handler({ request }, (err, value) => (err ? reject(err) : resolve(value as T))));
}

function fakeProvider(read: ConfiguredProvider["read"] = async () => ({})): ConfiguredProvider & { configured: RawSettings[] } {
  const configured: RawSettings[] = [];
  return { configured, configure: async (settings) => void configured.push(settings), read };
}

describe("the plugin's Configure", () => {
  it("hands the provider its arguments as settings, the secret unwrapped, and takes plain values", async () => {
    const provider = fakeProvider();
    const request = new provproto.ConfigureRequest();
    request.setArgs(structproto.Struct.fromJavaScript({ apiUrl: "http://127.0.0.1:8080", clientId: "ci", clientSecret: secret("s3cret"), retryMaxAttempts: "4", version: "0.1.0" }));
    request.getVariablesMap().set("cognigy-genesys:config:clientId", "ci");
    const response = await answer<provproto.ConfigureResponse>(configureHandler(provider), request);
    expect(provider.configured).toEqual([{ apiUrl: "http://127.0.0.1:8080", clientId: "ci", clientSecret: "s3cret", retryMaxAttempts: "4" }]);
    expect(response.getAcceptsecrets()).toBe(false);
    expect(response.getAcceptresources()).toBe(false);
  });

  it("reads settings by the Genesys client's names, numbers as text, blanks as unset", () => {
    expect(settingsFromArgs({ region: " eu-central-1 ", retryMaxWaitMs: 9000, organizationId: "", other: "x" })).toEqual({ region: "eu-central-1", retryMaxWaitMs: "9000" });
  });

  it("fails Configure when the provider refuses its settings", async () => {
    const provider = { ...fakeProvider(), configure: async () => Promise.reject(new Error("bad region")) };
    await expect(answer(configureHandler(provider), new provproto.ConfigureRequest())).rejects.toThrow("bad region");
  });

  it("fails Configure with the text of a refusal argument (the stack program's guard), configuring nothing", async () => {
    const provider = fakeProvider();
    const request = new provproto.ConfigureRequest();
    request.setArgs(structproto.Struct.fromJavaScript({ apiUrl: "http://127.0.0.1:8080", [REFUSAL_ARGUMENT]: "Stack org-a was deployed before the provider plugin" }));
    await expect(answer(configureHandler(provider), request)).rejects.toThrow("Stack org-a was deployed before the provider plugin");
    expect(provider.configured).toEqual([]);
  });
});

describe("the plugin's Read", () => {
  it("reads without properties (an import) and answers id, outputs and inputs", async () => {
    const calls: unknown[] = [];
    const provider = fakeProvider(async (id, urn, props) => (calls.push([id, urn, props]), { id, props: { name: "n", adopted: true }, inputs: { name: "n" } }));
    const request = new provproto.ReadRequest();
    request.setId("i-1");
    request.setUrn("urn:pulumi:s::p::cognigy-genesys:index:Integration::x");
    const response = await answer<provproto.ReadResponse>(readHandler(provider), request);
    expect(calls).toEqual([["i-1", "urn:pulumi:s::p::cognigy-genesys:index:Integration::x", undefined]]);
    expect(response.getId()).toBe("i-1");
    expect(response.getProperties()?.toJavaScript()).toEqual({ name: "n", adopted: true });
    expect(response.getInputs()?.toJavaScript()).toEqual({ name: "n" });
  });

  it("answers no id for an object that is gone (the engine drops it from state)", async () => {
    const request = new provproto.ReadRequest();
    request.setId("i-1");
    request.setProperties(structproto.Struct.fromJavaScript({ name: "n" }));
    const response = await answer<provproto.ReadResponse>(readHandler(fakeProvider()), request);
    expect(response.getId()).toBe("");
    expect(response.getProperties()).toBeUndefined();
  });
});

describe("the plugin's rules", () => {
  it("takes the type token from a URN, parent types left out", () => {
    expect(tokenOf("urn:pulumi:dev::cognigy::cognigy:genesyscloud:HandoverWebhooks$cognigy-genesys:index:Integration::handover-integration")).toBe(
      "cognigy-genesys:index:Integration",
    );
  });

  it("reads an imported object's marker as managedBy, the text before it as the user's, and counts it adopted", () => {
    const marker = "cognigy-genesys-handover cognigy/dev 7f3c2a9e-0d4b-4c55-9a51-0c1e2b3d4f5a";
    const schema = SCHEMA.resources[typeToken("Integration")];
    const live = { name: "Handover", notes: `Kept for the CRM team\n\n${marker}`, enabled: true, integrationType: "custom-rest-actions", genesysOrgId: "o-1" };
    expect(importedProps(live, { field: "notes" }, schema)).toEqual({
      props: { ...live, notes: "Kept for the CRM team", managedBy: marker, adopt: false, adopted: true },
      inputs: { name: "Handover", notes: "Kept for the CRM team", enabled: true, adopt: false, managedBy: marker },
    });
    // A hand-made object has no marker: no managedBy is read, and the program's marker is a change (the import is refused).
    expect(importedProps({ ...live, notes: "made by hand" }, { field: "notes" }, schema).inputs).toEqual({ name: "Handover", notes: "made by hand", enabled: true, adopt: false });
  });

  it("reads a data action's marker from the text of the object that carries it (its integration's notes)", () => {
    const marker = "cognigy-genesys-handover cognigy/dev 7f3c2a9e-0d4b-4c55-9a51-0c1e2b3d4f5a";
    const schema = SCHEMA.resources[typeToken("DataAction")];
    const live = { name: "Send Event", category: "Handover", integrationId: "i-1", secure: false, version: 3 };
    expect(importedProps(live, { text: `Notes\n\n${marker}` }, schema)).toEqual({
      props: { ...live, managedBy: marker, adopt: false, adopted: true },
      inputs: { name: "Send Event", category: "Handover", integrationId: "i-1", secure: false, adopt: false, managedBy: marker },
    });
    expect(importedProps(live, { text: "made by hand" }, schema).props.managedBy).toBeUndefined();
  });
});

describe("the plugin's stack identity", () => {
  it("is made once by check, kept after, and imported by its id", async () => {
    const plugin = new GenesysPlugin();
    const urn = "urn:pulumi:dev::cognigy::cognigy-genesys:index:StackIdentity::identity";
    const made = (await plugin.check(urn, {}, {})).inputs as { identity: string };
    expect(made.identity).toMatch(/^[0-9a-f-]{36}$/);
    expect((await plugin.check(urn, made, {})).inputs).toEqual(made);
    const created = await plugin.create(urn, made);
    expect(created).toEqual({ id: made.identity, outs: made });
    expect(await plugin.read(created.id, urn)).toEqual({ id: made.identity, props: made, inputs: made });
  });
});

describe("the plugin's settings", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("names the provider's own keys when a setting is wrong, before any call", async () => {
    vi.stubEnv("GENESYSCLOUD_API_URL", undefined); // a base URL would win over the region
    const plugin = new GenesysPlugin();
    await plugin.configure({ clientId: "a", clientSecret: "b", region: "nowhere" });
    await expect(plugin.create("urn:pulumi:s::p::cognigy-genesys:index:Integration::x", { name: "n", managedBy: "m" })).rejects.toThrow(
      'Unknown Genesys Cloud region "nowhere" (from the provider\'s `region` (stack config `cognigy-genesys:region` for the default provider) or environment variable GENESYSCLOUD_REGION)',
    );
  });
});
