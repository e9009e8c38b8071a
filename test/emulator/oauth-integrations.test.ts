import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Auth } from "../../dev/emulator/auth";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Apis, failure, login, sdkClient } from "./sdk";

let emu: Emulator;
let api: Apis;
beforeAll(async () => {
  emu = await startEmulator();
  api = await login(emu.url);
});
afterAll(() => emu.close());

describe("oauth", () => {
  it("issues a bearer token with expires_in for good client credentials", async () => {
    const client = sdkClient(emu.url);
    const auth = (await client.loginClientCredentialsGrant("emulator-client", "emulator-secret")) as { accessToken: string; tokenExpiryTime: number };
    expect(auth.accessToken).toMatch(/\S{20,}/);
    expect(auth.tokenExpiryTime).toBeGreaterThan(Date.now() + 86_000_000);
  });

  it("rejects a wrong secret with an OAuth error body and 401", async () => {
    const err = (await failure(sdkClient(emu.url).loginClientCredentialsGrant("emulator-client", "wrong"))) as unknown as {
      response: { status: number; data: { error: string } };
    };
    expect(err.response.status).toBe(401);
    expect(err.response.data.error).toBe("invalid_client");
  });

  it("rejects an unknown client", async () => {
    const err = (await failure(sdkClient(emu.url).loginClientCredentialsGrant("nobody", "x"))) as unknown as { response: { status: number } };
    expect(err.response.status).toBe(401);
  });

  it("rejects a grant type other than client_credentials", async () => {
    const res = await fetch(`${emu.url}/oauth/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from("emulator-client:emulator-secret").toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=password",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("answers API calls without a bearer token with 401 bad.credentials", async () => {
    const unauth = new (await import("./sdk")).platformClient.IntegrationsApi(sdkClient(emu.url));
    const err = await failure(unauth.getIntegrations());
    expect(err).toMatchObject({ status: 401, code: "bad.credentials" });
  });

  it("answers a bogus bearer token with 401 bad.credentials and a Genesys body", async () => {
    const res = await fetch(`${emu.url}/api/v2/integrations`, { headers: { Authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["code", "contextId", "details", "errors", "message", "messageParams", "status"]);
    expect(body.contextId).toBe(res.headers.get("inin-correlation-id"));
  });

  it("expires tokens after tokenTtlSeconds: a token issued at t is good until t + TTL, then answers 401", async () => {
    // The clock is the test's: the token's life is checked at given instants, not slept through.
    const auth = new Auth();
    auth.addClient("c", "s");
    const token = auth.issue("c", 1, 10_000);
    expect(auth.verify(`Bearer ${token}`, 10_999)).toMatchObject({ clientId: "c" });
    let expired: unknown;
    try {
      auth.verify(`Bearer ${token}`, 11_000);
    } catch (e) {
      expired = e;
    }
    expect(expired).toMatchObject({ status: 401, code: "bad.credentials", message: expect.stringContaining("access token has expired") });
    // Once expired it stays refused, as Genesys forgets it.
    expect(() => auth.verify(`Bearer ${token}`, 10_999)).toThrow(/Invalid login credentials/);
    // Over HTTP the emulator tells the client the TTL it was started with, and a new login works.
    const short = await startEmulator({ tokenTtlSeconds: 1 });
    try {
      const res = await fetch(`${short.url}/oauth/token`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from("emulator-client:emulator-secret").toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(1);
    } finally {
      await short.close();
    }
  });

  it("accepts extra clients added at run time", async () => {
    emu.addClient("second", "s3cret");
    const a = await login(emu.url, "second", "s3cret");
    await a.integrations.getIntegrations();
    expect(emu.log().entries.at(-1)).toMatchObject({ clientId: "second", route: "GET /api/v2/integrations", status: 200 });
  });
});

describe("integrations", () => {
  it("creates with a default name (body name ignored), DISABLED, and numbers duplicates", async () => {
    const a = await api.integrations.postIntegrations({ body: { name: "ignored", integrationType: { id: "custom-rest-actions" } } });
    const b = await api.integrations.postIntegrations({ body: { name: "ignored", integrationType: { id: "custom-rest-actions" } } });
    expect(a.name).toBe("Web Services Data Actions");
    expect(b.name).toBe("Web Services Data Actions (2)");
    expect(a.intendedState).toBe("DISABLED");
    expect(a.integrationType?.id).toBe("custom-rest-actions");
  });

  it("rejects an unknown integration type with 400", async () => {
    const err = await failure(api.integrations.postIntegrations({ body: { name: "x", integrationType: { id: "nope" } } }));
    expect(err).toMatchObject({ status: 400, code: "bad.request" });
    expect(err.message).toContain("'nope'");
  });

  it("renames through config/current with the current version; stale version → 409", async () => {
    const created = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const id = created.id!;
    const cfg = await api.integrations.getIntegrationConfigCurrent(id);
    expect(cfg.version).toBe(1);
    expect(cfg.notes).toBe("node_dynamodb_empty_string");
    const put = await api.integrations.putIntegrationConfigCurrent(id, { body: { ...cfg, name: "Cognigy Handover" } });
    expect(put.version).toBe(2);
    expect((await api.integrations.getIntegration(id)).name).toBe("Cognigy Handover");
    const stale = await failure(api.integrations.putIntegrationConfigCurrent(id, { body: { ...cfg, name: "again" } }));
    expect(stale).toMatchObject({ status: 409 });
    expect(stale.message).toContain("does not match the current version");
    const noVersion = await failure(api.integrations.putIntegrationConfigCurrent(id, { body: { name: "x" } as never }));
    expect(noVersion).toMatchObject({ status: 400 });
    expect(noVersion.message).toContain("'version'");
    const badCreds = await failure(
      api.integrations.putIntegrationConfigCurrent(id, { body: { ...put, credentials: { oauth: { id: "c" } } } as never }),
    );
    expect(badCreds.message).toContain("'oauth'");
  });

  it("activates with PATCH intendedState asynchronously, with Genesys's state codes, and rejects other states", async () => {
    // A long activation time holds the transition; 0 lets it finish at once: no timing in the test.
    emu.configure({ activationMs: 60_000 });
    try {
      const { id, reportedState } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
      expect(reportedState?.code).toBe("INACTIVE");
      const patched = await api.integrations.patchIntegration(id!, { body: { intendedState: "ENABLED" } });
      expect(patched.intendedState).toBe("ENABLED");
      expect(patched.reportedState).toMatchObject({ code: "ACTIVATING", effective: "Activating" });
      emu.configure({ activationMs: 0 });
      expect((await api.integrations.getIntegration(id!)).reportedState).toMatchObject({ code: "ACTIVE", effective: "Active" });
      emu.configure({ activationMs: 60_000 });
      expect((await api.integrations.patchIntegration(id!, { body: { intendedState: "DISABLED" } })).reportedState?.code).toBe("DEACTIVATING");
      emu.configure({ activationMs: 0 });
      expect((await api.integrations.getIntegration(id!)).reportedState?.code).toBe("INACTIVE");
      expect(await failure(api.integrations.patchIntegration(id!, { body: { intendedState: "ON" } }))).toMatchObject({ status: 400 });
    } finally {
      emu.configure({ activationMs: 200 });
    }
  });

  it("ends an EventBridge activation in ERROR with a detail for an account Genesys cannot reach or an unconfigured source", async () => {
    // An org of its own: the failing accounts stay until a reset.
    const emu = await startEmulator({ activationMs: 0 });
    const api = await login(emu.url);
    try {
      const properties = { awsAccountId: "111111111111", awsAccountRegion: "eu-central-1", eventSourceSuffix: "s", eventFilter: ["v2.detail.events.conversation.{id}.acw"] };
      const make = async (props?: Record<string, unknown>) => {
        const { id } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "amazon-eventbridge-source" } } });
        if (props) {
          const cfg = await api.integrations.getIntegrationConfigCurrent(id!);
          await api.integrations.putIntegrationConfigCurrent(id!, { body: { ...cfg, name: `EB ${id}`, properties: props } });
        }
        return (await api.integrations.patchIntegration(id!, { body: { intendedState: "ENABLED" } })).reportedState;
      };
      expect((await make(properties))?.code).toBe("ACTIVE");
      emu.failActivations("111111111111");
      const failed = await make(properties);
      expect(failed?.code).toBe("ERROR");
      expect(failed?.detail?.message).toContain("111111111111");
      expect(failed?.detail?.message).toContain("eu-central-1");
      const unconfigured = await make();
      expect(unconfigured).toMatchObject({ code: "ERROR", detail: { message: expect.stringContaining("configuration") } });
      // Through the control API, with the detail given.
      const res = await fetch(`${emu.url}/__emulator/activation-failures`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ awsAccountId: "222222222222", detail: "no such account" }),
      });
      expect(res.status).toBe(204);
      expect(await make({ ...properties, awsAccountId: "222222222222" })).toMatchObject({ code: "ERROR", detail: { message: "no such account" } });
      emu.reset();
      expect(await make(properties)).toMatchObject({ code: "ACTIVE" });
    } finally {
      await emu.close();
    }
  });

  it("lists with the integrationType filter and page listing", async () => {
    await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "amazon-eventbridge-source" } } });
    const list = await api.integrations.getIntegrations({ integrationType: "custom-rest-actions", pageSize: 2, pageNumber: 1 });
    expect(list.entities!.every((i) => i.integrationType?.id === "custom-rest-actions")).toBe(true);
    expect(list.entities).toHaveLength(2);
    expect(list.pageCount).toBe(Math.ceil(list.total! / 2));
    expect(list.nextUri).toContain("pageNumber=2");
    expect(await failure(api.integrations.getIntegrations({ pageSize: 0 }))).toMatchObject({ status: 400, code: "invalid.value" });
    // Up to 500 a page, as Genesys's numbered listings go; the message in Genesys's invalid.value shape.
    expect((await api.integrations.getIntegrations({ pageSize: 500 })).pageSize).toBe(500);
    expect(await failure(api.integrations.getIntegrations({ pageSize: 501 }))).toMatchObject({
      status: 400,
      code: "invalid.value",
      message: "Value [501] is not valid for field type [pageSize]. Allowable values are: 1-500",
    });
  });

  it("deletes with 200 and the body; a second delete and a read answer 404 not.found", async () => {
    const { id } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
    const deleted = await api.integrations.deleteIntegration(id!);
    expect(deleted.id).toBe(id);
    expect(await failure(api.integrations.deleteIntegration(id!))).toMatchObject({ status: 404, code: "not.found" });
    expect(await failure(api.integrations.getIntegration(id!))).toMatchObject({ status: 404, code: "not.found" });
  });

  it("validates the amazon-eventbridge-source properties", async () => {
    const { id } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "amazon-eventbridge-source" } } });
    const cfg = await api.integrations.getIntegrationConfigCurrent(id!);
    // The names Genesys's own EventBridge module and the premium-app wizard write.
    const good = { awsAccountId: "123456789012", awsAccountRegion: "eu-central-1", eventSourceSuffix: "cognigy.handover-1", eventFilter: ["v2.detail.events.conversation.{id}.acw"] };
    const put = await api.integrations.putIntegrationConfigCurrent(id!, { body: { ...cfg, name: "EB", properties: good } });
    expect(put.properties).toEqual(good);
    // AWS's European Sovereign Cloud region (the SDK knows its Genesys region too).
    const sovereign = { ...good, awsAccountRegion: "eusc-de-east-1" };
    const again = await api.integrations.putIntegrationConfigCurrent(id!, { body: { ...put, properties: sovereign } });
    expect(again.properties).toEqual(sovereign);
    const cases: [Record<string, unknown>, string][] = [
      [{ awsAccountId: "12345" }, "awsAccountId"],
      [{ awsAccountRegion: "Frankfurt" }, "awsAccountRegion"],
      [{ eventSourceSuffix: "has space" }, "eventSourceSuffix"],
      [{ eventSourceSuffix: "x".repeat(65) }, "eventSourceSuffix"],
      [{ eventFilter: ["v2.unknown.topic"] }, "v2.unknown.topic"],
      [{ extra: 1 }, "'extra'"],
      // Names outside the type's schema are refused, including the ones this project once wrote.
      [{ awsRegion: "eu-central-1" }, "'awsRegion' is not in the configuration schema"],
      [{ topicFilters: ["v2.detail.events.conversation.{id}.acw"] }, "'topicFilters' is not in the configuration schema"],
    ];
    for (const [patch, word] of cases) {
      const err = await failure(api.integrations.putIntegrationConfigCurrent(id!, { body: { ...again, properties: { ...good, ...patch } } }));
      expect(err.status).toBe(400);
      expect(err.message).toContain(word);
    }
  });

  it("hides a new integration from reads during the invisibility window", async () => {
    emu.configure({ invisibilityMs: 60_000 });
    try {
      const { id } = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
      expect(await failure(api.integrations.getIntegration(id!))).toMatchObject({ status: 404 });
      emu.configure({ invisibilityMs: 0 });
      expect((await api.integrations.getIntegration(id!)).id).toBe(id);
    } finally {
      emu.configure({ invisibilityMs: 0 });
    }
  });

  it("matches paths case-insensitively and answers rate-limit headers", async () => {
    const token = api.token;
    const res = await fetch(`${emu.url}/API/V2/Integrations?integrationType=custom-rest-actions`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("inin-ratelimit-allowed")).toBe("300");
    expect(Number(res.headers.get("inin-ratelimit-count"))).toBeGreaterThan(0);
    expect(res.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
