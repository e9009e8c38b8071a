// The provider plugin's provider: one instance per provider resource (the engine starts one
// plugin process for each), one Genesys client for all its kinds, each call dispatched by the
// resource's type token to the kind's provider of providers/ (with its org binding).
import * as pulumi from "@pulumi/pulumi";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { TOOL_NAME, stackMarker, stackMarkerIdentity } from "../domain/marker";
import { dropUndefined } from "../providers/diff";
import type { GenesysApi } from "../providers/genesys/transport";
import { type RawSettings, SETTINGS, type SettingNaming } from "../providers/genesys/settings";
import { DataActionProvider } from "../providers/data-action";
import { ExistingSetupProvider } from "../providers/existing-setup";
import { EventBridgeIntegrationProvider } from "../providers/eventbridge-integration";
import { IntegrationProvider } from "../providers/integration";
import { readIntegration } from "../providers/integration-setup";
import { type KindProvider, OrgBound } from "../providers/org-binding";
import { StackIdentityProvider } from "../providers/stack-identity";
import { TriggerProvider } from "../providers/trigger";
import { WorkflowProvider } from "../providers/workflow";
import { connect } from "../providers/provider-base";
import type { ConfiguredProvider } from "./serve";
import { PACKAGE, SCHEMA, type ResourceSchema, VERSION, typeToken } from "./package-schema";

/**
 * Where Genesys keeps the stack's marker for a kind: at the end of one of the object's texts (the
 * user's text before it; `none`: what the kind records when the user's text is empty, "" where
 * its check defaults the field so, absent otherwise), or, for a kind with no free text (the data
 * action), at the end of another object's text, read by `elsewhere`.
 */
type MarkerPlace = { readonly field: string; readonly none?: string } | { readonly elsewhere: (props: Record<string, unknown>, api: GenesysApi) => Promise<string | undefined> };

/** A resource kind of the plugin: its provider, and where its marker is (none: not a Genesys object). */
interface Kind {
  readonly provider: Omit<KindProvider, "organization" | "pinned">;
  readonly marker?: MarkerPlace;
}

/** How the plugin's messages name a setting: the provider's argument, its stack config key for the default provider, or the environment variable. */
export const PLUGIN_NAMING: SettingNaming = (name) =>
  `the provider's \`${name}\` (stack config \`${PACKAGE}:${name}\` for the default provider) or environment variable ${SETTINGS[name][1]}`;

/** Pure: the type token of a resource URN (`urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`). */
export function tokenOf(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

/** Pure: a text written by withMarker (domain/marker.ts) as the user's part and the marker (if it ends with one). */
export function splitMarker(text: string | undefined): { own: string; marker?: string } {
  const lines = (text ?? "").trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (!last.startsWith(`${TOOL_NAME} `)) return { own: (text ?? "").trim() };
  return { own: lines.slice(0, -1).join("\n").trim(), marker: last };
}

/**
 * Pure: what an import reads as the resource's inputs and outputs. The marker (in `place`: a field
 * of the object's, or the text of another object that carries it) becomes `managedBy`. The object
 * was not made by this stack, so it counts as adopted (a replace of it is refused unless
 * allowReplaceAdopted); `adopt` is the input's default.
 */
export function importedProps(
  props: Record<string, unknown>,
  place: { field: string; none?: string } | { text: string | undefined },
  schema: ResourceSchema,
): { props: Record<string, unknown>; inputs: Record<string, unknown> } {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const split = "field" in place ? splitMarker(text(props[place.field])) : splitMarker(place.text);
  const outs = dropUndefined({
    ...props,
    // The user's part of the object's own text; when there is none, what the kind's read gives.
    ...("field" in place ? { [place.field]: split.own === "" ? place.none : split.own } : {}),
    managedBy: split.marker ?? props.managedBy,
    adopt: false,
    adopted: true,
  });
  const inputs = Object.fromEntries(Object.keys(schema.inputProperties).filter((key) => outs[key] !== undefined).map((key) => [key, outs[key]]));
  return { props: outs, inputs };
}

/**
 * Pure: the refusal to import (Read by id) an object that carries no marker of the URN's project and
 * stack. Pulumi records an import before it diffs the program's inputs (pkg/resource/deploy/step.go,
 * ImportStep: Read only), and 3.248 follows a difference with an update; so a hand-made object,
 * once imported, would be taken over by the update, and deleted by a later destroy even when the
 * update is refused. Such objects are taken over by name, with adoption (`adopt`, the stack's
 * cognigy:adoptExisting), which the plugin's check announces in preview.
 */
export function foreignImportRefusal(urn: string, id: string, props: Record<string, unknown>): string | undefined {
  const [head, project] = urn.split("::");
  const stack = head.slice("urn:pulumi:".length);
  const ours = stackMarker(project, stack);
  if (stackMarkerIdentity(typeof props.managedBy === "string" ? props.managedBy : undefined, ours) !== undefined) return undefined;
  const kind = tokenOf(urn).split(":").pop();
  const name = typeof props.name === "string" ? ` "${props.name}"` : "";
  return (
    `${kind}${name} (${id}) carries no marker of stack ${project}/${stack} (${ours} …): importing it by id would take over an object this stack did not make. ` +
    "Nothing was recorded. To take it over, let the stack adopt it by name (cognigy:adoptExisting true, or adopt: true on the resource) instead of importing it."
  );
}

export class GenesysPlugin implements ConfiguredProvider {
  readonly version = VERSION;
  private settings: RawSettings = {};
  private api?: GenesysApi;
  private readonly kinds: Record<string, Kind>;
  private readonly client: () => GenesysApi;

  constructor() {
    // One client per provider instance, made on the first call that needs Genesys (never in preview's check/diff).
    // Retries are shown through the engine's log: the engine hides a provider plugin's stderr
    // (sdk/go/common/resource/plugin/plugin.go, unstructuredOutput: only the dynamic-provider host's is shown).
    const client = (this.client = () => (this.api ??= connect(this.settings, PLUGIN_NAMING, (line) => void pulumi.log.info(line))));
    this.kinds = {
      [typeToken("Integration")]: { provider: new OrgBound(new IntegrationProvider().useClient(client), "Integration"), marker: { field: "notes" } },
      [typeToken("DataAction")]: {
        provider: new OrgBound(new DataActionProvider().useClient(client), "Data action"),
        // The stack owns the actions under the integration it made (providers/data-action.ts): that integration's marker.
        marker: { elsewhere: async (props, api) => (await readIntegration(api, String(props.integrationId)))?.notes },
      },
      // The flow's description carries the marker; the workflow's read on import gives it as adminDescription (providers/workflow.ts).
      [typeToken("Workflow")]: { provider: new OrgBound(new WorkflowProvider().useClient(client), "Workflow"), marker: { field: "adminDescription" } },
      [typeToken("Trigger")]: { provider: new OrgBound(new TriggerProvider().useClient(client), "Trigger"), marker: { field: "description" } },
      [typeToken("EventBridgeIntegration")]: {
        provider: new OrgBound(new EventBridgeIntegrationProvider().useClient(client), "EventBridge integration"),
        // Its check defaults notes to "".
        marker: { field: "notes", none: "" },
      },
      [typeToken("StackIdentity")]: { provider: new StackIdentityProvider() },
      // Reads only; no Genesys object of its own, so no org binding and nothing to import.
      [typeToken("ExistingSetup")]: { provider: new ExistingSetupProvider().useClient(client) },
    };
  }

  async configure(settings: RawSettings): Promise<void> {
    this.settings = settings;
    this.api = undefined;
  }

  async getSchema(): Promise<string> {
    return JSON.stringify({ ...SCHEMA, version: this.version });
  }

  private kind(urn: string): Kind {
    const token = tokenOf(urn);
    const kind = Object.prototype.hasOwnProperty.call(this.kinds, token) ? this.kinds[token] : undefined;
    if (!kind) throw new Error(`${PACKAGE} ${this.version} has no resource type "${token}"; it serves ${Object.keys(this.kinds).join(", ")}.`);
    return kind;
  }

  check(urn: string, olds: any, news: any): Promise<CheckResult> {
    return this.kind(urn).provider.check(olds, news) as Promise<CheckResult>;
  }

  diff(id: string, urn: string, olds: any, news: any): Promise<DiffResult> {
    return this.kind(urn).provider.diff(id, olds, news);
  }

  async create(urn: string, inputs: any): Promise<CreateResult> {
    const result = await this.kind(urn).provider.create(inputs);
    return { id: result.id, outs: result.outs && dropUndefined(result.outs) };
  }

  /** Without props (`pulumi import`, the `import` resource option): everything from Genesys. */
  async read(id: string, urn: string, props?: any, recorded?: Record<string, unknown>): Promise<ReadResult> {
    const kind = this.kind(urn);
    const importing = props === undefined || Object.keys(props).length === 0;
    const result: ReadResult = await kind.provider.read(id, importing ? {} : props);
    if (!result.props) return {};
    // Kinds may leave members undefined (an optional input the object lacks), which a protobuf Struct rejects.
    // A refresh answers the recorded inputs (what `check` filled in, the stack-side ones) with what
    // Genesys says of the compared fields over them: every refresh, with or without --run-program,
    // diffs the answered inputs against the recorded ones with the kind's Diff (the engine's RefreshStep).
    const inputs = recorded || result.inputs ? dropUndefined({ ...recorded, ...result.inputs }) : undefined;
    if (!importing || !kind.marker) return { id, props: dropUndefined(result.props), inputs };
    const place = "field" in kind.marker ? kind.marker : { text: await kind.marker.elsewhere(result.props, this.client()) };
    const imported = importedProps(result.props, place, SCHEMA.resources[tokenOf(urn)]);
    const refusal = foreignImportRefusal(urn, id, imported.props);
    if (refusal) throw new Error(refusal);
    return { id, ...imported };
  }

  async update(id: string, urn: string, olds: any, news: any): Promise<UpdateResult> {
    const result = await this.kind(urn).provider.update(id, olds, news);
    return { ...result, outs: result.outs && dropUndefined(result.outs) };
  }

  delete(id: string, urn: string, props: any): Promise<void> {
    return this.kind(urn).provider.delete(id, props);
  }
}
