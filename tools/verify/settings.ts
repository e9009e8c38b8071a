// The stack's own validation over Pulumi.<org>.yaml, the command line overrides and the
// environment: verify checks against exactly what `pulumi up` would build.
import { SETTINGS, Target, readSettings, resolveTarget } from "../../providers/genesys/settings";
import { StackPlan, StackSettings, configErrorMessage, validateStackConfig } from "../../stacks/config";
import type { VerifyArgs } from "./args";
import type { StackFile } from "./stack-file";
import { UsageError } from "./usage";

type Source = Readonly<Record<string, string | undefined>>;

export interface VerifySettings {
  readonly settings: StackSettings;
  /** Mode, version and EventBridge settings: which sides verify checks. */
  readonly plan: StackPlan;
  readonly target: Target;
}

/** Pure: the file's config with the flags applied; a flag replaces the setting it competes with. */
export function effectiveConfig(file: StackFile, args: VerifyArgs, env: Source): { config: Record<string, string>; env: Source } {
  const config = { ...file.config };
  const environment = { ...env };
  const [apiUrlKey, apiUrlEnv] = SETTINGS.apiUrl;
  const [regionKey] = SETTINGS.region;
  if (args.endpointDomain !== undefined) {
    delete config["cognigy:endpointUrl"];
    config["cognigy:endpointDomain"] = args.endpointDomain;
  }
  if (args.endpointUrl !== undefined) {
    delete config["cognigy:endpointDomain"];
    config["cognigy:endpointUrl"] = args.endpointUrl;
  }
  if (args.apiUrl !== undefined) config[apiUrlKey] = args.apiUrl;
  if (args.region !== undefined) {
    // A base URL wins over a region wherever it comes from: --region must drop both.
    delete config[apiUrlKey];
    delete environment[apiUrlEnv];
    config[regionKey] = args.region;
  }
  return { config, env: environment };
}

export function verifySettings(file: StackFile, args: VerifyArgs, env: Source): VerifySettings {
  const effective = effectiveConfig(file, args, env);
  // Other encrypted keys (the EventBridge API key) only need to be present: verify never uses them.
  const present = Object.fromEntries(
    file.secureKeys.filter((key) => !Object.values(SETTINGS).some(([configKey]) => configKey === key)).map((key) => [key, "(encrypted)"]),
  );
  const { errors, settings, plan } = validateStackConfig({ ...present, ...effective.config }, effective.env);
  if (!settings || !plan) {
    const unreadable = file.secureKeys.filter((key) => Object.values(SETTINGS).some(([configKey]) => configKey === key));
    const note = unreadable.map(
      (key) =>
        `\n${key} is encrypted in ${file.path} and verify does not decrypt it: export ${(Object.values(SETTINGS).find(([k]) => k === key) as readonly string[])[1]} instead.`,
    );
    throw new UsageError(configErrorMessage(errors).replace("; nothing was changed:", ":") + note.join(""));
  }
  const target = resolveTarget(readSettings((key) => effective.config[key], "config"), readSettings((key) => effective.env[key], "env"));
  return { settings, plan, target };
}
