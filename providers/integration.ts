import * as pulumi from "@pulumi/pulumi";
import { Existing, PartialCreateError, adoptionOutcome, hasMarker, withMarker, withoutMarker } from "./adoption";
import { DiffRules, diffResult, dropUndefined, requireText } from "./diff";
import { GenesysApi, deleteOrGone, readOrGone } from "./genesys-api";
import { connect, settingsFromConfig } from "./session";
import { RawSettings } from "./target";
import { PROVIDER_VERSION, TOKEN_MODULE } from "./version";

/** A Web Services Data Actions integration (type `custom-rest-actions`). */
export interface IntegrationArgs {
  /** Display name; Architect finds data actions by it (the action's `category`). */
  readonly name: pulumi.Input<string>;
  /** Free text; the provider appends the `managedBy` marker to it. */
  readonly notes?: pulumi.Input<string>;
  /** Desired `intendedState`; default true. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Take over an existing integration of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  /** Marker text written into `notes`, e.g. "cognigy-genesys-handover <project>/<stack>". */
  readonly managedBy: pulumi.Input<string>;
}

export interface IntegrationOutputs {
  name: string;
  notes: string;
  enabled: boolean;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  integrationType: string;
  adopted: boolean;
}

export const INTEGRATION_TYPE = "custom-rest-actions";

const RULES: DiffRules = {
  fields: ["name", "notes", "enabled", "adopt", "managedBy", "providerVersion"],
  replaceOn: [],
  deleteBeforeReplace: false,
};

/** Pure: defaults applied, failures named by field. */
export function checkIntegration(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const inputs = { notes: "", enabled: true, adopt: false, ...dropUndefined(news) };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  requireText(inputs, "name", failures);
  requireText(inputs, "managedBy", failures);
  return { inputs, failures };
}

interface IntegrationConfig {
  name?: string;
  notes?: string;
  version?: number;
  [key: string]: unknown;
}

/** Inputs after `check` (defaults applied). */
export type IntegrationInputs = Omit<IntegrationOutputs, "integrationType" | "adopted">;

export class IntegrationProvider implements pulumi.dynamic.ResourceProvider {
  private settings?: RawSettings;
  private api?: GenesysApi;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.settings = settingsFromConfig(req);
    this.api = undefined;
  }

  private genesys(): GenesysApi {
    return (this.api ??= connect(this.settings));
  }

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return checkIntegration(news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffResult(olds, news, RULES);
  }

  async create(inputs: IntegrationInputs): Promise<pulumi.dynamic.CreateResult> {
    const api = this.genesys();
    const existing = await this.find(inputs.name, inputs.managedBy);
    const outcome = adoptionOutcome("Integration", inputs.name, existing, inputs.adopt);
    if (outcome.action === "take-over") {
      return { id: outcome.id, outs: await this.apply(outcome.id, inputs, outcome.adopted) };
    }
    const created = await api.call<{ id: string; intendedState?: string }>("Create integration", (a) =>
      a.integrations.postIntegrations({ body: { name: inputs.name, integrationType: { id: INTEGRATION_TYPE } } }),
    );
    try {
      return { id: created.id, outs: await this.apply(created.id, inputs, false, created.intendedState) };
    } catch (err) {
      throw new PartialCreateError(
        `Integration "${inputs.name}" was created (id ${created.id}) but naming/enabling it failed: ${(err as Error).message}`,
        created.id,
        { ...inputs, integrationType: INTEGRATION_TYPE, adopted: false },
      );
    }
  }

  async read(id: string, props: IntegrationOutputs): Promise<pulumi.dynamic.ReadResult> {
    const api = this.genesys();
    const integration = await readOrGone(api, "Read integration", (a) => a.integrations.getIntegration(id));
    if (integration === undefined) return {};
    const config = await readOrGone<IntegrationConfig>(api, "Read integration config", (a) =>
      a.integrations.getIntegrationConfigCurrent(id),
    );
    if (config === undefined) return {};
    const outs: IntegrationOutputs = {
      ...props,
      name: config.name ?? "",
      notes: withoutMarker(config.notes, props.managedBy),
      enabled: (integration as { intendedState?: string }).intendedState === "ENABLED",
      integrationType: INTEGRATION_TYPE,
    };
    return { id, props: outs, inputs: pickInputs(outs) };
  }

  async update(id: string, olds: IntegrationOutputs, news: IntegrationInputs): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await this.apply(id, news, olds.adopted) };
  }

  async delete(id: string, _props?: unknown): Promise<void> {
    await deleteOrGone(this.genesys(), `Delete integration ${id}`, (a) => a.integrations.deleteIntegration(id));
  }

  /** Looks the integration up by its natural key (type + exact name). */
  private async find(name: string, marker: string): Promise<Existing | undefined> {
    const api = this.genesys();
    for (let page = 1; ; page++) {
      const listing = await api.call<{ entities?: { id: string; name?: string }[]; pageCount?: number }>(
        "List integrations",
        (a) => a.integrations.getIntegrations({ integrationType: INTEGRATION_TYPE, pageSize: 100, pageNumber: page }),
      );
      const match = (listing.entities ?? []).find((entity) => entity.name === name);
      if (match) {
        const config = await api.call<IntegrationConfig>("Read integration config", (a) =>
          a.integrations.getIntegrationConfigCurrent(match.id),
        );
        return { id: match.id, ours: hasMarker(config.notes, marker) };
      }
      if (page >= (listing.pageCount ?? 1)) return undefined;
    }
  }

  /**
   * Name and notes through the versioned config, then the intended state. Tolerates a fresh id.
   * `knownState`: the intended state the create answer just reported, which saves reading it.
   */
  private async apply(id: string, inputs: IntegrationInputs, adopted: boolean, knownState?: string): Promise<IntegrationOutputs> {
    const api = this.genesys();
    const notes = withMarker(inputs.notes, inputs.managedBy);
    await api.withFreshVersion(`Name integration ${id}`, async () => {
      const config = await api.call<IntegrationConfig>(
        "Read integration config",
        (a) => a.integrations.getIntegrationConfigCurrent(id),
        { tolerate: [404] },
      );
      if (config.name === inputs.name && config.notes === notes) return;
      await api.call("Update integration config", (a) =>
        a.integrations.putIntegrationConfigCurrent(id, { body: { ...config, name: inputs.name, notes, version: config.version } }),
      );
    });
    const intendedState = inputs.enabled ? "ENABLED" : "DISABLED";
    const current =
      knownState !== undefined
        ? { intendedState: knownState }
        : await api.call<{ intendedState?: string }>("Read integration", (a) => a.integrations.getIntegration(id), {
            tolerate: [404],
          });
    if (current.intendedState !== intendedState) {
      await api.call("Set integration state", (a) => a.integrations.patchIntegration(id, { body: { intendedState } }));
    }
    return { ...pickInputs(inputs), integrationType: INTEGRATION_TYPE, adopted } as IntegrationOutputs;
  }
}

function pickInputs(values: IntegrationInputs): Record<string, unknown> {
  return Object.fromEntries(RULES.fields.map((field) => [field, (values as unknown as Record<string, unknown>)[field]]));
}

export class Integration extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly notes: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  declare public readonly integrationType: pulumi.Output<string>;
  /** True when an existing integration not created by this stack was taken over. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      integrationProvider,
      name,
      {
        name: args.name,
        notes: args.notes,
        enabled: args.enabled,
        adopt: args.adopt,
        managedBy: args.managedBy,
        providerVersion: PROVIDER_VERSION,
        integrationType: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "Integration",
    );
  }
}

// One provider instance per kind, shared by all resources of the kind (serialized once each).
const integrationProvider = new IntegrationProvider();
