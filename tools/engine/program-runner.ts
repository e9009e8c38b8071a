import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Props, unknownSentinel, wrapSecret } from "./property-values";

export interface RegistrationOptions {
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
}

/** A `registerResource` the program made, with what Pulumi's engine would see of it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  dependencies: string[];
  /** As the SDK sent them: secrets wrapped; values not known yet (preview) as the unknown sentinel. */
  inputs: Props;
  options: RegistrationOptions;
}

export interface RegistrationResult {
  id?: string;
  /** Outputs; secret values wrapped, the unknown sentinel for values not known yet. */
  state: Props;
}

export interface ProgramRunOptions {
  /** Module path of the program (TypeScript or JavaScript). */
  programPath: string;
  project: string;
  stack: string;
  preview: boolean;
  config: Record<string, string>;
  secretKeys: readonly string[];
  register(registration: Registration): Promise<RegistrationResult>;
}

/** The parts of the mock monitor and runtime settings used here (internal to @pulumi/pulumi 3.248). */
interface MonitorView {
  registerResource(req: RegisterRequestView, callback: unknown): Promise<void>;
}
interface RegisterRequestView {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }) => void): void };
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
}
const settings: { getMonitor(): MonitorView | undefined; waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");

/** Pulumi's URN for a resource (the mock monitor's rule: the parent's type prefixes the type). */
export function resourceUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  const qualified = parentUrn ? `${parentUrn.split("::")[2].split("$").pop()}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** `pulumi.unknown` → the sentinel string, so registrations can cross a process boundary as JSON. */
function withSentinels(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return unknownSentinel;
  if (Array.isArray(value)) return value.map(withSentinels);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSentinels(v)]));
  }
  return value;
}

async function resolveExport(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    // isKnown, isSecret and promise() are internal to the SDK, as for Pulumi's own stack outputs.
    const output = value as unknown as {
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
      promise(withUnknowns?: boolean): Promise<unknown>;
    };
    const [known, secret, inner] = await Promise.all([output.isKnown, output.isSecret, output.promise(true)]);
    const resolved = known ? await resolveExport(inner) : unknownSentinel;
    return secret ? wrapSecret(resolved) : resolved;
  }
  if (pulumi.isUnknown(value)) return unknownSentinel;
  if (pulumi.Resource.isInstance(value)) return resolveExport((value as pulumi.Resource).urn);
  if (value instanceof Promise) return resolveExport(await value);
  if (Array.isArray(value)) return Promise.all(value.map(resolveExport));
  if (typeof value === "object" && value !== null) {
    const entries = await Promise.all(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && typeof v !== "function")
        .map(async ([k, v]) => [k, await resolveExport(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Runs the program once under `pulumi.runtime.setMocks`, handing every `registerResource` to
 * `register`, and resolves to its stack outputs once every registration has finished. Pulumi's
 * runtime state is per process: call it once per process (see program-child.ts).
 */
export async function runProgram(options: ProgramRunOptions): Promise<Props> {
  let pending: RegisterRequestView | undefined;
  const mocks: pulumi.runtime.Mocks = {
    call: (args) => {
      throw new Error(`LocalEngine does not run invokes (${args.token})`);
    },
    newResource: (args) => {
      // The mock monitor calls newResource synchronously inside registerResource; the wrapper
      // below leaves the request there, since MockResourceArgs has no parent or dependencies.
      const req = pending;
      pending = undefined;
      if (!req) {
        throw new Error(`LocalEngine does not reproduce reading existing resources (${args.type} ${args.name})`);
      }
      return options.register(registrationOf(req, withSentinels(args.inputs) as Props)).then((r) => ({ id: r.id, state: r.state }));
    },
  };
  const registrationOf = (req: RegisterRequestView, inputs: Props): Registration => {
    const dependencies = new Set(req.getDependenciesList());
    req.getPropertydependenciesMap().forEach((deps) => deps.getUrnsList().forEach((u) => dependencies.add(u)));
    const parent = req.getParent() || undefined;
    return {
      urn: resourceUrn(options.stack, options.project, req.getType(), req.getName(), parent),
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent,
      dependencies: [...dependencies],
      inputs,
      options: {
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      },
    };
  };
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview);
  const monitor = settings.getMonitor()!;
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    pending = req;
    try {
      return registerResource(req, callback);
    } finally {
      pending = undefined;
    }
  };
  pulumi.runtime.setAllConfig(options.config, [...options.secretKeys]);
  let program: unknown = require(path.resolve(options.programPath));
  if (typeof program === "function") program = await program();
  const outputs = (await resolveExport(program)) as Props;
  await settings.waitForRPCs();
  return outputs;
}
