import platformClient = require("purecloud-platform-client-v2");
import { DEFAULT_CLIENT } from "../../dev/emulator/index";

export { platformClient };

/** A fresh, independent SDK client aimed at the emulator through setGateway (never the singleton). */
export function sdkClient(url: string): platformClient.ApiClientClass {
  const client = new platformClient.ApiClientClass();
  client.config.setConfigPath(""); // never read ~/.genesyscloudjavascript/config
  const u = new URL(url);
  client.setGateway({ host: u.hostname, protocol: "http", port: Number(u.port), path_params_login: "", path_params_api: "" });
  return client;
}

export interface Apis {
  client: platformClient.ApiClientClass;
  token: string;
  integrations: platformClient.IntegrationsApi;
  architect: platformClient.ArchitectApi;
  triggers: platformClient.ProcessAutomationApi;
  organization: platformClient.OrganizationApi;
  authorization: platformClient.AuthorizationApi;
  analytics: platformClient.AnalyticsApi;
}

export async function login(url: string, id: string = DEFAULT_CLIENT.id, secret: string = DEFAULT_CLIENT.secret): Promise<Apis> {
  const client = sdkClient(url);
  const auth = (await client.loginClientCredentialsGrant(id, secret)) as { accessToken: string };
  return {
    client,
    token: auth.accessToken,
    integrations: new platformClient.IntegrationsApi(client),
    architect: new platformClient.ArchitectApi(client),
    triggers: new platformClient.ProcessAutomationApi(client),
    organization: new platformClient.OrganizationApi(client),
    authorization: new platformClient.AuthorizationApi(client),
    analytics: new platformClient.AnalyticsApi(client),
  };
}

/** The rejection of a promise (the SDK rejects with the parsed Genesys error body). */
export async function failure(p: Promise<unknown>): Promise<{ status: number; code: string; message: string; contextId?: string; [k: string]: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
