import * as pulumi from "@pulumi/pulumi";
import { EVENTBRIDGE_CONFIG_KEYS, awsAccountIdProblem, awsRegionProblem, eventSourceSuffixProblem } from "../domain/eventbridge-settings";
import { DiffRules, UNKNOWN, changedFields, containsUnknown, dropUndefined, requireText } from "./diff";
import * as integrations from "./genesys/integrations";
import { DesiredIntegration, createIntegration, applyIntegration, readIntegration } from "./integration-setup";
import { OrgBound } from "./org-binding";
import { GenesysProvider } from "./provider-base";
import { PROVIDER_VERSION, TOKEN_MODULE, withMarker, withoutMarker } from "../domain/marker";

/**
 * Genesys's "Amazon EventBridge Source" integration: Genesys publishes the filtered topics to the
 * partner event source `aws.partner/genesys.com/cloud/<genesysOrgId>/<eventSourceSuffix>` in the
 * given AWS account and region. Outputs the Genesys org id it reads, which the AWS side needs.
 */
export interface EventBridgeIntegrationArgs {
  /** Display name; default `Amazon EventBridge Source - Cognigy`. */
  readonly name?: pulumi.Input<string>;
  /** Free text; the provider appends the `managedBy` marker to it. */
  readonly notes?: pulumi.Input<string>;
  /** Desired `intendedState`; default true (the partner event source exists only while active). */
  readonly enabled?: pulumi.Input<boolean>;
  /** 12-digit AWS account that receives the partner event source (from Cognigy support for SaaS). */
  readonly awsAccountId: pulumi.Input<string>;
  /** AWS region of the partner event source, AWS form (e.g. eu-central-1). */
  readonly awsRegion: pulumi.Input<string>;
  /** Suffix of the partner event source's name: the Cognigy organisation id. */
  readonly eventSourceSuffix: pulumi.Input<string>;
  /** Topics Genesys sends to the source (compared as a set). */
  readonly topicFilters: pulumi.Input<pulumi.Input<string>[]>;
  /** Take over an existing EventBridge integration of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
  /** The live source is released (`cognigy:releaseEventBridge`): a change of account, region or suffix may replace it; default false refuses. */
  readonly released?: pulumi.Input<boolean>;
}

export interface EventBridgeIntegrationOutputs {
  name: string;
  notes: string;
  enabled: boolean;
  awsAccountId: string;
  awsRegion: string;
  eventSourceSuffix: string;
  topicFilters: string[];
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  integrationType: string;
  /** The Genesys Cloud organisation id (GET /api/v2/organizations/me). */
  genesysOrgId: string;
  adopted: boolean;
}

/** Inputs after `check` (defaults applied). */
export type EventBridgeIntegrationInputs = Omit<EventBridgeIntegrationOutputs, "integrationType" | "genesysOrgId" | "adopted">;

export const EVENTBRIDGE_INTEGRATION_TYPE = "amazon-eventbridge-source";
export const DEFAULT_EVENTBRIDGE_INTEGRATION_NAME = "Amazon EventBridge Source - Cognigy";

/**
 * Our inputs → the integration's config property names, as Genesys's own EventBridge module
 * (GenesysCloudDevOps/aws-event-bridge-module, main.tf) and the premium-app wizard
 * (MyPureCloud/purecloud-premium-app, wizard/scripts/modules/event-bridge.js) write them.
 */
export const EVENTBRIDGE_PROPERTY_NAMES = {
  awsAccountId: "awsAccountId",
  awsRegion: "awsAccountRegion",
  eventSourceSuffix: "eventSourceSuffix",
  topicFilters: "eventFilter",
} as const satisfies Record<string, string>;

type PropertyInput = keyof typeof EVENTBRIDGE_PROPERTY_NAMES;
const PROPERTY_INPUTS = Object.keys(EVENTBRIDGE_PROPERTY_NAMES) as PropertyInput[];

/** Pure: two topic filter lists name the same topics (order and repeats do not matter to Genesys). */
export function sameTopics(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((topic) => right.has(topic));
}

export const RULES: DiffRules = {
  fields: ["name", "notes", "enabled", ...PROPERTY_INPUTS, "adopt", "managedBy", "providerVersion"],
  // Genesys makes the partner event source for (account, region, org/suffix) when the integration
  // is activated, and AWS offers a partner source to one account only. Whether Genesys moves the
  // source when these properties are edited is not documented (unverified), so a change makes a
  // new integration, which surely makes a new source. The old one goes first: the new one would
  // otherwise be found by name and taken over, and whether Genesys holds two EventBridge
  // integrations for one org and suffix side by side is not documented either. Deleting first
  // stops the live source, so the replace is refused unless the source is released.
  replaceOn: ["awsAccountId", "awsRegion", "eventSourceSuffix"],
  deleteBeforeReplace: true,
  same: { topicFilters: sameTopics },
};

/** The config key a replacing field comes from, named in the refusal's steps. */
const REPLACE_CONFIG_KEYS: Readonly<Record<string, string>> = {
  awsAccountId: EVENTBRIDGE_CONFIG_KEYS.awsAccountId,
  awsRegion: EVENTBRIDGE_CONFIG_KEYS.awsRegion,
  eventSourceSuffix: EVENTBRIDGE_CONFIG_KEYS.organisationId,
};

/**
 * Pure: the refusal of a diff that replaces the live integration without the release, or
 * undefined. Only known values count: an unknown one in preview is checked again by `up`.
 */
export function liveReplaceRefusal(olds: Record<string, unknown>, news: Record<string, unknown>, replaces: readonly string[]): string | undefined {
  const known = replaces.filter((field) => !containsUnknown(news[field]));
  if (news.released === true || known.length === 0) return undefined;
  const release = EVENTBRIDGE_CONFIG_KEYS.release;
  const changes = known.map((field) => `${REPLACE_CONFIG_KEYS[field]} from ${JSON.stringify(olds[field])} to ${JSON.stringify(news[field])}`);
  const undo = known.map((field) => `\`pulumi config set ${REPLACE_CONFIG_KEYS[field]} ${olds[field]}\``).join(", ");
  return (
    `EventBridge integration ${JSON.stringify(news.name)}: changing ${changes.join(" and ")} would replace it, deleting the live ` +
    `integration and its partner event source first: handover-end detection for this org would stop until Cognigy receives ` +
    `events from the new source. The integration was left as it is. Either undo the change (${undo}), or move the source with a planned ` +
    `gap: 1. agree the time with Cognigy support (SaaS), and on Cognigy.AI up to 2025.11 run \`cognigy:mode both\` so the ` +
    `webhooks carry handover ends meanwhile; 2. \`pulumi config set ${release} true\` and \`pulumi up\`, then make the ` +
    `change and \`pulumi up\` again; 3. give the new ` +
    `\`eventSourceName\` output to Cognigy support (self-hosted: the same run rebuilds the AWS side) and check a handover end ` +
    `arrives; 4. \`pulumi config set ${release} false\` and \`pulumi up\` to protect it again (docs/eventbridge-migration.md).`
  );
}

/**
 * Pure: the inputs to keep. `released` matters only to a diff that replaces; elsewhere it is left
 * out of the stored inputs, which `read` cannot repeat (a refresh would show it as a change).
 */
export function withoutIdleRelease(olds: Record<string, unknown>, inputs: Record<string, unknown>): Record<string, unknown> {
  if (inputs.released === true && Object.keys(olds).length > 0 && changedFields(olds, inputs, { ...RULES, fields: RULES.replaceOn }).length > 0) {
    return inputs;
  }
  const { released: _, ...kept } = inputs;
  return kept;
}

/** Pure: defaults applied, failures named by field. Never calls the API (runs during preview). */
export function checkEventBridgeIntegration(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const inputs: Record<string, unknown> = { name: DEFAULT_EVENTBRIDGE_INTEGRATION_NAME, notes: "", enabled: true, adopt: false, ...dropUndefined(news) };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  requireText(inputs, "name", failures);
  requireText(inputs, "managedBy", failures);
  const checks: [field: string, problem: (value: string) => string | undefined][] = [
    ["awsAccountId", awsAccountIdProblem],
    ["awsRegion", awsRegionProblem],
    ["eventSourceSuffix", eventSourceSuffixProblem],
  ];
  for (const [field, problem] of checks) {
    const value = inputs[field];
    if (value === UNKNOWN) continue;
    const reason = typeof value === "string" ? problem(value) : "must be a string";
    if (reason) failures.push({ property: field, reason: `${field} ${JSON.stringify(value)} ${reason}` });
  }
  const topics = inputs.topicFilters;
  if (!containsUnknown(topics)) {
    if (!Array.isArray(topics) || topics.length === 0 || !topics.every((t) => typeof t === "string" && t.trim() !== "")) {
      failures.push({ property: "topicFilters", reason: `topicFilters must be a non-empty list of topic names (got ${JSON.stringify(topics)})` });
    } else if (new Set(topics).size !== topics.length) {
      failures.push({ property: "topicFilters", reason: `topicFilters lists a topic twice (${JSON.stringify(topics)}); list each once` });
    }
  }
  return { inputs, failures };
}

/** Pure: the integration as Genesys must hold it for these inputs. */
export function desiredEventBridgeIntegration(inputs: EventBridgeIntegrationInputs): DesiredIntegration {
  return {
    typeId: EVENTBRIDGE_INTEGRATION_TYPE,
    name: inputs.name,
    notes: withMarker(inputs.notes, inputs.managedBy),
    enabled: inputs.enabled,
    properties: Object.fromEntries(PROPERTY_INPUTS.map((input) => [EVENTBRIDGE_PROPERTY_NAMES[input], inputs[input]])),
    sameProperty: (key, live, desired) => (key === EVENTBRIDGE_PROPERTY_NAMES.topicFilters ? sameTopics(live, desired) : live === desired),
  };
}

export class EventBridgeIntegrationProvider extends GenesysProvider implements pulumi.dynamic.ResourceProvider {
  constructor() {
    super({ check: checkEventBridgeIntegration, rules: RULES });
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const result = await super.check(olds, news);
    return { ...result, inputs: withoutIdleRelease(olds, result.inputs ?? news) };
  }

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const result = await super.diff(id, olds, news);
    // Thrown, not deferred to the replace: the delete-before-replace would remove the live one first.
    const refusal = liveReplaceRefusal(olds, news, result.replaces ?? []);
    if (refusal) throw new Error(refusal);
    return result;
  }

  async create(inputs: EventBridgeIntegrationInputs): Promise<pulumi.dynamic.CreateResult> {
    const api = this.genesys();
    const recorded = { ...pickInputs(inputs), integrationType: EVENTBRIDGE_INTEGRATION_TYPE, genesysOrgId: "" };
    const made = await createIntegration(api, "EventBridge integration", desiredEventBridgeIntegration(inputs), inputs, recorded);
    return { id: made.id, outs: { ...recorded, genesysOrgId: await this.organisationId(), adopted: made.adopted } };
  }

  async read(id: string, props: EventBridgeIntegrationOutputs): Promise<pulumi.dynamic.ReadResult> {
    const live = await readIntegration(this.genesys(), id);
    if (live === undefined) return {};
    const property = (input: PropertyInput) => live.properties[EVENTBRIDGE_PROPERTY_NAMES[input]];
    const outs: EventBridgeIntegrationOutputs = {
      ...props,
      name: live.name,
      notes: withoutMarker(live.notes, props.managedBy),
      enabled: live.enabled,
      awsAccountId: String(property("awsAccountId") ?? ""),
      awsRegion: String(property("awsRegion") ?? ""),
      eventSourceSuffix: String(property("eventSourceSuffix") ?? ""),
      topicFilters: Array.isArray(property("topicFilters")) ? (property("topicFilters") as string[]) : [],
      integrationType: EVENTBRIDGE_INTEGRATION_TYPE,
      genesysOrgId: await this.organisationId(),
    };
    return { id, props: outs, inputs: pickInputs(outs) };
  }

  async update(id: string, olds: EventBridgeIntegrationOutputs, news: EventBridgeIntegrationInputs): Promise<pulumi.dynamic.UpdateResult> {
    await applyIntegration(this.genesys(), id, desiredEventBridgeIntegration(news));
    return {
      outs: { ...pickInputs(news), integrationType: EVENTBRIDGE_INTEGRATION_TYPE, genesysOrgId: await this.organisationId(), adopted: olds.adopted },
    };
  }

  async delete(id: string, _props?: unknown): Promise<void> {
    await integrations.remove(this.genesys(), id);
  }

  /** The org the OAuth client belongs to: the partner event source's name carries it. */
  private async organisationId(): Promise<string> {
    return (await this.organization()).id;
  }
}

function pickInputs(values: EventBridgeIntegrationInputs): EventBridgeIntegrationInputs {
  return Object.fromEntries(RULES.fields.map((field) => [field, (values as unknown as Record<string, unknown>)[field]])) as EventBridgeIntegrationInputs;
}

export class EventBridgeIntegration extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly notes: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  declare public readonly awsAccountId: pulumi.Output<string>;
  declare public readonly awsRegion: pulumi.Output<string>;
  declare public readonly eventSourceSuffix: pulumi.Output<string>;
  declare public readonly topicFilters: pulumi.Output<string[]>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedBy: pulumi.Output<string>;
  declare public readonly providerVersion: pulumi.Output<string>;
  declare public readonly integrationType: pulumi.Output<string>;
  declare public readonly genesysOrgId: pulumi.Output<string>;
  /** True when an existing integration not created by this stack was taken over. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: EventBridgeIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      eventBridgeIntegrationProvider,
      name,
      {
        name: args.name,
        notes: args.notes,
        enabled: args.enabled,
        awsAccountId: args.awsAccountId,
        awsRegion: args.awsRegion,
        eventSourceSuffix: args.eventSourceSuffix,
        topicFilters: args.topicFilters,
        adopt: args.adopt,
        managedBy: args.managedBy,
        released: args.released,
        providerVersion: PROVIDER_VERSION,
        integrationType: undefined,
        genesysOrgId: undefined,
        adopted: undefined,
      },
      opts,
      TOKEN_MODULE,
      "EventBridgeIntegration",
    );
  }
}

// One provider instance per kind, shared by all resources of the kind (serialized once each).
const eventBridgeIntegrationProvider = new OrgBound(new EventBridgeIntegrationProvider(), "EventBridge integration");
