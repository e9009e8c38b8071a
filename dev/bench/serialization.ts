// What the program spends serializing its dynamic provider before the first registration: the
// call @pulumi/pulumi/dynamic makes for each provider object it has not serialized yet
// (serializeFunction(() => provider, { allowSecrets: true }), cached per object), timed here in
// the bench process. The program registers the four webhook kinds with one object
// (providers/webhook-objects.ts); the four kinds' own providers, serialized one by one, are what
// it registered before, for comparison. The program's first serialization also loads Pulumi's
// closure serializer; that load is timed on its own (a trivial function first) and counted with
// the registered provider, so the two ways compare warm.
import * as pulumi from "@pulumi/pulumi";
import { DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WebhookObjectsProvider } from "../../providers/webhook-objects";
import { WorkflowProvider } from "../../providers/workflow";

export interface ProviderText {
  provider: string;
  ms: number;
  /** Characters of the serialized text, which every resource registered with it carries in its state as `__provider`. */
  chars: number;
}

async function serialize(provider: string, object: object): Promise<ProviderText> {
  const started = Date.now();
  const { text } = await pulumi.runtime.serializeFunction(() => object, { allowSecrets: true });
  return { provider, ms: Date.now() - started, chars: text.length };
}

export async function serializeProviders(): Promise<{ loader: ProviderText; registered: ProviderText; perKind: ProviderText[] }> {
  const loader = await serialize("(loading Pulumi's closure serializer: a trivial function, first)", {});
  const registered = await serialize("all four webhook kinds (as registered)", new WebhookObjectsProvider());
  const perKind: ProviderText[] = [];
  for (const [kind, make] of [
    ["Integration", () => new IntegrationProvider()],
    ["DataAction", () => new DataActionProvider()],
    ["Workflow", () => new WorkflowProvider()],
    ["Trigger", () => new TriggerProvider()],
  ] as const) {
    perKind.push(await serialize(`${kind} alone (one per kind, before)`, make()));
  }
  return { loader, registered, perKind };
}
