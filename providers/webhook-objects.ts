// One dynamic provider for the four webhook object kinds (integration, data action, workflow,
// trigger). Every resource stores its provider's text (`__provider`): four providers meant four
// texts that each carried the shared code (API layer, retries, diff, adoption); one provider has
// that code once, and the provider host loads one text instead of four. The program writes that
// text itself (webhookProviderText below, providers/packaged-provider.ts): its modules as one
// module, made in milliseconds. Each call is routed to its kind's provider by the `kind` input
// every webhook resource carries, which this provider keeps in the outputs.
//
// Resources whose state predates `kind` keep working: `read` and `delete` run the provider stored
// with the outputs (their own kind's), and `check`/`diff`/`update` get `kind` from the new inputs.
import * as pulumi from "@pulumi/pulumi";
import { DataActionProvider } from "./data-action";
import { IntegrationProvider } from "./integration";
import { type KindProvider, OrgBound } from "./org-binding";
import { StackIdentityProvider } from "./stack-identity";
import { closureProviderText, packageModules, providerModuleText } from "./packaged-provider";
import { TriggerProvider } from "./trigger";
import { WorkflowProvider } from "./workflow";

export type WebhookKind = "Integration" | "DataAction" | "Workflow" | "Trigger" | "StackIdentity";

/** What the routing calls of each kind: the Genesys kinds org-bound, the stack identity as it is. */
type RoutedProvider = Omit<KindProvider, "organization" | "pinned">;

/**
 * Inputs the program sets that Genesys cannot tell (the kind, and adoption's stack-side flags):
 * carried into the outputs and back into what `read` returns, so a refresh does not show them as
 * removed (and the next preview as added).
 */
const STACK_SIDE_INPUTS = ["kind", "allowReplaceAdopted", "integrationAdopted"] as const;

/** Pure: the stack-side inputs `values` holds. */
export function stackSideInputs(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(STACK_SIDE_INPUTS.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
}

export class WebhookObjectsProvider implements pulumi.dynamic.ResourceProvider {
  private readonly kinds: Record<WebhookKind, RoutedProvider> = {
    Integration: new OrgBound(new IntegrationProvider(), "Integration"),
    DataAction: new OrgBound(new DataActionProvider(), "Data action"),
    Workflow: new OrgBound(new WorkflowProvider(), "Workflow"),
    Trigger: new OrgBound(new TriggerProvider(), "Trigger"),
    // Not a Genesys object: the stack identity the markers carry, served by the same provider text.
    StackIdentity: new StackIdentityProvider(),
  };

  private of(kind: unknown): RoutedProvider {
    const provider = Object.prototype.hasOwnProperty.call(this.kinds, String(kind)) ? this.kinds[kind as WebhookKind] : undefined;
    if (!provider) {
      throw new Error(`No Genesys provider for the resource kind "${String(kind)}"; known: ${Object.keys(this.kinds).join(", ")}. Run the program of the tool version that made this resource.`);
    }
    return provider;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await Promise.all(Object.values(this.kinds).map((provider) => provider.configure(req)));
  }

  async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    const result = await this.of(news.kind).check(olds, news);
    return result.inputs ? { ...result, inputs: { ...result.inputs, kind: news.kind } } : result;
  }

  diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    return this.of(news.kind).diff(id, olds, news);
  }

  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    try {
      const result = await this.of(inputs.kind).create(inputs);
      return { ...result, outs: { ...result.outs, ...stackSideInputs(inputs) } };
    } catch (err) {
      // A partly made object is recorded from the error's properties: they need the kind and flags too.
      const partial = err as { id?: unknown; properties?: Record<string, unknown> };
      if (partial && typeof partial === "object" && partial.id && partial.properties) {
        Object.assign(partial, { properties: { ...partial.properties, ...stackSideInputs(inputs) } });
      }
      throw err;
    }
  }

  async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    const result = await this.of(props.kind).read(id, props);
    if (!result.props) return result;
    const kept = stackSideInputs(props);
    return { ...result, props: { ...result.props, ...kept }, ...(result.inputs ? { inputs: { ...result.inputs, ...kept } } : {}) };
  }

  async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    const result = await this.of(news.kind).update(id, olds, news);
    return { ...result, outs: { ...result.outs, ...stackSideInputs(news) } };
  }

  delete(id: string, props: any): Promise<void> {
    return this.of(props.kind).delete(id, props);
  }
}

let shared: string | Promise<string> | undefined;

/**
 * The `__provider` every webhook resource of the program registers: this module and what it
 * imports packaged as one module text (providers/packaged-provider.ts); the WebhookObjectsProvider
 * serialized by Pulumi's closure serializer when it cannot be packaged. Made on first use: the
 * kinds' modules import this one, so it cannot be made while they load.
 */
export function webhookProviderText(): string | Promise<string> {
  if (shared === undefined) {
    const source = packageModules("webhook-objects.ts");
    shared = source !== undefined ? providerModuleText(source, "newWebhookObjectsProvider") : closureProviderText(new WebhookObjectsProvider());
  }
  return shared;
}

/** What the packaged text calls in the provider host to make the provider. */
export function newWebhookObjectsProvider(): WebhookObjectsProvider {
  return new WebhookObjectsProvider();
}
