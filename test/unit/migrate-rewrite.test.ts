// The state-level move to the provider plugin (tools/migrate/rewrite.ts) on an export shaped as the
// dynamic layouts write it: a record per kind under the HandoverWebhooks component, the identity at
// the stack's top level, the dynamic provider's record, and dependencies between the records.
import { describe, expect, it } from "vitest";
import { genesysChanges } from "../../tools/migrate/migrate";
import { VERSION } from "../../provider-plugin/package-schema";
import { pluginType, providerUrn, rewriteState, stateLayout, type ExportedState } from "../../tools/migrate/rewrite";

const STACK = "org-a";
const PROJECT = "cognigy";
const PREFIX = `urn:pulumi:${STACK}::${PROJECT}::`;
const PROVIDER = providerUrn(STACK, PROJECT);
const COMPONENT = `${PREFIX}cognigy:genesyscloud:HandoverWebhooks::handover`;
const DYNAMIC_PROVIDER = `${PREFIX}pulumi:providers:pulumi-nodejs::default`;
const dynamicUrn = (kind: string, name: string, module = "genesyscloud") => `${PREFIX}cognigy:genesyscloud:HandoverWebhooks$pulumi-nodejs:dynamic/${module}:${kind}::${name}`;
const pluginUrn = (kind: string, name: string) => `${PREFIX}cognigy:genesyscloud:HandoverWebhooks$cognigy-genesys:index:${kind}::${name}`;
const DYNAMIC_ONLY = { __provider: "exports.handler = …89 KB…", kind: "Integration", providerVersion: "7" };

function exported(extra: Partial<ExportedState["deployment"]> = {}): ExportedState {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-12-07T00:00:00Z" },
      resources: [
        { urn: `${PREFIX}pulumi:pulumi:Stack::cognigy-${STACK}`, type: "pulumi:pulumi:Stack", custom: false, outputs: { integration: "i-1" } },
        { urn: DYNAMIC_PROVIDER, type: "pulumi:providers:pulumi-nodejs", custom: true, id: "p-0", inputs: { "cognigy:mode": "webhooks" } },
        { urn: PROVIDER, type: "pulumi:providers:cognigy-genesys", custom: true, id: "p-1", inputs: { version: "0.1.0" } },
        {
          urn: `${PREFIX}pulumi-nodejs:dynamic/cognigy:StackIdentity::handover-identity`,
          type: "pulumi-nodejs:dynamic/cognigy:StackIdentity",
          custom: true,
          id: "uuid-1",
          provider: `${DYNAMIC_PROVIDER}::p-0`,
          inputs: { ...DYNAMIC_ONLY, kind: "StackIdentity", identity: "uuid-1" },
          outputs: { ...DYNAMIC_ONLY, kind: "StackIdentity", identity: "uuid-1" },
        },
        { urn: COMPONENT, type: "cognigy:genesyscloud:HandoverWebhooks", custom: false, parent: `${PREFIX}pulumi:pulumi:Stack::cognigy-${STACK}` },
        {
          urn: dynamicUrn("Integration", "handover-integration"),
          type: "pulumi-nodejs:dynamic/genesyscloud:Integration",
          custom: true,
          id: "i-1",
          parent: COMPONENT,
          provider: `${DYNAMIC_PROVIDER}::p-0`,
          inputs: { ...DYNAMIC_ONLY, name: "Handover", managedBy: "m", createRefusal: "" },
          outputs: { ...DYNAMIC_ONLY, name: "Handover", managedBy: "m", integrationType: "custom-rest-actions", adopted: false, genesysOrgId: "org-1" },
          propertyDependencies: { name: [], __provider: [] },
        },
        {
          urn: dynamicUrn("DataAction", "handover-data-action"),
          type: "pulumi-nodejs:dynamic/genesyscloud:DataAction",
          custom: true,
          id: "a-1",
          parent: COMPONENT,
          provider: `${DYNAMIC_PROVIDER}::p-0`,
          dependencies: [dynamicUrn("Integration", "handover-integration")],
          propertyDependencies: { integrationId: [dynamicUrn("Integration", "handover-integration")] },
          inputs: { ...DYNAMIC_ONLY, kind: "DataAction", integrationId: "i-1", integrationAdopted: false },
          outputs: { ...DYNAMIC_ONLY, kind: "DataAction", integrationId: "i-1", version: 1 },
        },
      ],
      ...extra,
    },
  };
}

const byUrn = (state: ExportedState, urn: string) => state.deployment.resources!.find((r) => r.urn === urn);

describe("the state-level move to the provider plugin", () => {
  it("maps each dynamic type, of every module an earlier layout used, to the plugin's type; none for a kind the plugin does not serve", () => {
    expect(pluginType("pulumi-nodejs:dynamic/genesyscloud:Integration")).toBe("cognigy-genesys:index:Integration");
    expect(pluginType("pulumi-nodejs:dynamic/cognigy:StackIdentity")).toBe("cognigy-genesys:index:StackIdentity");
    expect(pluginType("pulumi-nodejs:dynamic/genesyscloud:NoSuchKind")).toBeUndefined();
    expect(pluginType("cognigy:genesyscloud:HandoverWebhooks")).toBeUndefined();
  });

  it("moves each record under the plugin's provider, keeping its name, parent, id and properties, without the dynamic route's own", () => {
    const state = rewriteState(exported(), STACK, PROJECT, "p-new");
    const integration = byUrn(state, pluginUrn("Integration", "handover-integration"))!;
    expect(integration).toMatchObject({ type: "cognigy-genesys:index:Integration", id: "i-1", parent: COMPONENT, provider: `${PROVIDER}::p-1` });
    // The webhook kinds' stack-side inputs (createRefusal) stay: the next diff compares them as the program gives them.
    expect(integration.inputs).toEqual({ name: "Handover", managedBy: "m", createRefusal: "" });
    expect(integration.outputs).toEqual({ name: "Handover", managedBy: "m", integrationType: "custom-rest-actions", adopted: false, genesysOrgId: "org-1" });
    expect(integration.propertyDependencies).toEqual({ name: [] });

    const identity = byUrn(state, `${PREFIX}cognigy-genesys:index:StackIdentity::handover-identity`)!;
    expect(identity).toMatchObject({ id: "uuid-1", inputs: { identity: "uuid-1" }, outputs: { identity: "uuid-1" }, provider: `${PROVIDER}::p-1` });
  });

  it("follows the moved URNs in the other records' dependencies", () => {
    const action = byUrn(rewriteState(exported(), STACK, PROJECT, "p-new"), pluginUrn("DataAction", "handover-data-action"))!;
    expect(action.dependencies).toEqual([pluginUrn("Integration", "handover-integration")]);
    expect(action.propertyDependencies).toEqual({ integrationId: [pluginUrn("Integration", "handover-integration")] });
  });

  it("drops the dynamic provider's record, keeps the rest, and leaves no dynamic record or __provider", () => {
    const state = rewriteState(exported(), STACK, PROJECT, "p-new");
    expect(state.deployment.resources!.map((r) => r.type)).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:cognigy-genesys",
      "cognigy-genesys:index:StackIdentity",
      "cognigy:genesyscloud:HandoverWebhooks",
      "cognigy-genesys:index:Integration",
      "cognigy-genesys:index:DataAction",
    ]);
    expect(JSON.stringify(state)).not.toMatch(/pulumi-nodejs|__provider|providerVersion/);
    expect(state.deployment.manifest).toEqual(exported().deployment.manifest);
  });

  it("refuses a stack with pending operations and a kind the plugin does not serve", () => {
    expect(() => rewriteState(exported({ pending_operations: [{ type: "creating" }] }), STACK, PROJECT, "p-new")).toThrow(/pending operations.*pulumi refresh/);
    const unserved = exported();
    unserved.deployment.resources!.push({ urn: dynamicUrn("NoSuchKind", "x"), type: "pulumi-nodejs:dynamic/genesyscloud:NoSuchKind", custom: true });
    expect(() => rewriteState(unserved, STACK, PROJECT, "p-new")).toThrow(/serves no kind for: pulumi-nodejs:dynamic\/genesyscloud:NoSuchKind/);
  });

  it("tells a stack to move from a migrated one and from an empty one", () => {
    expect(stateLayout(exported())).toMatchObject({ kind: "dynamic", records: expect.arrayContaining([dynamicUrn("Integration", "handover-integration")]) });
    expect(stateLayout(rewriteState(exported(), STACK, PROJECT, "p-new"))).toEqual({ kind: "migrated" });
    expect(stateLayout({ version: 3, deployment: {} })).toEqual({ kind: "empty" });
  });

  it("adds the provider's record, after the stack's, when the state has none: the plugin's version only, for the next up to configure", () => {
    const state = exported();
    state.deployment.resources = state.deployment.resources!.filter((r) => r.urn !== PROVIDER);
    const moved = rewriteState(state, STACK, PROJECT, "p-new");
    expect(moved.deployment.resources![1]).toEqual({
      urn: PROVIDER,
      custom: true,
      id: "p-new",
      type: "pulumi:providers:cognigy-genesys",
      inputs: { version: VERSION },
      outputs: { version: VERSION },
      parent: `${PREFIX}pulumi:pulumi:Stack::cognigy-${STACK}`,
    });
    expect(byUrn(moved, pluginUrn("Integration", "handover-integration"))!.provider).toBe(`${PROVIDER}::p-new`);
  });

  it("lets the preview after the move add records without a Genesys object, and nothing else", () => {
    const created = [`create ${PREFIX}cognigy-genesys:index:StackIdentity::handover-identity`, `create ${PREFIX}cognigy:genesyscloud:HandoverEventBridge::eventbridge`, `update ${PROVIDER}`];
    expect(genesysChanges(created)).toEqual([]);
    const touching = [`update ${pluginUrn("Integration", "handover-integration")}`, `create ${pluginUrn("Trigger", "t")}`, `delete ${PREFIX}cognigy-genesys:index:StackIdentity::handover-identity`];
    expect(genesysChanges([...created, ...touching])).toEqual(touching);
  });
});
