// Arguments of tools/org-stacks.ts (pure): the Pulumi command, the stacks, the parallelism, and
// the environment check that keeps one org's credentials from reaching another org's stack.
import { SETTINGS } from "../../providers/genesys/settings";
import { requireOrgStack } from "../list-stacks";

/** What runs over many orgs at once. destroy is one org at a time, by hand (docs/teardown.md). */
export const ORG_COMMANDS = ["preview", "up", "refresh"] as const;
export type OrgCommand = (typeof ORG_COMMANDS)[number];

export interface OrgStacksArgs {
  command: OrgCommand;
  stacks: string[];
  parallel: number;
}

export const MAX_PARALLEL = 50;

export const ORG_STACKS_USAGE = `Usage: npx ts-node --transpile-only tools/org-stacks.ts <${ORG_COMMANDS.join("|")}> [--parallel <n>] [--stacks <org>,<org>]

Runs \`pulumi <command>\` for every org stack of this repository (every Pulumi.<org>.yaml,
as CI's matrix does), at most <n> at a time (default: this machine's cores).

  --parallel <n>       stacks running at once (1 to ${MAX_PARALLEL})
  --stacks <list>      only these org stacks, comma-separated
  --help               this text`;

/** `knownStacks`: the org stacks tools/list-stacks.ts finds; `cores`: the default parallelism. */
export function parseOrgStacksArgs(argv: readonly string[], knownStacks: readonly string[], cores: number): OrgStacksArgs | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const [command, ...rest] = argv;
  if (!ORG_COMMANDS.includes(command as OrgCommand)) {
    const hint = command === "destroy" ? " (destroy one org at a time: npx pulumi destroy --stack <org>, see docs/teardown.md)" : "";
    throw new Error(`The command "${command ?? ""}" is not one of ${ORG_COMMANDS.join(", ")}${hint}`);
  }
  let parallel = Math.max(1, Math.min(cores, MAX_PARALLEL));
  let stacks = [...knownStacks];
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag !== "--parallel" && flag !== "--stacks") throw new Error(`Unknown argument "${flag}"; known: --parallel, --stacks, --help`);
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value, e.g. ${flag === "--parallel" ? "--parallel 2" : "--stacks acme,globex"}`);
    if (flag === "--parallel") {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(n >= 1 && n <= MAX_PARALLEL)) throw new Error(`--parallel "${value}" is not a whole number from 1 to ${MAX_PARALLEL}; e.g. --parallel 2`);
      parallel = n;
    } else {
      stacks = value.split(",").map((s) => s.trim());
      for (const stack of stacks) requireOrgStack(knownStacks, stack);
    }
  }
  if (stacks.length === 0) throw new Error("This repository has no org stack (Pulumi.<org>.yaml); create one first (docs/onboarding.md)");
  return { command, stacks, parallel } as OrgStacksArgs;
}

/**
 * The Genesys credential variables set in this environment. Every org stack would see them, and
 * a stack without its own credentials in config would then reach another org with them.
 */
export function sharedCredentialVariables(env: NodeJS.ProcessEnv): string[] {
  return [SETTINGS.clientId[1], SETTINGS.clientSecret[1]].filter((name) => env[name] !== undefined && env[name] !== "");
}

export function sharedCredentialsMessage(names: readonly string[]): string {
  return (
    `${names.join(" and ")} ${names.length > 1 ? "are" : "is"} set in this environment, where every org stack would see ${names.length > 1 ? "them" : "it"}. ` +
    `Unset ${names.length > 1 ? "them" : "it"} and give each org its own client in its stack config ` +
    `(npx pulumi config set --stack <org> ${SETTINGS.clientId[0]} <id>; npx pulumi config set --stack <org> --secret ${SETTINGS.clientSecret[0]}).`
  );
}

/** The CLI arguments of one org's run: non-interactive, and confirmed where the command writes. */
export function pulumiArgs(command: OrgCommand, stack: string): string[] {
  return [command, "--stack", stack, "--non-interactive", ...(command === "preview" ? [] : ["--yes"])];
}
