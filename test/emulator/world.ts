import type { Apis } from "./sdk";

// Shared setup for tests that need a named, enabled integration and the fixture data actions
// (see test/fixtures/workflows/README.md).

export const CATEGORY = "Web Services Data Actions";

export async function enabledIntegration(api: Apis): Promise<{ id: string; name: string }> {
  const created = await api.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } });
  await api.integrations.patchIntegration(created.id!, { body: { intendedState: "ENABLED" } });
  return { id: created.id!, name: created.name! };
}

export function sendEventAction(integrationId: string, category: string, url = "https://endpoint.example/cognigy") {
  return {
    name: "Send Event to Cognigy",
    category,
    integrationId,
    secure: false,
    contract: {
      input: {
        inputSchema: {
          type: "object",
          required: ["userId"],
          properties: { userId: { type: "string" }, topic: { type: "string" }, disconnectType: { type: "string" } },
        },
      },
      output: { successSchema: { type: "object", properties: {} } },
    },
    config: {
      request: { requestUrlTemplate: url, requestType: "POST", requestTemplate: "${input.rawRequest}", headers: { "X-Source": "genesys" } },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: "${rawResult}" },
    },
  };
}

export function lookupAction(integrationId: string, category: string) {
  return {
    name: "Lookup Contact",
    category,
    integrationId,
    contract: {
      input: { inputSchema: { type: "object", required: ["conversationId"], properties: { conversationId: { type: "string" } } } },
      output: { successSchema: { type: "object", properties: { contactId: { type: "string" } } } },
    },
    config: {
      request: { requestUrlTemplate: "https://crm.example/contacts/${input.conversationId}", requestType: "GET" },
      response: { translationMap: { contactId: "$.id" }, successTemplate: '{"contactId": ${contactId}}' },
    },
  };
}

export interface JobOutcome {
  status: string;
  flowId?: string;
  messages: { text?: string; details?: unknown[] }[];
}

/** The flow-jobs publish sequence: register, upload to the presigned URL with its headers, poll. */
export async function publish(api: Apis, yaml: string): Promise<JobOutcome> {
  const job = await api.architect.postFlowsJobs();
  const upload = await fetch(job.presignedUrl!, { method: "PUT", headers: job.headers, body: yaml });
  if (upload.status !== 200) throw new Error(`upload answered ${upload.status}`);
  for (;;) {
    const state = await api.architect.getFlowsJob(job.id!, { expand: ["messages"] });
    if (state.status === "Success" || state.status === "Failure") {
      return { status: state.status, flowId: state.flow?.id, messages: state.messages ?? [] };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
