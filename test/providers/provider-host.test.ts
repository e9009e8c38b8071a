// The one test that drives Pulumi's dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider)
// directly over gRPC, as the engine does, to pin the wire behaviour of the webhook provider text
// the program registers (webhookProviderText), for an integration:
// configure with the stack config (the secret as a secret value), check, create, diff, read,
// read of a deleted object, delete. Everything else runs through the real CLI.
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { IntegrationProvider } from "../../providers/integration";
import { webhookProviderText } from "../../providers/webhook-objects";
import { configureRequest, emulator, stackConfig } from "./harness";
import { testEnv } from "../support/stack";

type Props = Record<string, unknown>;
const URN = "urn:pulumi:grpc::cognigy::pulumi-nodejs:dynamic/genesyscloud:Integration::handover-integration";
// Pulumi's marker for a secret value on the wire (sdk/nodejs/runtime/rpc.ts specialSigKey).
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const struct = (props: Props) => Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
const plain = (s: Struct | undefined) => (s?.toJavaScript() ?? {}) as Props;

let emu: Emulator;
let host: ChildProcess;
let client: provrpc.ResourceProviderClient;

function call<Res>(method: string, request: unknown): Promise<Res> {
  const fn = (client as unknown as Record<string, Function>)[method];
  return new Promise((resolve, reject) => fn.call(client, request, (err: Error | null, res: Res) => (err ? reject(err) : resolve(res))));
}

beforeAll(async () => {
  emu = await emulator();
  // The second argument is the engine address; the host only checks that one is given.
  host = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "127.0.0.1:1"], {
    env: { ...testEnv(), PULUMI_NODEJS_PROJECT: "cognigy" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    host.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    host.once("exit", (code) => reject(new Error(`provider host exited with ${code}`)));
  });
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await new Promise<void>((resolve, reject) => client.waitForReady(Date.now() + 10_000, (err) => (err ? reject(err) : resolve())));
});
afterAll(async () => {
  client?.close();
  host?.kill();
  await emu?.close();
});

describe("the webhook provider text through Pulumi's dynamic-provider host", () => {
  it("configure, check, create, diff, read, read after an outside delete, delete", async () => {
    const provider = webhookProviderText() as string;
    const config = stackConfig(emu);
    expect(provider).not.toContain(config["genesyscloud:oauthClientSecret"]);
    expect(provider).not.toContain(config["genesyscloud:oauthClientId"]);

    const args: Props = Object.fromEntries(
      Object.entries(config).map(([key, value]) => [key, key === "genesyscloud:oauthClientSecret" ? { ...SECRET_SIG, value } : value]),
    );
    const configure = new provproto.ConfigureRequest();
    configure.setArgs(struct(args));
    configure.setAcceptsecrets(true);
    await call("configure", configure);

    const news = { __provider: provider, kind: "Integration", name: "Cognigy gRPC", adopt: false, managedBy: "cognigy-genesys-handover cognigy/grpc", providerVersion: "test" };
    const check = new provproto.CheckRequest();
    check.setUrn(URN);
    check.setOlds(struct({}));
    check.setNews(struct(news));
    const checked = await call<provproto.CheckResponse>("check", check);
    expect(checked.getFailuresList()).toEqual([]);
    const inputs = plain(checked.getInputs());

    const create = new provproto.CreateRequest();
    create.setUrn(URN);
    create.setProperties(struct(inputs));
    const created = await call<provproto.CreateResponse>("create", create);
    const id = created.getId();
    const outputs = plain(created.getProperties());
    expect(outputs).toMatchObject({ kind: "Integration", name: "Cognigy gRPC", adopted: false, integrationType: "custom-rest-actions" });
    expect(emu.state().integrations).toEqual([expect.objectContaining({ id, name: "Cognigy gRPC", notes: "cognigy-genesys-handover cognigy/grpc" })]);

    const diff = new provproto.DiffRequest();
    diff.setId(id);
    diff.setUrn(URN);
    diff.setOlds(struct(outputs));
    diff.setNews(struct({ ...inputs, __provider: `${provider}\n// another release` }));
    expect((await call<provproto.DiffResponse>("diff", diff)).getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);
    diff.setNews(struct({ ...inputs, name: "Cognigy gRPC 2" }));
    expect((await call<provproto.DiffResponse>("diff", diff)).getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);

    const read = new provproto.ReadRequest();
    read.setId(id);
    read.setUrn(URN);
    read.setProperties(struct(outputs));
    read.setInputs(struct(inputs));
    const live = await call<provproto.ReadResponse>("read", read);
    expect(live.getId()).toBe(id);
    expect(plain(live.getProperties())).toMatchObject({ name: "Cognigy gRPC" });

    // Deleted outside Pulumi: read answers without an id, which drops it from state.
    const direct = new IntegrationProvider();
    await direct.configure(configureRequest(config));
    await direct.delete(id, outputs as never);
    expect((await call<provproto.ReadResponse>("read", read)).getId()).toBe("");

    const remove = new provproto.DeleteRequest();
    remove.setId(id);
    remove.setUrn(URN);
    remove.setProperties(struct(outputs));
    await call("delete", remove);
    expect(emu.state().integrations).toEqual([]);
  });
});
