// Refuses to run the program on a stack whose state still holds the dynamic-provider records of the
// layout before the provider plugin: the engine would create the plugin's resources beside them
// (taking the Genesys objects over by their marker) and then delete the old records, which deletes
// the objects. Such a stack is moved first by `npm run migrate` (tools/migrate.ts), a state-only move.
//
// The state is read through the engine's built-in `pulumi:pulumi:readStackResourceOutputs` invoke
// (pkg/resource/deploy/builtins.go of the CLI, the call behind stack references' resource outputs):
// it works in preview and up alike, adds no record to the state, and answers every resource's
// type. A new stack answers no resource.
import * as pulumi from "@pulumi/pulumi";

/** The type prefix of every Pulumi dynamic resource (`pulumi.dynamic.Resource`) and its provider. */
export const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic/";
const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

/** Pure: the URNs of the dynamic records among a state's resources (by URN, with their type). */
export function dynamicRecords(resources: Readonly<Record<string, { type?: string }>>): string[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.type?.startsWith(DYNAMIC_TYPE_PREFIX) || resource.type === DYNAMIC_PROVIDER_TYPE)
    .map(([urn]) => urn)
    .sort();
}

/** The command that moves a stack of the dynamic layout to the provider plugin. */
export function migrateCommand(stack: string): string {
  return `npm run migrate -- --stack ${stack}`;
}

export function dynamicStateRefusal(stack: string, records: readonly string[]): string {
  return [
    `Stack ${stack} was deployed before the provider plugin: its state still holds ${records.length} dynamic-provider record(s), e.g. ${records[0]}.`,
    "Running this program on it would recreate the records under the plugin and then delete the old ones, which deletes the Genesys objects. Nothing was changed.",
    `Move the stack to the plugin first (state only, no write to Genesys): ${migrateCommand(stack)}`,
  ].join("\n");
}

/**
 * The refusal when the stack's state holds dynamic records, none otherwise (a new stack holds no
 * resource): the stack's provider takes it as its `refusal` input and fails its Configure with it
 * (provider-plugin/serve.ts). The failed provider step ends the run in the engine, in preview and
 * up, before any resource reaches the plugin: nothing reaches Genesys. A failure in the program
 * instead (a thrown error after registrations began, a rejected dependsOn) leaves the resources that
 * wait for the refused one, and the stack's outputs, unresolved: the run never ends (seen with the
 * CLI v3.248; the SDK awaits a resource's provider, parent and inputs before its registration,
 * runtime/resource.js prepareResource).
 */
export async function dynamicStateProblem(): Promise<string | undefined> {
  const stackName = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const answer = (await pulumi.runtime.invoke("pulumi:pulumi:readStackResourceOutputs", { stackName }, { async: true })) as {
    outputs?: Record<string, { type?: string }>;
  };
  const records = dynamicRecords(answer.outputs ?? {});
  return records.length > 0 ? dynamicStateRefusal(pulumi.getStack(), records) : undefined;
}
