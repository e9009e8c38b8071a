// The plugin's gRPC service: the SDK's generic provider server with two handlers of its own. In
// @pulumi/pulumi 3.248 that server (node_modules/@pulumi/pulumi/provider/server.js, `Server`):
// - answers Configure without reading the request (`Server.configure`): a provider served by
//   `main()` never sees its configuration (only `construct` and `call` apply config, to the
//   runtime). This plugin's configuration is the org it talks to;
// - fails a Read that carries no properties (`Server.read` calls `req.getProperties().toJavaScript()`),
//   which is what an import sends (`pulumi import`, the `import` resource option).
// So `main()` runs unchanged, and the service object it registers
// (`server.addService(ResourceProviderService, new Server(...))`, synchronously inside `main()`)
// gets this file's `configure` and `read` over the generic ones. Every other call stays the SDK's:
// its serialization, its errors, its partial-create reporting.
import * as path from "path";
import type * as grpc from "@grpc/grpc-js";
import { main } from "@pulumi/pulumi/provider";
import type { Provider, ReadResult } from "@pulumi/pulumi/provider";
import { unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { REFUSAL_ARGUMENT } from "./package-schema";
import { SETTINGS, type RawSettings, type SettingName } from "../providers/genesys/settings";
import { resetOptions } from "@pulumi/pulumi/runtime/settings";

/** A provider that takes its configuration (the ConfigureRequest's arguments, as settings) and reads without properties. */
export interface ConfiguredProvider extends Provider {
  configure(settings: RawSettings): Promise<void>;
  /** `inputs`: the recorded inputs the engine sends with a refresh's Read (none on import). */
  read(id: string, urn: string, props?: any, inputs?: Record<string, unknown>): Promise<ReadResult>;
}

type Handler<Request, Response> = (call: { request: Request }, callback: grpc.sendUnaryData<Response>) => void;

/**
 * Pure: the settings a ConfigureRequest's arguments hold, by the names of providers/genesys/settings.ts
 * (the plugin's config keys are those names). Secrets arrive wrapped (the engine sends them so
 * before it knows whether the plugin accepts secrets); numbers as text, as stack config gives them.
 */
export function settingsFromArgs(args: Record<string, unknown>): RawSettings {
  const settings: RawSettings = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = unwrapRpcSecret(args[name]);
    if ((typeof value === "string" || typeof value === "number") && String(value).trim() !== "") settings[name] = String(value).trim();
  }
  return settings;
}

/**
 * The Configure handler: hands the arguments to the provider and answers that the plugin takes
 * plain values. Without secrets accepted, the engine unwraps secret inputs before every call and
 * marks the outputs of the same name secret itself (sdk/go/common/resource/plugin/provider_plugin.go,
 * annotateSecrets), so the kinds' code sees plain values, as under the dynamic-provider host.
 */
export function configureHandler(provider: ConfiguredProvider): Handler<provproto.ConfigureRequest, provproto.ConfigureResponse> {
  return (call, callback) => {
    const args = (call.request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const refusal = args[REFUSAL_ARGUMENT];
    if (typeof refusal === "string" && refusal !== "") return callback(new Error(refusal), null);
    provider.configure(settingsFromArgs(args)).then(
      () => {
        const response = new provproto.ConfigureResponse();
        response.setAcceptsecrets(false);
        response.setAcceptresources(false);
        response.setAcceptoutputs(false);
        response.setSupportspreview(false);
        callback(null, response);
      },
      (err: Error) => callback(err, null),
    );
  };
}

/**
 * The Read handler: as the SDK's, with the properties optional (none on import). A read that finds
 * nothing answers no id: the engine drops the resource from state.
 */
export function readHandler(provider: ConfiguredProvider): Handler<provproto.ReadRequest, provproto.ReadResponse> {
  return (call, callback) => {
    const request = call.request;
    provider.read(request.getId(), request.getUrn(), request.getProperties()?.toJavaScript(), request.getInputs()?.toJavaScript()).then(
      (result) => {
        const response = new provproto.ReadResponse();
        if (result.id !== undefined) response.setId(result.id);
        if (result.props !== undefined) response.setProperties(structproto.Struct.fromJavaScript(result.props));
        if (result.inputs !== undefined) response.setInputs(structproto.Struct.fromJavaScript(result.inputs));
        callback(null, response);
      },
      (err: Error) => callback(err, null),
    );
  };
}

/** Serves `provider` as the SDK's `main()` does, with this file's Configure and Read. */
export function serve(provider: ConfiguredProvider, args: string[]): Promise<void> {
  // `pulumi.log` reaches the engine only with the engine's address in the runtime's settings,
  // which the SDK's server sets for construct and call alone: set here, for every call.
  const engine = args.find((arg) => !arg.startsWith("-"));
  if (engine !== undefined) resetOptions("", "", 1, engine, "", false, "");
  // The grpc-js copy the SDK's server.js builds its server with.
  const sdkServer = require.resolve("@pulumi/pulumi/provider/server");
  const { Server } = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(sdkServer)] })) as typeof grpc;
  const addService = Server.prototype.addService;
  Server.prototype.addService = function (this: grpc.Server, service, implementation) {
    // The SDK's service with two own members over it: grpc-js binds each handler to the object given.
    const own = { configure: configureHandler(provider), read: readHandler(provider) };
    addService.call(this, service, Object.assign(Object.create(implementation), own));
  };
  try {
    return main(provider, args);
  } finally {
    // main() registers its service before its first await: the prototype is whole again once it returns.
    Server.prototype.addService = addService;
  }
}
