import { UsageError } from "./usage";

export interface VerifyArgs {
  readonly stack: string;
  readonly json: boolean;
  readonly probe: boolean;
  readonly help: boolean;
  readonly endpointDomain?: string;
  readonly endpointUrl?: string;
  readonly apiUrl?: string;
  readonly region?: string;
  /** The stack's identity (`pulumi stack output stackIdentity`): only objects carrying it (or none) count as the stack's. */
  readonly identity?: string;
}

const VALUE_FLAGS = {
  "--stack": "stack",
  "--endpoint-domain": "endpointDomain",
  "--endpoint-url": "endpointUrl",
  "--api-url": "apiUrl",
  "--region": "region",
  "--identity": "identity",
} as const;
const SWITCHES = { "--json": "json", "--probe": "probe", "--no-probe": "noProbe", "--help": "help", "-h": "help" } as const;

type ValueFlag = keyof typeof VALUE_FLAGS;
/** What providers/stack-identity.ts makes: a UUID. */
const IDENTITY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Switch = keyof typeof SWITCHES;

/** Pure: `--flag value` and `--flag=value`; every problem named with its fix. */
export function parseArgs(argv: readonly string[]): VerifyArgs {
  const values: Partial<Record<(typeof VALUE_FLAGS)[ValueFlag], string>> = {};
  const switches: Partial<Record<(typeof SWITCHES)[Switch], boolean>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
    if (flag in SWITCHES) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value (got ${JSON.stringify(argv[i])}); run with --help`);
      switches[SWITCHES[flag as Switch]] = true;
    } else if (flag in VALUE_FLAGS) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) {
        throw new UsageError(`${flag} needs a value, e.g. ${flag === "--stack" ? "--stack my-org" : `${flag} <value>`}; run with --help`);
      }
      const key = VALUE_FLAGS[flag as ValueFlag];
      if (values[key] !== undefined) throw new UsageError(`${flag} is given twice; give it once`);
      if (value.trim() === "") throw new UsageError(`${flag} is empty; give a value`);
      values[key] = value;
    } else {
      throw new UsageError(`Unknown argument ${JSON.stringify(argv[i])}; run with --help for the options`);
    }
  }
  const help = switches.help ?? false;
  if (!help && values.stack === undefined) throw new UsageError("--stack <org> is required: the org's stack, whose Pulumi.<org>.yaml holds its settings");
  if (values.stack !== undefined && !/^[A-Za-z0-9._-]+$/.test(values.stack)) {
    throw new UsageError(`--stack ${JSON.stringify(values.stack)} is not a stack name; use letters, digits, '.', '_' and '-'`);
  }
  if (values.endpointDomain !== undefined && values.endpointUrl !== undefined) {
    throw new UsageError("--endpoint-domain and --endpoint-url are both given; give one (the domain for Cognigy SaaS, the URL for self-hosted)");
  }
  if (values.apiUrl !== undefined && values.region !== undefined) {
    throw new UsageError("--api-url and --region are both given; give one (the region, or a base URL for a gateway or the emulator)");
  }
  if (values.identity !== undefined && !IDENTITY.test(values.identity)) {
    throw new UsageError(
      `--identity ${JSON.stringify(values.identity)} is not a stack identity (a UUID such as 0b6f3c9e-5f7a-4b8e-9d2a-3c1e7f6a8b90); ` +
        "take it from the stack: `pulumi stack output stackIdentity --stack <org>`",
    );
  }
  if (switches.probe && switches.noProbe) throw new UsageError("--probe and --no-probe are both given; give one (the probe runs unless --no-probe)");
  // The probe is the one check that sees Cognigy's endpoint failing, which the workflows' Call
  // Data Action failure path otherwise swallows: it runs unless turned off.
  return { stack: values.stack ?? "", json: switches.json ?? false, probe: !switches.noProbe, help, ...values };
}
