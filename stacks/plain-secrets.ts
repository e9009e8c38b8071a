// Secret settings written to the stack's config file in plain text (`pulumi config set` without
// --secret): the file is committed with the project, so the secret would be in the repository.
// Pulumi's program API does not say which config values were secret, so the program reads the
// stack file itself, where Pulumi keeps a secret as `{secure: <ciphertext>}`.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The settings that must be stored encrypted. */
export const SECRET_CONFIG_KEYS = ["genesyscloud:oauthClientSecret", "cognigy:eventBridgeApiKey"] as const;

/** Pure: one problem per secret key the stack file holds as plain text (never its value). */
export function plainSecretProblems(stackFileText: string | undefined, stackFile: string, keys: readonly string[] = SECRET_CONFIG_KEYS): string[] {
  if (stackFileText === undefined) return [];
  const config = ((parse(stackFileText) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
  return keys
    .filter((key) => typeof config[key] === "string" && config[key] !== "")
    .map(
      (key) =>
        `${key} is stored in plain text in ${stackFile}; store it encrypted with \`pulumi config set --secret ${key} <value>\` ` +
        "(and treat the old value as exposed if the file was committed)",
    );
}

/** The problems for this stack's config file in the working directory, as `pulumi` runs the program. */
export function stackFilePlainSecrets(stack: string, dir = process.cwd()): string[] {
  const file = `Pulumi.${stack}.yaml`;
  const full = path.join(dir, file);
  return plainSecretProblems(fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined, file);
}
