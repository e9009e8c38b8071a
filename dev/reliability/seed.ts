// Objects another team made in the same org, seeded before a run: names close to ours (a loose
// match would take them), none carrying our marker. The run must leave them exactly as they are.
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import type { Emulator } from "../emulator/index";
import inputContract from "../../templates/input-contract.json";

const OTHER_INTEGRATION = "Web Services Data Actions Integration (other team)";
const OTHER_ACTION = "Send Event to Cognigy";
const OTHER_WORKFLOW = "Workflow conversation.id.acw (other team)";
/** Same name as our acw trigger, on the other topic: a different natural key. */
const OTHER_TRIGGER = "Trigger conversation.id.acw";
const OTHER_TOPIC = "v2.detail.events.conversation.{id}.user.end";

export interface Client {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/** Plain REST calls as a person's own script (or Admin UI) makes them, logged in as the client. */
export async function client(emulator: Emulator, clientId: string, clientSecret: string): Promise<Client> {
  const login = await fetch(`${emulator.url}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  return {
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const url = path.startsWith("http") ? path : `${emulator.url}${path}`;
      const response = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
        body: typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`seeding: ${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** Seeds one integration, action, published workflow and trigger; resolves to their ids. */
export async function seedUnrelated(emulator: Emulator, clientId: string, clientSecret: string): Promise<Set<string>> {
  const api = await client(emulator, clientId, clientSecret);
  const integration = await api.call<{ id: string }>("POST", "/api/v2/integrations", { integrationType: { id: "custom-rest-actions" } });
  const config = await api.call<Record<string, unknown>>("GET", `/api/v2/integrations/${integration.id}/config/current`);
  await api.call("PUT", `/api/v2/integrations/${integration.id}/config/current`, { ...config, name: OTHER_INTEGRATION, notes: "owned by the other team" });
  await api.call("PATCH", `/api/v2/integrations/${integration.id}`, { intendedState: "ENABLED" });
  const action = await api.call<{ id: string }>("POST", "/api/v2/integrations/actions", {
    name: OTHER_ACTION,
    category: OTHER_INTEGRATION,
    integrationId: integration.id,
    secure: false,
    contract: { input: { inputSchema: inputContract }, output: { successSchema: { type: "object", properties: {} } } },
    config: { request: { requestUrlTemplate: "https://other.example/hook", requestType: "POST", requestTemplate: "$" + "{input.rawRequest}", headers: {} }, response: { translationMap: {}, successTemplate: "$" + "{rawResult}" } },
  });
  const job = await api.call<{ id: string; presignedUrl: string; headers: Record<string, string> }>("POST", "/api/v2/flows/jobs");
  const yaml = renderWorkflowYaml({
    workflowName: OTHER_WORKFLOW,
    division: "Home",
    integrationName: OTHER_INTEGRATION,
    dataActionName: OTHER_ACTION,
    topic: "v2.detail.events.conversation.id.acw",
  });
  await api.call("PUT", job.presignedUrl, yaml, job.headers);
  let flowId: string | undefined;
  while (!flowId) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await api.call<{ status: string; flow?: { id: string }; messages?: unknown[] }>("GET", `/api/v2/flows/jobs/${job.id}?expand=messages`);
    if (state.status === "Failure") throw new Error(`seeding: the other team's workflow failed to publish: ${JSON.stringify(state.messages)}`);
    flowId = state.status === "Success" ? state.flow?.id : undefined;
  }
  const trigger = await api.call<{ id: string }>("POST", "/api/v2/processautomation/triggers", {
    name: OTHER_TRIGGER,
    topicName: OTHER_TOPIC,
    enabled: true,
    target: { type: "Workflow", id: flowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "VOICE" }],
    description: "owned by the other team",
  });
  return new Set([integration.id, action.id, flowId, trigger.id]);
}
