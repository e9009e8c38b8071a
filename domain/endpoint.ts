/**
 * Where the handover requests go: Cognigy's handover endpoint. SaaS users give the environment's
 * domain (`endpointDomain`, e.g. `app.cognigy.ai`), self-hosted users the base URL of their
 * endpoint ingress (`endpointUrl`); from either comes the `requestUrl` the data action and the
 * self-hosted API destination POST to. Each check returns the problem and its fix as text
 * (undefined when fine) so that callers can prefix the config key or argument name they validated.
 */

export const HANDOVER_PATH = "/handover/genesysCloudOM";
const ENDPOINT_PREFIX = "endpoint-";

/** What the user sets: exactly one of the two (config keys `cognigy:endpointDomain`, `cognigy:endpointUrl`). */
export type CognigyEndpoint = { readonly endpointDomain: string } | { readonly endpointUrl: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// The request URL is a Velocity template on the Genesys side: `$` and `#` would be evaluated.
const SAFE_PATH = /^[A-Za-z0-9._~/-]*$/;
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Problem with a Cognigy environment domain such as `app.cognigy.ai`, or undefined. */
export function endpointDomainProblem(domain: string): string | undefined {
  const example = "e.g. app.cognigy.ai";
  if (domain.trim() === "") return `is empty; set the Cognigy environment domain (${example})`;
  if (/\s/.test(domain)) return `contains whitespace; set the bare domain (${example})`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) {
    return `includes a scheme; set only the domain (${example}), or use cognigy:endpointUrl for a full URL`;
  }
  if (NON_ASCII.test(domain)) {
    return "contains non-ASCII characters; write an internationalised domain in its punycode (xn--) form";
  }
  if (/[/?#]/.test(domain)) {
    return `includes a path; set only the domain (${example}); the tool appends ${HANDOVER_PATH}`;
  }
  if (domain.includes(":")) {
    return "includes a port; the SaaS endpoint has none: use cognigy:endpointUrl for a self-hosted URL with a port";
  }
  if (domain.endsWith(".")) return "ends with a dot; remove the trailing dot";
  const host = domain.toLowerCase();
  if (host.startsWith(ENDPOINT_PREFIX + ENDPOINT_PREFIX)) {
    const once = host.replace(/^(?:endpoint-)+/, ENDPOINT_PREFIX);
    return `repeats the "${ENDPOINT_PREFIX}" prefix; write it once (${once}) or not at all (${once.slice(ENDPOINT_PREFIX.length)})`;
  }
  const labels = host.split(".");
  if (labels.length < 2 || host.length > 253 || !labels.every((label) => LABEL.test(label))) {
    return `is not a valid domain name; use letters, digits and hyphens in dot-separated labels (${example})`;
  }
  return undefined;
}

/** Problem with a full base URL of a (self-hosted) Cognigy endpoint, or undefined. */
export function endpointUrlProblem(url: string): string | undefined {
  const example = "e.g. https://cognigy-endpoint.example.com";
  if (url.trim() === "") return `is empty; set the base URL of the Cognigy endpoint (${example})`;
  if (/\s/.test(url)) return "contains whitespace; remove it";
  if (NON_ASCII.test(url)) {
    return "contains non-ASCII characters; write an internationalised host in its punycode (xn--) form";
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not an absolute URL; write it with its scheme (${example})`;
  }
  if (parsed.protocol === "http:") {
    if (!isLoopback(parsed.hostname)) {
      return "uses plain http to a non-loopback host; use https (http is accepted only for 127.0.0.1/localhost, the local emulator)";
    }
  } else if (parsed.protocol !== "https:") {
    return `uses the scheme ${parsed.protocol.slice(0, -1)}; use https (${example})`;
  }
  if (parsed.username || parsed.password) {
    return "contains user credentials; remove them (Cognigy's endpoint takes none)";
  }
  if (parsed.search || parsed.hash || url.includes("?") || url.includes("#")) {
    return "has a query or fragment; give only the base URL";
  }
  if (!SAFE_PATH.test(parsed.pathname)) {
    return "has a path with characters other than letters, digits and . _ ~ / - (the URL becomes a Velocity template, where $ and # are code)";
  }
  if (parsed.hostname.endsWith(".")) return "has a host ending with a dot; remove the trailing dot";
  return undefined;
}

/**
 * Problem with a full request URL (`…/handover/genesysCloudOM`) as a component takes it, or
 * undefined: the rules of a base URL, and the handover path at its end.
 */
export function requestUrlProblem(url: string): string | undefined {
  const example = `e.g. ${handoverRequestUrl({ endpointDomain: "app.cognigy.ai" })}`;
  if (url.trim() === "") return `is empty; set the URL of Cognigy's handover endpoint (${example})`;
  if (url.includes("?") || url.includes("#")) return "has a query or fragment; remove it";
  const problem = endpointUrlProblem(url);
  if (problem) return problem;
  if (!new URL(url).pathname.endsWith(HANDOVER_PATH)) {
    return `does not end with ${HANDOVER_PATH}; give the whole URL (${example}), made from a domain or base URL by handoverRequestUrl (domain/endpoint.ts)`;
  }
  return undefined;
}

/**
 * The request URL of an endpoint the checks above accept (the caller checks first, naming its
 * key). A domain gets the SaaS `endpoint-` prefix unless it already has it; a URL keeps its host
 * and path, and a path already ending in the handover path is not doubled.
 */
export function handoverRequestUrl(endpoint: CognigyEndpoint): string {
  if ("endpointDomain" in endpoint) {
    const host = endpoint.endpointDomain.toLowerCase();
    return `https://${host.startsWith(ENDPOINT_PREFIX) ? host : ENDPOINT_PREFIX + host}${HANDOVER_PATH}`;
  }
  const parsed = new URL(endpoint.endpointUrl);
  const path = parsed.pathname.replace(/\/+$/, "");
  return `${parsed.origin}${path.endsWith(HANDOVER_PATH) ? path : path + HANDOVER_PATH}`;
}
