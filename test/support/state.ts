// Reading what the real engine reports: its steps (engine events) and the stack's state
// (`pulumi stack export`), narrowed to the Genesys objects the provider plugin manages.
import type { Step } from "../../dev/pulumi/stack";
import { typeToken } from "../../provider-plugin/package-schema";

/** The prefix of the plugin's type tokens (`cognigy-genesys:index:<Kind>`). */
export const GENESYS_TYPE = typeToken("");

/** The type prefix of the dynamic resources that stacks deployed before the plugin hold (test/upgrade). */
export const DYNAMIC = "pulumi-nodejs:dynamic/genesyscloud:";

export const STACK_IDENTITY_TYPE = typeToken("StackIdentity");

/** A resource type of a Genesys object (or the read-only setup lookup): the plugin's, but the stack identity. */
function isGenesysObject(type: string): boolean {
  return type.startsWith(GENESYS_TYPE) && type !== STACK_IDENTITY_TYPE;
}

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
  return (state.deployment.resources ?? []).filter((r) => isGenesysObject(r.type));
}

/** Steps on Genesys objects (the stack and component are bookkeeping), as "op Kind name", sorted. */
export function genesysSteps(steps: readonly Step[]): string[] {
  return steps
    .filter((s) => isGenesysObject(s.type))
    .map((s) => `${s.op} ${s.type.slice(GENESYS_TYPE.length)} ${s.urn.split("::").pop()}`)
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
