// Whether the workflow Genesys runs is still the one this stack published. Architect's
// configuration of a published version (GET /api/v2/flows/{id}/versions/{versionId}/configuration)
// is JSON whose shape Genesys does not document (the SDK types it as a bare object), so no fact
// is extracted from it: the provider keeps a digest of the configuration it read right after its
// own publish, and a later published version counts as the same only when its configuration
// digests alike. Pure.
import { canonicalJson } from "./diff";

/** Pure: sha256 of the configuration's JSON meaning (key order and undefined members do not count). */
export function configurationDigest(configuration: unknown): string {
  // Required here: a closure-serialized provider cannot capture a module-level native binding.
  const { createHash }: typeof import("crypto") = require("crypto");
  return createHash("sha256").update(canonicalJson(configuration)).digest("hex");
}

/** What the stack recorded when it last published the workflow. */
export interface PublishedRecord {
  /** The version the stack's own publish made. */
  publishedVersion: string;
  /** Digest of that version's configuration; absent in state written before digests were kept. */
  configurationDigest?: string;
}

/**
 * Pure: the published workflow is still the stack's. A published version never changes, so the
 * same version is the same workflow; a later one (republished in Architect) is the same only
 * when its configuration digests as the stack's did. `liveDigest`: the live version's digest,
 * read only when the version differs.
 */
export function stillPublishedByStack(recorded: PublishedRecord, liveVersion: string, liveDigest: string | undefined): boolean {
  if (liveVersion === "") return false;
  if (liveVersion === recorded.publishedVersion) return true;
  return Boolean(recorded.configurationDigest) && liveDigest === recorded.configurationDigest;
}

/**
 * Pure: what refresh records as the workflow's `yaml` when Genesys runs something else, so that
 * preview shows the difference as a change of `yaml` and `up` publishes the stack's YAML again.
 * A YAML comment: it names what was found, and is never uploaded.
 */
export function driftedYaml(name: string, liveVersion: string, recorded: PublishedRecord): string {
  const found = liveVersion === "" ? `has no published version` : `is published as version ${liveVersion}, with a configuration this stack did not publish`;
  return (
    `# Workflow "${name}" ${found} (this stack published version ${recorded.publishedVersion || "(unknown)"}): ` +
    `changed outside the stack, e.g. republished in Architect. \`pulumi up\` publishes the stack's YAML again.\n`
  );
}
