// What the program spends serializing the dynamic providers before its first registration:
// the same call @pulumi/pulumi/dynamic makes for each provider instance it has not serialized
// yet (serializeFunction(() => provider, { allowSecrets: true }), cached per instance), timed
// here in the bench process, in the order the program registers the kinds. The first one also
// loads Pulumi's closure serializer, as in the program.
import * as pulumi from "@pulumi/pulumi";
import { DataActionProvider } from "../../providers/data-action";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WorkflowProvider } from "../../providers/workflow";

export interface ProviderText {
  kind: string;
  ms: number;
  /** Characters of the serialized text, which every resource of the kind carries in its state as `__provider`. */
  chars: number;
}

const PROVIDERS: readonly [string, () => object][] = [
  ["Integration", () => new IntegrationProvider()],
  ["DataAction", () => new DataActionProvider()],
  ["Workflow", () => new WorkflowProvider()],
  ["Trigger", () => new TriggerProvider()],
];

export async function serializeProviders(): Promise<ProviderText[]> {
  const texts: ProviderText[] = [];
  for (const [kind, make] of PROVIDERS) {
    const provider = make();
    const started = Date.now();
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    texts.push({ kind, ms: Date.now() - started, chars: text.length });
  }
  return texts;
}
