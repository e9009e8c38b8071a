// What the program spends serializing its dynamic provider before the first registration: the
// call @pulumi/pulumi/dynamic makes for each provider object it has not serialized yet
// (serializeFunction(() => provider, { allowSecrets: true }), cached per object), timed here in
// the bench process. The program registers the four webhook kinds with one object, their modules
// packaged as one text (providers/webhook-objects.ts webhookObjectsProvider,
// providers/packaged-provider.ts; its time includes making the package); for comparison the same
// provider unpackaged (what the program registered before) and the four kinds' own providers one
// by one (before that). The program's first serialization also loads Pulumi's closure serializer;
// that load is timed on its own (a trivial function first) and counted with the registered
// provider, so the ways compare warm. The bench runs under `ts-node --swc` (package.json), so the
// texts are those of the program's own transpile (tsconfig.pulumi.json).
import * as pulumi from "@pulumi/pulumi";
import { DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WebhookObjectsProvider, webhookObjectsProvider } from "../../providers/webhook-objects";
import { WorkflowProvider } from "../../providers/workflow";

export interface ProviderText {
  provider: string;
  ms: number;
  /** Characters of the serialized text, which every resource registered with it carries in its state as `__provider`. */
  chars: number;
}

async function serialize(provider: string, make: () => object): Promise<ProviderText> {
  const started = Date.now();
  const object = make();
  const { text } = await pulumi.runtime.serializeFunction(() => object, { allowSecrets: true });
  return { provider, ms: Date.now() - started, chars: text.length };
}

export async function serializeProviders(): Promise<{ loader: ProviderText; registered: ProviderText; unpackaged: ProviderText; perKind: ProviderText[] }> {
  const loader = await serialize("(loading Pulumi's closure serializer: a trivial function, first)", () => ({}));
  const registered = await serialize("all four webhook kinds, packaged (as registered; packaging included)", webhookObjectsProvider);
  const unpackaged = await serialize("all four webhook kinds, unpackaged (before)", () => new WebhookObjectsProvider());
  const perKind: ProviderText[] = [];
  for (const [kind, make] of [
    ["Integration", () => new IntegrationProvider()],
    ["DataAction", () => new DataActionProvider()],
    ["Workflow", () => new WorkflowProvider()],
    ["Trigger", () => new TriggerProvider()],
  ] as const) {
    perKind.push(await serialize(`${kind} alone (one per kind, before that)`, make));
  }
  return { loader, registered, unpackaged, perKind };
}
