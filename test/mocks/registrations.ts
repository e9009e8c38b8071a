import * as pulumi from "@pulumi/pulumi";
import { vi } from "vitest";

/** What the engine would be asked to register, as the resource monitor receives it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly protect: boolean | undefined;
  readonly retainOnDelete: boolean | undefined;
  /** Structured aliases as sent; `{ parent: pulumi.rootStackResource }` arrives as `noParent`. */
  readonly aliases: readonly { readonly name: string; readonly type: string; readonly parentUrn: string; readonly noParent: boolean }[];
  readonly inputs: Record<string, any>;
  /** The explicit provider, as `<provider urn>::<id>`; "" for the default one. */
  readonly provider: string;
  /** The inputs sent as secrets. */
  readonly secrets: readonly string[];
}

/** Pulumi's marker of a secret value in a serialized property (sdk/nodejs runtime/rpc). */
const SECRET_SIG = ["4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"] as const;

export const PROJECT = "cognigy"; // Pulumi.yaml `name`
export const STACK = "dev";

const GENESYS_ENV = ["GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYSCLOUD_REGION", "GENESYSCLOUD_API_URL"];

export interface ScenarioOptions {
  /** Config keys set as secrets besides the OAuth client secret. */
  readonly secretKeys?: readonly string[];
  /** Outputs the provider would add for a resource of this type (e.g. ids it reads). */
  readonly outputs?: (type: string) => Record<string, unknown>;
}

/**
 * Fresh module registry, mocks and config for one scenario. The mock answers every resource
 * with its inputs plus `adopted: false` (and `options.outputs`); the monitor is wrapped to also
 * record parent, dependencies, protect, retainOnDelete and aliases, which the mock callback does not see.
 */
export async function startScenario(config: Record<string, string>, env: Record<string, string> = {}, options: ScenarioOptions = {}) {
  // The previous scenario's component may still be registering its outputs; the new mocks would
  // not know its URN (an unhandled "unknown resource" rejection).
  // (waitForRPCs is on the runtime namespace at run time, not in its type declarations.)
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  vi.resetModules();
  for (const name of GENESYS_ENV) delete process.env[name];
  Object.assign(process.env, env);

  const inputsByUrnName = new Map<string, Record<string, any>>();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        inputsByUrnName.set(`${args.type}::${args.name}`, args.inputs);
        return { id: `${args.name}-id`, state: { ...args.inputs, adopted: false, ...options.outputs?.(args.type) } };
      },
      call: (args) => args.inputs,
    },
    PROJECT,
    STACK,
    false,
    // The engine always names the organization (a file backend's is "organization"); the program's
    // guard (stacks/dynamic-state-guard.ts) reads the stack's state by its full name.
    "organization",
  );
  const secretKeys = Object.keys(config).filter((key) => key === "genesyscloud:oauthClientSecret" || options.secretKeys?.includes(key));
  pulumi.runtime.setAllConfig(config, secretKeys);

  const registrations: Registration[] = [];
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) =>
    register(req, (err: any, res: any) => {
      if (!err) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          parent: req.getParent(),
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
          aliases: req.getAliasesList().map((alias: any) => {
            const spec = alias.getSpec();
            return { name: spec.getName(), type: spec.getType(), parentUrn: spec.getParenturn(), noParent: spec.getNoparent() };
          }),
          inputs: inputsByUrnName.get(`${req.getType()}::${req.getName()}`) ?? {},
          provider: req.getProvider(),
          secrets: Object.entries((req.getObject()?.toJavaScript() ?? {}) as Record<string, any>)
            .filter(([, value]) => value?.[SECRET_SIG[0]] === SECRET_SIG[1])
            .map(([key]) => key),
        });
      }
      callback(err, res);
    });
  return { registrations };
}

/**
 * The value of an output, rejecting when the resource behind it failed to register (a failed
 * input check, a provider that does not serialize). `promise()` is the SDK's own accessor;
 * `apply` would never call back on failure.
 */
export function settled<T>(output: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return (pulumi.output(output) as any).promise();
}

/** Lets pending registrations reach the monitor. */
export async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
