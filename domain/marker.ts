// Carried as the `providerVersion` input of every dynamic resource: `read` and `delete` run the
// code stored at the last update, so a behaviour change is rolled out by bumping this value.
export const PROVIDER_VERSION = "0.1.0";

// Sent as User-Agent and Genesys-App so Genesys support can tell our calls apart.
export const TOOL_NAME = "cognigy-genesys-handover";
export const USER_AGENT = `${TOOL_NAME}/${PROVIDER_VERSION}`;

/**
 * The management marker every object of one stack carries (the `managedBy` input): a re-run
 * recognises its own half-made objects by it, and verify tells managed objects from hand-made ones.
 */
export function stackMarker(project: string, stack: string): string {
  return `${TOOL_NAME} ${project}/${stack}`;
}

// The dynamic Resource constructor builds `pulumi-nodejs:dynamic/<module>:<type>`.
export const TOKEN_MODULE = "genesyscloud";
