// Command line of `npm run local`: which Pulumi command to run against the emulator.
import * as path from "path";

export type LocalCommand = "up" | "preview" | "destroy";

export interface LocalArgs {
  command: LocalCommand;
  /** Where the emulator state, the Pulumi file backend and the logs live. */
  dir: string;
  help: boolean;
}

const COMMANDS: readonly LocalCommand[] = ["up", "preview", "destroy"];

export const LOCAL_USAGE = `Usage: npm run local [-- <command>] [-- --dir <dir>]

Runs the handover stack against the local Genesys Cloud emulator with Pulumi's file backend,
so nothing leaves this machine.

  <command>    up (default): create or update the six objects and print the stack outputs
               preview: show what up would change
               destroy: remove what the local stack created
  --dir <dir>  where state and logs are kept (default: .local)
  --help       this text`;

export function parseLocalArgs(argv: readonly string[], cwd: string): LocalArgs {
  const args: LocalArgs = { command: "up", dir: path.resolve(cwd, ".local"), help: false };
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      args.help = true;
    } else if (arg === "--dir") {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("-") || value.trim() === "") {
        throw new Error("--dir needs a directory, e.g. --dir .local");
      }
      args.dir = path.resolve(cwd, value);
      i++;
    } else if ((COMMANDS as readonly string[]).includes(arg)) {
      if (commandSeen) throw new Error(`Two commands given ("${args.command}" and "${arg}"); give one of ${COMMANDS.join(", ")}.`);
      args.command = arg as LocalCommand;
      commandSeen = true;
    } else {
      throw new Error(`Unknown argument "${arg}". Commands: ${COMMANDS.join(", ")}; options: --dir <dir>, --help.`);
    }
  }
  return args;
}
