// What the org should hold, derived from the same sources the stack program uses: the validated
// stack settings, the event table, the endpoint rules and the templates.
import { parseDocument } from "yaml";
import { EventKey, HANDOVER_EVENTS, HANDOVER_REQUEST_TYPE, OPEN_MESSAGING_CRITERIA } from "../../domain/events";
import { renderWorkflowYaml } from "../../domain/workflow-yaml";
import type { StackSettings } from "../../stacks/config";
import inputContract from "../../templates/input-contract.json";

export interface ExpectedCriterion {
  readonly jsonPath: string;
  readonly operator: string;
  readonly value: unknown;
}

/** A workflow input variable: its name without `Flow.` (as in the published input schema) and JSON type. */
export interface ExpectedInput {
  readonly name: string;
  readonly type: string;
}

export interface ExpectedEvent {
  readonly key: EventKey;
  readonly genesysEvent: string;
  /** Suffix of the per-event config keys, e.g. `cognigy:workflowName<configSuffix>`. */
  readonly configSuffix: string;
  readonly workflowName: string;
  readonly triggerName: string;
  readonly triggerTopic: string;
  /** The workflow's inputs, read from its rendered YAML. */
  readonly inputs: readonly ExpectedInput[];
  /** The Call Data Action as the rendered YAML wires it, in words. */
  readonly callData: string;
}

export interface ExpectedSetup {
  readonly integrationName: string;
  readonly dataActionName: string;
  readonly division: string;
  readonly requestUrl: string;
  readonly requestType: string;
  readonly inputSchema: Record<string, unknown>;
  readonly triggersEnabled: boolean;
  readonly adoptExisting: boolean;
  readonly criteria: readonly ExpectedCriterion[];
  readonly events: readonly ExpectedEvent[];
}


/**
 * `homeDivision`: the org's home division's name, expected where cognigy:division is not set.
 * For the webhook modes, whose config has an endpoint: `settings.requestUrl` is there.
 */
export function expectedSetup(settings: StackSettings, homeDivision: string): ExpectedSetup {
  const division = settings.division ?? homeDivision;
  const events = HANDOVER_EVENTS.filter((event) => settings.events.includes(event.key)).map((event) => {
    const workflowName = settings.workflowNames[event.key];
    const yaml = renderWorkflowYaml({
      workflowName,
      division,
      integrationName: settings.integrationName,
      dataActionName: settings.dataActionName,
      topic: event.workflowTopic,
    });
    return {
      key: event.key,
      genesysEvent: event.genesysEvent,
      configSuffix: event.configSuffix,
      workflowName,
      triggerName: settings.triggerNames[event.key],
      triggerTopic: event.triggerTopic,
      ...workflowContract(yaml),
    };
  });
  return {
    integrationName: settings.integrationName,
    dataActionName: settings.dataActionName,
    division,
    requestUrl: settings.requestUrl!,
    requestType: HANDOVER_REQUEST_TYPE,
    inputSchema: inputContract,
    triggersEnabled: settings.triggersEnabled,
    adoptExisting: settings.adoptExisting,
    criteria: OPEN_MESSAGING_CRITERIA.map((criterion) => ({ ...criterion })),
    events,
  };
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** The input variables and the Call Data Action of a rendered workflow. */
export function workflowContract(yaml: string): { inputs: ExpectedInput[]; callData: string } {
  const workflow = (parseDocument(yaml).toJS() as Node).workflow as Node;
  const inputs: ExpectedInput[] = [];
  for (const item of (workflow.variables as Node[]) ?? []) {
    for (const [kind, variable] of Object.entries(item)) {
      if (isNode(variable) && variable.isInput === true) {
        inputs.push({ name: String(variable.name).replace(/^Flow\./, ""), type: kind.replace(/Variable$/, "") });
      }
    }
  }
  const calls: string[] = [];
  for (const state of (workflow.states as Node[]) ?? []) {
    for (const action of ((state.state as Node).actions as Node[]) ?? []) {
      const callData = action.callData;
      if (!isNode(callData) || !isNode(callData.category)) continue;
      for (const [category, byCategory] of Object.entries(callData.category)) {
        for (const [name, call] of Object.entries((byCategory as Node).dataAction as Node)) {
          const wiring = Object.entries(((call as Node).inputs as Node) ?? {}).map(([input, value]) => {
            const [how, what] = Object.entries(value as Node)[0];
            return `${input} ← ${how} ${String(what)}`;
          });
          calls.push(`category "${category}", action "${name}": ${wiring.join(", ")}`);
        }
      }
    }
  }
  return { inputs, callData: calls.join("; ") };
}
