import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { Props, wrapSecret } from "./property-values";

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}
export interface DiffResult {
  /** `undefined` when the provider has no `diff` (DIFF_UNKNOWN): the engine compares inputs itself. */
  changes: boolean | undefined;
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface CreateResult {
  id: string;
  outputs: Props;
}
export interface ReadResult {
  /** Empty when the object is gone. */
  id: string;
  outputs: Props;
  inputs?: Props;
}

export interface ProviderHostOptions {
  /** Project name the host reports to `configure` (`req.config.get("key")` without a namespace). */
  project: string;
  /** Working directory of the host: serialized providers resolve bare `require`s from here. */
  cwd?: string;
  /** Environment of the host process (defaults to this process's environment). */
  env?: NodeJS.ProcessEnv;
  /** Called with every chunk the host writes to stderr (providers report retries there). */
  onStderr?: (text: string) => void;
}

/**
 * An error a provider method threw, as the host reported it. `id`/`properties` are set when the
 * provider threw an error carrying `id` (the host's `ErrorResourceInitFailed` detail): the object
 * exists and must be recorded, not orphaned.
 */
export class ProviderError extends Error {
  constructor(
    readonly method: string,
    readonly urn: string,
    message: string,
    readonly id?: string,
    readonly properties?: Props,
    readonly reasons: string[] = [],
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

const hostModule = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
const initFailedTypeName = "pulumirpc.ErrorResourceInitFailed";
const stderrLimit = 256 * 1024;

function toStruct(props: Props): Struct {
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

function fromStruct(struct: Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

/** The `ErrorResourceInitFailed` the host packs into `grpc-status-details-bin` for an error with `id`. */
function initFailure(err: grpc.ServiceError): provproto.ErrorResourceInitFailed | undefined {
  const [raw] = err.metadata?.get("grpc-status-details-bin") ?? [];
  if (!raw) return undefined;
  const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeName() === initFailedTypeName) {
      return provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    }
  }
  return undefined;
}

/**
 * One `@pulumi/pulumi/cmd/dynamic-provider` process and a gRPC client to it: the process the
 * Pulumi CLI starts for dynamic resources, driven the way the engine drives it.
 */
export class ProviderHost {
  private stderrText = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provrpc.ResourceProviderClient,
    readonly port: number,
  ) {
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrText = (this.stderrText + chunk.toString()).slice(-stderrLimit);
    });
  }

  /** The host's process id (crash tests kill it). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False once the process has exited or was killed. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the host and resolves once its gRPC server is reachable. */
  static async start(options: ProviderHostOptions): Promise<ProviderHost> {
    // The second argument is the engine address; the host only checks that one is given.
    const child = spawn(process.execPath, [hostModule, "127.0.0.1:1"], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...(options.env ?? process.env), PULUMI_NODEJS_PROJECT: options.project },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let early = "";
    const collectEarly = (chunk: Buffer) => (early += chunk.toString());
    child.stderr!.on("data", collectEarly);
    if (options.onStderr) child.stderr!.on("data", (chunk: Buffer) => options.onStderr!(chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const newline = out.indexOf("\n");
        if (newline < 0) return;
        child.stdout!.off("data", onData);
        const port = Number(out.slice(0, newline).trim());
        if (Number.isInteger(port) && port > 0) resolve(port);
        else reject(new Error(`dynamic-provider host printed "${out.slice(0, newline)}" instead of its port`));
      };
      child.stdout!.on("data", onData);
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`dynamic-provider host exited with code ${code} before listening: ${early.trim()}`)),
      );
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(Date.now() + 10_000, (err) => (err ? reject(err) : resolve())),
    );
    child.stderr!.off("data", collectEarly);
    const host = new ProviderHost(child, client, port);
    host.stderrText = early;
    return host;
  }

  /** What the host (and the providers in it) wrote to stderr, for diagnostics. */
  get stderr(): string {
    return this.stderrText;
  }

  private call<Req, Res>(method: string, urn: string, request: Req): Promise<Res> {
    const fn = (this.client as unknown as Record<string, Function>)[method];
    return new Promise<Res>((resolve, reject) => {
      fn.call(this.client, request, (err: grpc.ServiceError | null, response: Res) => {
        if (!err) return resolve(response);
        const failed = initFailure(err);
        reject(
          new ProviderError(
            method,
            urn,
            err.details || err.message,
            failed?.getId() || undefined,
            failed ? fromStruct(failed.getProperties()) : undefined,
            failed?.getReasonsList() ?? [],
          ),
        );
      });
    });
  }

  /**
   * Sends the stack config. Values are strings as in `Pulumi.<stack>.yaml`; keys in `secretKeys`
   * go as secret values, which the host unwraps (it declares `acceptSecrets: false`).
   */
  async configure(config: Record<string, string>, secretKeys: readonly string[] = []): Promise<void> {
    const args: Props = {};
    for (const [key, value] of Object.entries(config)) {
      args[key] = secretKeys.includes(key) ? wrapSecret(value) : value;
    }
    const req = new provproto.ConfigureRequest();
    req.setArgs(toStruct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.call("configure", "", req);
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const res = await this.call<provproto.CheckRequest, provproto.CheckResponse>("check", urn, req);
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const res = await this.call<provproto.DiffRequest, provproto.DiffResponse>("diff", urn, req);
    const kinds = provproto.DiffResponse.DiffChanges;
    const changes = res.getChanges();
    return {
      changes: changes === kinds.DIFF_SOME ? true : changes === kinds.DIFF_NONE ? false : undefined,
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(urn: string, props: Props): Promise<CreateResult> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    const res = await this.call<provproto.CreateRequest, provproto.CreateResponse>("create", urn, req);
    return { id: res.getId(), outputs: fromStruct(res.getProperties()) };
  }

  async read(id: string, urn: string, props: Props, inputs: Props): Promise<ReadResult> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    req.setInputs(toStruct(inputs));
    const res = await this.call<provproto.ReadRequest, provproto.ReadResponse>("read", urn, req);
    return {
      id: res.getId(),
      outputs: fromStruct(res.getProperties()),
      inputs: res.hasInputs() ? fromStruct(res.getInputs()) : undefined,
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const res = await this.call<provproto.UpdateRequest, provproto.UpdateResponse>("update", urn, req);
    return fromStruct(res.getProperties());
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    await this.call("delete", urn, req);
  }

  /** Closes the channel and ends the host process. */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill();
    });
  }
}
