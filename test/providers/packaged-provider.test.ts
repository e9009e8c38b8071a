// The webhook provider's text as the program registers it (providers/webhook-objects.ts
// webhookProviderText): its modules packaged as one module text (providers/packaged-provider.ts).
// Loaded as Pulumi's provider host loads it, with no credential and no path of this checkout in
// the text, it does what the WebhookObjectsProvider does against the emulator. How fast it is
// made is the bench's to measure (npm run bench), not a test's.
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import requireFromString from "require-from-string";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, Emulator } from "../../dev/emulator/index";
import { closureProviderText, packageModules } from "../../providers/packaged-provider";
import { WebhookObjectsProvider, webhookProviderText } from "../../providers/webhook-objects";
import { configureRequest, emulator, WEBHOOK_INTEGRATION_INPUTS as integration, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());


/** The program's webhook provider text, checked to hold no credential (nothing Pulumi would have to keep secret). */
function registeredText(): string {
  const text = webhookProviderText() as string;
  expect(text).not.toContain(DEFAULT_CLIENT.secret);
  expect(text).not.toContain(DEFAULT_CLIENT.id);
  return text;
}

/** As Pulumi's provider host loads a `__provider` text (@pulumi/pulumi cmd/dynamic-provider getProvider). */
function hostLoad(text: string): WebhookObjectsProvider {
  return (requireFromString(text) as { handler: () => WebhookObjectsProvider }).handler();
}

describe("the packaged webhook provider", () => {
  it("is what the program registers, one text for every webhook resource, made without Pulumi's closure serializer", () => {
    const text = webhookProviderText();
    // A string at once, in the program's own module shape: the closure serializer's text would be a promise.
    expect(typeof text).toBe("string");
    expect(text).toMatch(/^function load\(hostRequire\) \{\n/);
    expect(text).toMatch(/\nexports\.handler = function \(\) \{ return load\(require\)\["newWebhookObjectsProvider"\]\(\); \};$/);
    expect(webhookProviderText()).toBe(text);
  });

  it("loaded as the provider host loads it: every call reaches the kind's provider, kind kept, no credential and no checkout path in the text", async () => {
    const text = registeredText();
    expect(text).not.toContain(path.resolve(__dirname, "..", ".."));
    expect(text).toContain('require("purecloud-platform-client-v2")');

    const provider = hostLoad(text);
    await provider.configure(configureRequest(stackConfig(emu)));
    const checked = await provider.check({}, integration);
    expect(checked).toEqual({ inputs: integration, failures: [] });
    const created = await provider.create(checked.inputs);
    expect(created.outs).toMatchObject({ ...integration, integrationType: "custom-rest-actions", adopted: false });
    expect(await provider.read(created.id, created.outs)).toEqual({ id: created.id, props: created.outs, inputs: integration });
    const renamed = { ...integration, name: "Cognigy Handover 2" };
    expect(await provider.diff(created.id, created.outs, renamed)).toMatchObject({ changes: true });
    const updated = await provider.update(created.id, created.outs, renamed);
    expect(updated.outs).toMatchObject({ kind: "Integration", name: "Cognigy Handover 2" });
    await provider.delete(created.id, updated.outs);
    expect(emu.state().integrations).toEqual([]);
    await expect(provider.check({}, { ...integration, kind: "Queue" })).rejects.toThrow(/kind "Queue"/);
  });

  it("a create the release refuses is refused inside the package as outside", async () => {
    const provider = hostLoad(registeredText());
    await provider.configure(configureRequest(stackConfig(emu)));
    await expect(provider.create({ ...integration, createRefusal: "refused for the test" })).rejects.toThrow(/refused for the test/);
  });

  it("leaves the packaging module out; refuses a module that reads its own location (it would not be there where the text runs) or cannot be found", () => {
    expect(packageModules("packaged-provider.ts")).toBe(packageModules("packaged-provider.ts"));
    expect(packageModules("packaged-provider.ts")).toMatch(/module\.exports = \{\};/);
    expect(packageModules("../domain/workflow-yaml.ts")).toBeUndefined();
    expect(packageModules("no-such-module.ts")).toBeUndefined();
  });

  it("falls back to the text Pulumi's closure serializer makes, refusing a provider that captured a secret", async () => {
    const fallback = hostLoad(await closureProviderText(new WebhookObjectsProvider()));
    expect(await fallback.check({}, integration)).toEqual({ inputs: integration, failures: [] });
    const capturing = { provider: new WebhookObjectsProvider(), token: pulumi.secret("not for the state") };
    await expect(closureProviderText(capturing)).rejects.toThrow(/captured a secret/);
  });
});
