// Credentials and target, resolved at the first call that needs Genesys, never at construction.
import type { CheckResult, DiffResult } from "@pulumi/pulumi/provider";
import { sameStackMarker } from "../domain/marker";
import { DiffRules, diffResult } from "./diff";
import { GenesysApi, type Organization } from "./genesys/transport";
import { RawSettings, type SettingNaming, readSettings, resolveTarget } from "./genesys/settings";

/**
 * A new API layer for one provider instance: its settings over the environment; `naming` names
 * their keys in messages; `report` shows each retry to the user (default: stderr).
 */
export function connect(config: RawSettings, naming?: SettingNaming, report: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): GenesysApi {
  const target = resolveTarget(config, readSettings((key) => process.env[key], "env"), naming);
  return new GenesysApi(target, { onRetry: (label, failure, attempt, waitMs) => report(retryLine(label, failure, attempt, waitMs)) });
}

/** Pure: the line a retry shows. */
export function retryLine(label: string, failure: { status?: number; message: string }, attempt: number, waitMs: number): string {
  return `[genesyscloud] ${label}: attempt ${attempt} failed (${failure.status ?? "network"}: ${failure.message}); retrying in ${waitMs} ms`;
}

/** What makes a kind for the shared `check` and `diff`: pure functions of its inputs. */
export interface KindRules {
  /** The kind's pure input check (defaults applied, failures named by field); `olds`: the recorded inputs. */
  readonly check: (news: Record<string, unknown>, olds: Record<string, unknown>) => CheckResult;
  /** Which fields are compared, which of them force a replace, and how. */
  readonly rules: DiffRules;
}

/**
 * What every Genesys provider shares: the client its caller hands it (the provider plugin holds
 * one per provider instance, provider-plugin/plugin.ts), and `check`/`diff` as pure functions of
 * the kind's inputs and diff rules (no API call: they also run in preview; the webhook kinds'
 * check adds a read-only lookup when adopting, providers/webhook-provider.ts).
 */
export abstract class GenesysProvider<K extends KindRules = KindRules> {
  private client?: () => GenesysApi;

  constructor(protected readonly kind: K) {}

  /** Serve this kind through `client`, made by its caller from the provider's configuration. */
  useClient(client: () => GenesysApi): this {
    this.client = client;
    return this;
  }

  protected genesys(): GenesysApi {
    if (!this.client) throw new Error(`${this.constructor.name} has no Genesys client: its caller gives one with useClient`);
    return this.client();
  }

  /** The org the credentials reach, checked against `recorded` (the resource's state) and the pin (providers/org-binding.ts). */
  organization(recorded?: string): Promise<Organization> {
    return this.genesys().organization(recorded);
  }

  get pinned(): boolean {
    return this.genesys().pinned;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult> {
    return this.kind.check(news, olds);
  }

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<DiffResult> {
    // Thrown, so preview shows it too: the update after an import would write the stack's marker.
    const refusal = importedForeignRefusal(this.constructor.name.replace(/Provider$/, ""), id, olds, news);
    if (refusal) throw new Error(refusal);
    // An object marked before the stack had an identity is still the stack's: no write for that alone.
    return diffResult(olds, news, { ...this.kind.rules, same: { managedBy: sameStackMarker, ...this.kind.rules.same } });
  }
}

/**
 * Pure: the refusal to update an object that was imported (`adopted`) without this stack's marker,
 * unless `adopt` asks to take it over. Pulumi 3.248 follows an `import` whose inputs differ from
 * what Genesys holds with an update to the program's inputs (pkg/resource/deploy/step_generator.go,
 * continueStepsFromImport), so importing a hand-made object by id would otherwise take it over.
 */
export function importedForeignRefusal(kind: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>): string | undefined {
  if (olds.adopted !== true || news.adopt === true || typeof news.managedBy !== "string" || sameStackMarker(olds.managedBy, news.managedBy)) return undefined;
  const found = typeof olds.managedBy === "string" && olds.managedBy !== "" ? `the marker "${olds.managedBy}"` : "no marker";
  const name = typeof olds.name === "string" ? ` "${olds.name}"` : "";
  return (
    `${kind}${name} (${id}) was imported, but it carries ${found}, not this stack's: updating it to the program would take it over. ` +
    "Nothing was changed. To take it over, set adopt: true on the resource (the stack program: cognigy:adoptExisting true); otherwise remove the import."
  );
}
