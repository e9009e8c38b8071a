// Which proxy the workflow upload (plain HTTP outside the SDK) goes through, read from the
// environment as the SDK's own calls read it. The SDK's HTTP client, axios (1.21), takes
// proxy-from-env's choice: HTTPS_PROXY for https URLs, HTTP_PROXY for http ones (lower-case
// name first), else ALL_PROXY, a proxy without a scheme taken with the URL's; and no proxy when
// NO_PROXY exempts the host: "*" every host; an entry may carry a port; "name" matches that host,
// ".name" or "*.name" its subdomains; loopback names match each other (localhost, 127.x, ::1);
// an IPv4 entry with a prefix ("10.0.0.0/8") matches the addresses in it (axios's
// shouldBypassProxy also reads IPv6 prefixes, which this does not). Pure.

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

function read(env: Env, name: string): string {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || "";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "0.0.0.0" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function ipv4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function inIpv4Block(host: string, entry: string): boolean {
  const [base, bits] = entry.split("/");
  const address = ipv4(host);
  const network = ipv4(base);
  const prefix = Number(bits);
  if (address === undefined || network === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(network / size);
}

/** Pure: whether NO_PROXY's entries exempt this URL. */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const entries = noProxy.toLowerCase().split(/[\s,]+/).filter((entry) => entry !== "");
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const port = url.port || DEFAULT_PORTS[url.protocol] || "";
  return entries.some((entry) => {
    if (entry === "*") return true;
    if (entry.includes("/")) return inIpv4Block(host, entry);
    const [, name, entryPort] = /^\[?(.+?)\]?(?::(\d+))?$/.exec(entry) ?? [];
    if (name === undefined || (entryPort !== undefined && entryPort !== port)) return false;
    const suffix = name.replace(/^\*/, "");
    if (suffix.startsWith(".")) return host.endsWith(suffix);
    return host === name || (isLoopback(host) && isLoopback(name));
  });
}

/** Pure: the proxy to send `url` through, or undefined for a direct connection. */
export function proxyFor(url: URL, env: Env): URL | undefined {
  const scheme = url.protocol.replace(/:$/, "");
  const proxy = read(env, `${scheme}_proxy`) || read(env, "all_proxy");
  if (proxy === "" || bypassesProxy(url, read(env, "no_proxy"))) return undefined;
  const parsed = new URL(proxy.includes("://") ? proxy : `${url.protocol}//${proxy}`);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(
      `The proxy for ${url.protocol}// URLs (${scheme.toUpperCase()}_PROXY or ALL_PROXY) is a ${parsed.protocol} proxy; the workflow upload goes through http:// or https:// proxies only: set one, or exempt ${url.hostname} in NO_PROXY`,
    );
  }
  return parsed;
}
