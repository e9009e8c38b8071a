// Credentials and target, read at call time on the provider process, never at construction.
import type * as pulumi from "@pulumi/pulumi";
import { sameStackMarker } from "../domain/marker";
import { DiffRules, diffResult } from "./diff";
import { GenesysApi, type Organization } from "./genesys/transport";
import { RawSettings, type SettingNaming, readSettings, resolveTarget } from "./genesys/settings";

/** What `configure` keeps on the provider's `this`: the stack config's genesyscloud:* values. */
export function settingsFromConfig(req: pulumi.dynamic.ConfigureRequest): RawSettings {
  return readSettings((key) => req.config.get(key), "config");
}

/** A new API layer for one provider process: stack config (if configured) over the environment; `naming` names their keys in messages. */
export function connect(config: RawSettings | undefined, naming?: SettingNaming): GenesysApi {
  const target = resolveTarget(config ?? {}, readSettings((key) => process.env[key], "env"), naming);
  return new GenesysApi(target, { onRetry: reportRetry });
}

// Provider stderr reaches the engine's log (pulumi.log from a dynamic provider is dropped).
function reportRetry(label: string, failure: { status?: number; message: string }, attempt: number, waitMs: number): void {
  process.stderr.write(
    `[genesyscloud] ${label}: attempt ${attempt} failed (${failure.status ?? "network"}: ${failure.message}); retrying in ${waitMs} ms\n`,
  );
}

/** What makes a kind for the shared `check` and `diff`: pure functions of its inputs. */
export interface KindRules {
  /** The kind's pure input check (defaults applied, failures named by field); `olds`: the recorded inputs. */
  readonly check: (news: Record<string, unknown>, olds: Record<string, unknown>) => pulumi.dynamic.CheckResult;
  /** Which fields are compared, which of them force a replace, and how. */
  readonly rules: DiffRules;
}

/**
 * What every Genesys provider shares: the settings `configure` reads (kept on `this` in the
 * provider process only, never serialized), one lazily made API layer, and `check`/`diff` as
 * pure functions of the kind's inputs and diff rules (no API call: they also run in preview; the
 * webhook kinds' check adds a read-only lookup when adopting, providers/webhook-provider.ts).
 */
export abstract class GenesysProvider<K extends KindRules = KindRules> {
  private settings?: RawSettings;
  private api?: GenesysApi;
  private client?: () => GenesysApi;

  constructor(protected readonly kind: K) {}

  /**
   * Serve this kind through a client its caller owns: the provider plugin (provider-plugin/) holds
   * one client per provider instance for all its kinds, configured from the provider's own config.
   */
  useClient(client: () => GenesysApi): this {
    this.client = client;
    return this;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.settings = settingsFromConfig(req);
    this.api = undefined;
  }

  protected genesys(): GenesysApi {
    return this.client ? this.client() : (this.api ??= connect(this.settings));
  }

  /** The org the credentials reach, checked against `recorded` (the resource's state) and the pin (providers/org-binding.ts). */
  organization(recorded?: string): Promise<Organization> {
    return this.genesys().organization(recorded);
  }

  get pinned(): boolean {
    return this.genesys().pinned;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return this.kind.check(news, olds);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    // An object marked before the stack had an identity is still the stack's: no write for that alone.
    return diffResult(olds, news, { ...this.kind.rules, same: { managedBy: sameStackMarker, ...this.kind.rules.same } });
  }
}
