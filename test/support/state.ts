// Reading what the real engine reports: its steps (engine events) and the stack's state
// (`pulumi stack export`), narrowed to the Genesys objects the dynamic providers manage.
import type { Step } from "../../dev/pulumi/stack";

export const DYNAMIC = "pulumi-nodejs:dynamic/genesyscloud:";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom: boolean;
  inputs?: Record<string, any>;
  outputs?: Record<string, any>;
  dependencies?: string[];
  parent?: string;
}

export interface Deployment {
  version: number;
  deployment: { resources?: StateResource[]; pending_operations?: { resource: StateResource; type: string }[]; [key: string]: unknown };
}

/** The stack's Genesys objects as the state holds them. */
export function managedResources(state: Deployment): StateResource[] {
  return (state.deployment.resources ?? []).filter((r) => r.type.startsWith(DYNAMIC));
}

/** Steps on Genesys objects (the stack and component are bookkeeping), as "op Kind name", sorted. */
export function genesysSteps(steps: readonly Step[]): string[] {
  return steps
    .filter((s) => s.type.startsWith(DYNAMIC))
    .map((s) => `${s.op} ${s.type.slice(DYNAMIC.length)} ${s.urn.split("::").pop()}`)
    .sort();
}

/** The six webhook objects as steps name them ("Kind name"), in genesysSteps' order. */
const WEBHOOK_OBJECTS = [
  "DataAction handover-data-action",
  "Integration handover-integration",
  "Trigger handover-trigger-acw",
  "Trigger handover-trigger-user-end",
  "Workflow handover-workflow-acw",
  "Workflow handover-workflow-user-end",
];

/** One operation's steps on the six webhook objects, as genesysSteps lists them: webhookSteps("create"). */
export function webhookSteps(op: string): string[] {
  return WEBHOOK_OBJECTS.map((object) => `${op} ${object}`);
}

/** The Genesys steps that change something. */
export function genesysChanges(steps: readonly Step[]): string[] {
  return genesysSteps(steps).filter((s) => !s.startsWith("same "));
}
