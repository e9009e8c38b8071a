import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Apis, failure, login } from "./sdk";
import { CATEGORY, enabledIntegration, lookupAction, sendEventAction } from "./world";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let emu: Emulator;
let api: Apis;
let integrationId: string;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let reply = { status: 200, body: '{"ok":true}' };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(reply.status, { "Content-Type": "application/json" }).end(reply.body);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  emu = await startEmulator();
  api = await login(emu.url);
  integrationId = (await enabledIntegration(api)).id;
});
afterAll(async () => {
  await emu.close();
  await new Promise((r) => receiver.close(r));
});

describe("data actions", () => {
  it("creates and publishes in one call: custom_-_ id, version 1; reads with expand/includeConfig", async () => {
    const created = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, CATEGORY));
    expect(created.id).toMatch(/^custom_-_[0-9a-f-]{36}$/);
    expect(created.version).toBe(1);
    const plain = await api.integrations.getIntegrationsAction(created.id!);
    expect(plain.contract).toBeUndefined();
    expect(plain.config).toBeUndefined();
    const full = await api.integrations.getIntegrationsAction(created.id!, { expand: "contract", includeConfig: true });
    expect(full.contract?.input?.inputSchema?.required).toEqual(["userId"]);
    expect(full.config?.request?.requestUrlTemplate).toBe("https://endpoint.example/cognigy");
    expect(full.config?.request?.requestTemplate).toBeUndefined();
    expect(full.config?.response?.successTemplate).toBeUndefined();
    expect(await api.integrations.getIntegrationsActionTemplate(created.id!, "requesttemplate.vm")).toBe("${input.rawRequest}");
    expect(await api.integrations.getIntegrationsActionTemplate(created.id!, "successtemplate.vm")).toBe("${rawResult}");
    expect(await failure(api.integrations.getIntegrationsActionTemplate(created.id!, "other.vm"))).toMatchObject({ status: 404 });
    await api.integrations.deleteIntegrationsAction(created.id!);
  });

  it("rejects missing fields, unknown integration, missing contract schemas and bad request types", async () => {
    const good = sendEventAction(integrationId, CATEGORY);
    const cases: [unknown, string][] = [
      [{ ...good, name: "" }, "'name'"],
      [{ ...good, category: undefined }, "'category'"],
      [{ ...good, integrationId: "missing" }, "'missing'"],
      [{ ...good, contract: { input: good.contract.input } }, "contract.output"],
      [{ ...good, contract: { ...good.contract, input: {} } }, "contract.input.inputSchema"],
      [{ ...good, config: { request: { ...good.config.request, requestType: "FETCH" } } }, "requestType"],
      [{ ...good, config: { request: { requestType: "POST" } } }, "requestUrlTemplate"],
      [{ ...good, config: { ...good.config, timeoutSeconds: 0 } }, "timeoutSeconds"],
    ];
    for (const [body, word] of cases) {
      const err = await failure(api.integrations.postIntegrationsActions(body as never));
      expect(err.status, word).toBe(400);
      expect(err.message).toContain(word);
    }
  });

  it("answers 409 for a duplicate name in the same category, allows it in another", async () => {
    const first = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Dup Category"));
    expect(await failure(api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Dup Category")))).toMatchObject({ status: 409 });
    const other = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Other Category"));
    await api.integrations.deleteIntegrationsAction(first.id!);
    await api.integrations.deleteIntegrationsAction(other.id!);
  });

  it("patches name/config with the current version; stale → 409; contract/secure/integrationId → 400", async () => {
    const a = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Patch Category"));
    const config = sendEventAction(integrationId, "x", "https://new.example/x").config;
    const patched = await api.integrations.patchIntegrationsAction(a.id!, { name: "Renamed", config, version: 1 });
    expect(patched).toMatchObject({ name: "Renamed", version: 2 });
    const read = await api.integrations.getIntegrationsAction(a.id!, { includeConfig: true });
    expect(read.config?.request?.requestUrlTemplate).toBe("https://new.example/x");
    expect(await failure(api.integrations.patchIntegrationsAction(a.id!, { name: "Again", version: 1 }))).toMatchObject({ status: 409 });
    for (const key of ["contract", "secure", "integrationId"]) {
      const err = await failure(api.integrations.patchIntegrationsAction(a.id!, { [key]: true, version: 2 } as never));
      expect(err.status).toBe(400);
      expect(err.message).toContain(`'${key}'`);
    }
    expect(await failure(api.integrations.patchIntegrationsAction(a.id!, { name: "x" } as never))).toMatchObject({ status: 400 });
  });

  it("lists with name and category filters", async () => {
    const a = await api.integrations.postIntegrationsActions(lookupAction(integrationId, "List Category"));
    const byName = await api.integrations.getIntegrationsActions({ name: "Lookup Contact", category: "List Category" });
    expect(byName.entities!.map((x) => x.id)).toEqual([a.id]);
    const none = await api.integrations.getIntegrationsActions({ category: "No Such Category" });
    expect(none.entities).toEqual([]);
    expect(none.total).toBe(0);
  });

  it("deletes with 204 (SDK resolves undefined); a second delete answers 404", async () => {
    const a = await api.integrations.postIntegrationsActions(lookupAction(integrationId, "Delete Category"));
    expect(await api.integrations.deleteIntegrationsAction(a.id!)).toBeUndefined();
    expect(await failure(api.integrations.deleteIntegrationsAction(a.id!))).toMatchObject({ status: 404, code: "not.found" });
  });

  it("deleting the integration deletes its actions", async () => {
    const other = await enabledIntegration(api);
    const a = await api.integrations.postIntegrationsActions(lookupAction(other.id, "Cascade Category"));
    await api.integrations.deleteIntegration(other.id);
    expect(await failure(api.integrations.getIntegrationsAction(a.id!))).toMatchObject({ status: 404 });
  });

  it("refuses actions on an integration still inside the invisibility window with 400", async () => {
    emu.configure({ invisibilityMs: 60_000 });
    try {
      const fresh = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
      expect(await failure(api.integrations.postIntegrationsActions(lookupAction(fresh.id!, "Fresh")))).toMatchObject({ status: 400 });
    } finally {
      emu.configure({ invisibilityMs: 0 });
    }
  });

  it("test really sends the rendered request and reports operations and finalResult", async () => {
    reply = { status: 200, body: '{"ok":true}' };
    const a = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Test Category", `${receiverUrl}/hook/\${input.userId}`));
    received.length = 0;
    const input = { userId: "+4930123", topic: "v2.detail.events.conversation.{id}.acw", disconnectType: "" };
    const result = await api.integrations.postIntegrationsActionTest(a.id!, input);
    expect(result.success).toBe(true);
    expect(result.finalResult).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/hook/+4930123" });
    expect(received[0].headers["x-source"]).toBe("genesys");
    expect(JSON.parse(received[0].body)).toEqual(input);
    expect(result.operations!.every((o) => o.success)).toBe(true);
  });

  it("test reports failure for a non-2xx answer, a missing required input and an unreachable URL", async () => {
    const a = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Fail Category", `${receiverUrl}/fail`));
    reply = { status: 502, body: '{"error":"down"}' };
    const bad = await api.integrations.postIntegrationsActionTest(a.id!, { userId: "u" });
    expect(bad.success).toBe(false);
    expect(bad.error?.status).toBe(502);
    received.length = 0;
    const noInput = await api.integrations.postIntegrationsActionTest(a.id!, { topic: "t" });
    expect(noInput.success).toBe(false);
    expect(noInput.error?.message).toContain("'userId'");
    expect(received).toHaveLength(0);
    const dead = await api.integrations.postIntegrationsActions(sendEventAction(integrationId, "Dead Category", "http://127.0.0.1:1/none"));
    const unreachable = await api.integrations.postIntegrationsActionTest(dead.id!, { userId: "u" });
    expect(unreachable.success).toBe(false);
    expect(unreachable.error?.message).toContain("127.0.0.1:1");
  });

  it("test applies the translation map and success template", async () => {
    reply = { status: 200, body: '{"id":"contact-7","extra":1}' };
    const body = lookupAction(integrationId, "Translate Category");
    body.config.request.requestUrlTemplate = `${receiverUrl}/contacts/\${input.conversationId}`;
    const a = await api.integrations.postIntegrationsActions(body);
    const result = await api.integrations.postIntegrationsActionTest(a.id!, { conversationId: "c1" });
    expect(result).toMatchObject({ success: true, finalResult: { contactId: "contact-7" } });
    expect(received.at(-1)).toMatchObject({ method: "GET", url: "/contacts/c1" });
  });
});
