// A setup built the way an admin builds it from Cognigy's guide, with plain SDK calls and
// independent of the stack's code (on purpose: verify and adoption must judge it from outside):
// the guide's facts come from test/support/guide.ts and its input contract from
// templates/input-contract.json, the guide's text. Each option reproduces one typical hand-made
// mistake.
import inputContract from "../../templates/input-contract.json";
import { login, type Apis } from "../emulator/sdk";
import { DATA_ACTION_NAME, GUIDE_EVENTS, INTEGRATION_NAME, OPEN_MESSAGING_CONDITIONS, requestUrl } from "../support/guide";

export interface HandMadeOptions {
  /** The guide's wrong category: "Web Services Data Action" instead of the integration's name. */
  category?: string;
  /** e.g. the guide's first typo `https://endpoint.app.cognigy.ai/...`. */
  url?: string;
  /** Variables created without "Input to Flow". */
  nonInputVariables?: boolean;
  /** This event's trigger left inactive. */
  disabledTrigger?: "acw" | "user.end";
  /** This event's trigger has only the mediaType condition. */
  missingCondition?: "acw" | "user.end";
  /** The output contract; default the minimal one Genesys's docs give (the guide gives none). */
  outputSchema?: Record<string, unknown>;
  /** The admin's own text in the integration's notes and the workflows' and triggers' descriptions. */
  adminText?: string;
}

export interface HandMade {
  integrationId: string;
  actionId: string;
  flowIds: Record<"acw" | "user.end", string>;
  triggerIds: Record<"acw" | "user.end", string>;
}

export const INTEGRATION = INTEGRATION_NAME;
export const ACTION = DATA_ACTION_NAME;
export const GUIDE_URL = requestUrl("app.cognigy.ai");

const guideEvent = (key: "acw" | "user.end") => GUIDE_EVENTS.find((event) => event.key === key)!;

/** The workflow as Architect would export it after the guide's step 4. */
function workflowYaml(name: string, category: string, action: string, literal: string, inputs: boolean, description?: string): string {
  const variable = (v: string) => `    - stringVariable:
        name: Flow.${v}
        initialValue:
          noValue: true
        isInput: ${inputs}
        isOutput: false`;
  return `workflow:
  name: ${name}
${description === undefined ? "" : `  description: ${JSON.stringify(description)}\n`}  division: Home
  startUpRef: "/workflow/states/state[Initial State_1]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      none: true
  variables:
${variable("addressTo")}
${variable("disconnectType")}
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Initial State
        refId: Initial State_1
        actions:
          - callData:
              name: Call Data Action
              timeout:
                lit:
                  minutes: 1
              category:
                ${category}:
                  dataAction:
                    ${action}:
                      inputs:
                        userId:
                          exp: Flow.addressTo
                        topic:
                          lit: ${literal}
                        disconnectType:
                          exp: Flow.disconnectType
          - endWorkflow:
              name: End Workflow
              exitReason:
                noValue: true
`;
}

async function publishWorkflow(apis: Apis, yaml: string): Promise<string> {
  const job = (await apis.architect.postFlowsJobs()) as { id: string; presignedUrl: string; headers: Record<string, string> };
  const upload = await fetch(job.presignedUrl, { method: "PUT", headers: job.headers, body: yaml });
  if (!upload.ok) throw new Error(`upload failed: ${upload.status}`);
  for (let i = 0; i < 200; i++) {
    const state = (await apis.architect.getFlowsJob(job.id, { expand: ["messages"] })) as { status: string; flow?: { id: string }; messages?: unknown };
    if (state.status === "Success") return state.flow?.id as string;
    if (state.status === "Failure") throw new Error(`flow job failed: ${JSON.stringify(state.messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("flow job did not finish");
}

export async function seedHandMade(url: string, options: HandMadeOptions = {}): Promise<HandMade> {
  const apis = await login(url);
  const integration = (await apis.integrations.postIntegrations({ body: { integrationType: { id: "custom-rest-actions" } } as never })) as { id: string };
  const config = (await apis.integrations.getIntegrationConfigCurrent(integration.id)) as { version: number };
  await apis.integrations.putIntegrationConfigCurrent(integration.id, { body: { ...config, name: INTEGRATION, ...(options.adminText === undefined ? {} : { notes: options.adminText }) } as never });
  await apis.integrations.patchIntegration(integration.id, { body: { intendedState: "ENABLED" } as never });

  const category = options.category ?? INTEGRATION;
  const action = (await apis.integrations.postIntegrationsActions({
    name: ACTION,
    category,
    integrationId: integration.id,
    secure: false,
    contract: {
      input: {
        inputSchema: inputContract,
      },
      output: { successSchema: options.outputSchema ?? { type: "object", properties: {}, additionalProperties: true } },
    },
    config: {
      request: { requestUrlTemplate: options.url ?? GUIDE_URL, requestType: "POST", requestTemplate: "$" + "{input.rawRequest}", headers: {} },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: "$" + "{rawResult}" },
    },
  } as never)) as { id: string };

  const flowIds = {} as HandMade["flowIds"];
  const triggerIds = {} as HandMade["triggerIds"];
  for (const key of ["acw", "user.end"] as const) {
    const event = guideEvent(key);
    flowIds[key] = await publishWorkflow(apis, workflowYaml(event.workflowName, category, ACTION, event.workflowTopic, !options.nonInputVariables, options.adminText));
    const trigger = (await apis.triggers.postProcessautomationTriggers({
      name: event.triggerName,
      topicName: event.triggerTopic,
      enabled: options.disabledTrigger !== key,
      target: { type: "Workflow", id: flowIds[key], workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
      matchCriteria: options.missingCondition === key ? OPEN_MESSAGING_CONDITIONS.slice(0, 1) : OPEN_MESSAGING_CONDITIONS,
      ...(options.adminText === undefined ? {} : { description: options.adminText }),
    } as never)) as { id: string };
    triggerIds[key] = trigger.id;
  }
  return { integrationId: integration.id, actionId: action.id, flowIds, triggerIds };
}

/** Objects the handover setup must never touch: another integration with an action, a workflow and a trigger. */
export async function seedUnrelated(url: string): Promise<{ integrationId: string; actionId: string; flowId: string; triggerId: string }> {
  const apis = await login(url);
  const integration = (await apis.integrations.postIntegrations({ body: { integrationType: { id: "custom-rest-actions" } } as never })) as { id: string };
  const config = (await apis.integrations.getIntegrationConfigCurrent(integration.id)) as { version: number };
  await apis.integrations.putIntegrationConfigCurrent(integration.id, { body: { ...config, name: "CRM lookups" } as never });
  await apis.integrations.patchIntegration(integration.id, { body: { intendedState: "ENABLED" } as never });
  const action = (await apis.integrations.postIntegrationsActions({
    name: "Look up customer",
    category: "CRM lookups",
    integrationId: integration.id,
    secure: false,
    contract: {
      input: { inputSchema: { type: "object", properties: { userId: { type: "string" }, topic: { type: "string" }, disconnectType: { type: "string" } } } },
      output: { successSchema: { type: "object", properties: {} } } },
    config: { request: { requestUrlTemplate: "https://crm.example.com/customers", requestType: "GET" }, response: {} },
  } as never)) as { id: string };
  const flowId = await publishWorkflow(apis, workflowYaml("Workflow customer lookup", "CRM lookups", "Look up customer", "lookup", true));
  const trigger = (await apis.triggers.postProcessautomationTriggers({
    name: "Trigger customer lookup",
    topicName: guideEvent("acw").triggerTopic,
    enabled: true,
    target: { type: "Workflow", id: flowId, workflowTargetSettings: { dataFormat: "TopLevelPrimitives" } },
    matchCriteria: [{ jsonPath: "mediaType", operator: "Equal", value: "VOICE" }],
  } as never)) as { id: string };
  return { integrationId: integration.id, actionId: action.id, flowId, triggerId: trigger.id };
}
