// What the program spends on the `__provider` text of its dynamic resources before the first
// registration, timed here in the bench process. The program writes the four webhook kinds' one
// text itself, their modules packaged as one module (providers/webhook-objects.ts
// webhookProviderText, providers/packaged-provider.ts; its time includes making the package), and
// never loads Pulumi's closure serializer. For comparison what `pulumi.dynamic.Resource` would
// spend (serializeFunction(() => provider, { allowSecrets: true }), cached per object): loading
// the closure serializer (a trivial function first), then the same provider unpackaged (the
// fallback, and what the program registered before) and the four kinds' own providers one by one
// (before that). The bench runs under `ts-node --swc` (package.json), so the closure texts are
// those of the program's own transpile (tsconfig.pulumi.json).
import * as pulumi from "@pulumi/pulumi";
import { DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WebhookObjectsProvider, webhookProviderText } from "../../providers/webhook-objects";
import { WorkflowProvider } from "../../providers/workflow";

export interface ProviderText {
  provider: string;
  ms: number;
  /** Characters of the text, which every resource registered with it carries in its state as `__provider`. */
  chars: number;
}

async function timed(provider: string, text: () => string | Promise<string>): Promise<ProviderText> {
  const started = Date.now();
  const made = await text();
  return { provider, ms: Date.now() - started, chars: made.length };
}

async function serialize(provider: string, make: () => object): Promise<ProviderText> {
  return timed(provider, async () => {
    const object = make();
    return (await pulumi.runtime.serializeFunction(() => object, { allowSecrets: true })).text;
  });
}

export async function serializeProviders(): Promise<{ registered: ProviderText; loader: ProviderText; unpackaged: ProviderText; perKind: ProviderText[] }> {
  // First, before anything loads the closure serializer, as in the program.
  const registered = await timed("all four webhook kinds, packaged as one module text (as registered; packaging included)", webhookProviderText);
  const loader = await serialize("(loading Pulumi's closure serializer: a trivial function, first)", () => ({}));
  const unpackaged = await serialize("all four webhook kinds, closure-serialized (the fallback; before)", () => new WebhookObjectsProvider());
  const perKind: ProviderText[] = [];
  for (const [kind, make] of [
    ["Integration", () => new IntegrationProvider()],
    ["DataAction", () => new DataActionProvider()],
    ["Workflow", () => new WorkflowProvider()],
    ["Trigger", () => new TriggerProvider()],
  ] as const) {
    perKind.push(await serialize(`${kind} alone (one per kind, before that)`, make));
  }
  return { registered, loader, unpackaged, perKind };
}
