import { handoverRequestUrl } from "../../domain/endpoint";
import { HANDOVER_EVENTS, HANDOVER_REQUEST_TYPE, OPEN_MESSAGING_CRITERIA, TRIGGER_DATA_FORMAT } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import inputContract from "../../templates/input-contract.json";
import outputContract from "../../templates/output-contract.json";
import type { Apis } from "./sdk";
import { enabledIntegration, publish } from "./world";

// The webhook objects the stack makes (the product's contract, request URL, workflow template,
// trigger criteria), built through the SDK, for tests of what the emulator does with events
// until whole-stack tests run the real `pulumi up`.

export interface HandoverOrg {
  integration: { id: string; name: string };
  actionId: string;
  flows: Record<string, string>;
  triggers: Record<string, string>;
}

export function handoverAction(integrationId: string, category: string, cognigyUrl: string, name = "Send Event to Cognigy") {
  return {
    name,
    category,
    integrationId,
    secure: false,
    contract: { input: { inputSchema: inputContract }, output: { successSchema: outputContract } },
    config: { request: { requestUrlTemplate: handoverRequestUrl({ endpointUrl: cognigyUrl }), requestType: HANDOVER_REQUEST_TYPE } },
  };
}

export async function publishHandoverWorkflow(api: Apis, workflowName: string, integrationName: string, topic: string): Promise<string> {
  const yaml = renderWorkflowYaml({ workflowName, division: "Home", integrationName, dataActionName: "Send Event to Cognigy", topic });
  const job = await publish(api, yaml);
  if (job.status !== "Success") throw new Error(`publishing ${workflowName} failed: ${JSON.stringify(job.messages)}`);
  return job.flowId!;
}

export async function handoverOrg(api: Apis, cognigyUrl: string, options: { enabled?: boolean; delayBySeconds?: number; eventTTLSeconds?: number } = {}): Promise<HandoverOrg> {
  const integration = await enabledIntegration(api);
  const action = await api.integrations.postIntegrationsActions(handoverAction(integration.id, integration.name, cognigyUrl) as never);
  const flows: Record<string, string> = {};
  const triggers: Record<string, string> = {};
  for (const event of HANDOVER_EVENTS) {
    flows[event.key] = await publishHandoverWorkflow(api, event.defaultWorkflowName, integration.name, event.workflowTopic);
    const trigger = await api.triggers.postProcessautomationTriggers({
      name: event.defaultTriggerName,
      topicName: event.triggerTopic,
      enabled: options.enabled ?? true,
      target: { type: "Workflow", id: flows[event.key], workflowTargetSettings: { dataFormat: TRIGGER_DATA_FORMAT } },
      matchCriteria: OPEN_MESSAGING_CRITERIA.map((c) => ({ ...c })) as never,
      ...(options.delayBySeconds ? { delayBySeconds: options.delayBySeconds } : {}),
      ...(options.eventTTLSeconds ? { eventTTLSeconds: options.eventTTLSeconds } : {}),
    });
    triggers[event.key] = trigger.id!;
  }
  return { integration, actionId: action.id!, flows, triggers };
}
