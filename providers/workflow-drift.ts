// Whether the workflow Genesys runs is still the one this stack published. Architect's
// configuration of a published version (GET /api/v2/flows/{id}/versions/{versionId}/configuration)
// is JSON whose shape Genesys does not document (the SDK types it as a bare object), so no fact
// is extracted from it: a later published version is compared, as a whole, with the
// configuration of the version the stack published. Pure.
import { sameJson } from "./diff";

/** Both versions' configurations, read only when the live version is not the stack's. */
export interface PublishedConfigurations {
  /** The configuration of the version the stack published; undefined when Genesys no longer has it. */
  stack?: unknown;
  live: unknown;
}

/**
 * Pure: the published workflow is still the stack's. A published version never changes, so the
 * stack's own version is the stack's workflow; a later one (republished in Architect) is the same
 * only when its configuration means the same JSON as the stack's version's. No published version
 * at all is drift.
 */
export function stillPublishedByStack(stackVersion: string, liveVersion: string, configurations?: PublishedConfigurations): boolean {
  if (liveVersion === "") return false;
  if (liveVersion === stackVersion) return true;
  return configurations?.stack !== undefined && sameJson(configurations.stack, configurations.live);
}

/**
 * Pure: what refresh records as the workflow's `yaml` when Genesys runs something else, so that
 * preview shows the difference as a change of `yaml` and `up` publishes the stack's YAML again.
 * A YAML comment: it names what was found, and is never uploaded.
 */
export function driftedYaml(name: string, liveVersion: string, stackVersion: string): string {
  const found = liveVersion === "" ? `has no published version` : `is published as version ${liveVersion}, with a configuration this stack did not publish`;
  return (
    `# Workflow "${name}" ${found} (this stack published version ${stackVersion || "(unknown)"}): ` +
    `changed outside the stack, e.g. republished in Architect. \`pulumi up\` publishes the stack's YAML again.\n`
  );
}

/**
 * Pure: what an import records as the workflow's `yaml`: Genesys gives a published workflow back
 * as configuration JSON, never as the YAML uploaded. A YAML comment (never uploaded): the import
 * is run with `ignoreChanges: ["yaml"]`, and the next `up` without it publishes the program's YAML.
 */
export function importedYaml(name: string, liveVersion: string): string {
  const found = liveVersion === "" ? "has no published version" : `was imported at its published version ${liveVersion}`;
  return (
    `# Workflow "${name}" ${found}; Genesys does not give a published workflow's YAML back. ` +
    `\`pulumi up\` (without ignoreChanges on yaml) publishes the stack's YAML.\n`
  );
}

/** Pure: `yaml` is a stand-in read recorded (driftedYaml, importedYaml: comments only), not a workflow to publish. */
export function isStandInYaml(yaml: unknown): boolean {
  if (typeof yaml !== "string" || yaml.trim() === "") return false;
  return yaml.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("#"));
}

/**
 * Pure: the refusal to publish a stand-in (the program kept the recorded `yaml` through
 * ignoreChanges while another input changed), or undefined. Said by create and update before
 * any write; not by diff, which also decides an import, where any change is refused anyway and
 * the changed field is the message that helps.
 */
export function standInPublishRefusal(name: unknown, yaml: unknown): string | undefined {
  if (!isStandInYaml(yaml)) return undefined;
  return (
    `Workflow ${JSON.stringify(name)}: a change would publish it, but the stack does not know its YAML (it was imported, or ` +
    `changed outside the stack, and Genesys does not give a published workflow's YAML back). Nothing was written. Remove "yaml" ` +
    `(and "dataActionId") from the resource's ignoreChanges and run \`pulumi up\` again: it publishes the program's YAML.`
  );
}
