// Credentials and target, read at call time on the provider process, never at construction.
import type * as pulumi from "@pulumi/pulumi";
import { GenesysApi } from "./genesys-api";
import { RawSettings, readSettings, resolveTarget } from "./target";

/** What `configure` keeps on the provider's `this`: the stack config's genesyscloud:* values. */
export function settingsFromConfig(req: pulumi.dynamic.ConfigureRequest): RawSettings {
  return readSettings((key) => req.config.get(key), "config");
}

/** A new API layer for one provider process: stack config (if configured) over the environment. */
export function connect(config: RawSettings | undefined): GenesysApi {
  const target = resolveTarget(config ?? {}, readSettings((key) => process.env[key], "env"));
  return new GenesysApi(target, { onRetry: reportRetry });
}

// Provider stderr reaches the engine's log (pulumi.log from a dynamic provider is dropped).
function reportRetry(label: string, failure: { status?: number; message: string }, attempt: number, waitMs: number): void {
  process.stderr.write(
    `[genesyscloud] ${label}: attempt ${attempt} failed (${failure.status ?? "network"}: ${failure.message}); retrying in ${waitMs} ms\n`,
  );
}
