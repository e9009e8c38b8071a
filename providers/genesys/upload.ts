// The workflow upload: a PUT to a presigned URL outside the SDK, through the proxy the
// environment names (proxy.ts: as the SDK's calls choose theirs). An http URL goes to the proxy
// as an absolute-form request; an https one through a CONNECT tunnel, TLS end to end.
import type * as http from "http";
import type * as https from "https";
import type { Duplex } from "stream";
import type * as tls from "tls";
import { proxyFor } from "./proxy";

/** Required where used, as transport.ts requires the SDK: only an upload loads them. */
function nodeModules(): { http: typeof http; https: typeof https; tls: typeof tls } {
  return { http: require("http"), https: require("https"), tls: require("tls") };
}

/** What the upload's target answered; a non-2xx is thrown in this shape (the retry policy reads it). */
export interface PutAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** PUTs `body` with exactly `headers` (and its length: presigned URLs take no chunked body). */
export async function putBytes(url: string, headers: Record<string, string>, body: Buffer, timeoutMs: number, env: Env = process.env): Promise<PutAnswer> {
  const target = new URL(url);
  const proxy = proxyFor(target, env);
  const signal = AbortSignal.timeout(timeoutMs);
  const sent = { ...headers, "content-length": String(body.length) };
  if (proxy === undefined) return answer(clientFor(target).request(target, { method: "PUT", headers: sent, signal }), body);
  const proxyAuth = proxyAuthorization(proxy);
  if (target.protocol === "http:") {
    const request = clientFor(proxy).request({
      host: proxy.hostname,
      port: proxy.port || undefined,
      method: "PUT",
      path: target.href,
      headers: { ...sent, host: target.host, ...proxyAuth },
      signal,
    });
    return answer(request, body);
  }
  const tunnel = await connectTunnel(proxy, target, proxyAuth, signal);
  const request = nodeModules().https.request(target, {
    method: "PUT",
    headers: sent,
    signal,
    agent: false,
    createConnection: () => nodeModules().tls.connect({ socket: tunnel, servername: target.hostname }),
  });
  // The tunnel serves this one request; left open, the proxy would hold it (and this process) open.
  return answer(request, body).finally(() => tunnel.destroy());
}

function clientFor(url: URL): typeof http | typeof https {
  return url.protocol === "https:" ? nodeModules().https : nodeModules().http;
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === "") return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "proxy-authorization": `Basic ${Buffer.from(credentials).toString("base64")}` };
}

/** A socket to `target` through the proxy (HTTP CONNECT); a refusal is thrown as the proxy's answer. */
function connectTunnel(proxy: URL, target: URL, proxyAuth: Record<string, string>, signal: AbortSignal): Promise<Duplex> {
  const authority = `${target.hostname}:${target.port || 443}`;
  return new Promise((resolve, reject) => {
    const request = clientFor(proxy).request({
      host: proxy.hostname,
      port: proxy.port || undefined,
      method: "CONNECT",
      path: authority,
      headers: { host: authority, ...proxyAuth },
      signal,
    });
    request.once("connect", (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject({
        status: response.statusCode ?? 502,
        headers: flatHeaders(response.headers),
        body: `The proxy ${proxy.host} refused the tunnel to ${authority} (HTTP ${response.statusCode} ${response.statusMessage ?? ""})`.trim(),
      } satisfies PutAnswer);
    });
    request.once("error", reject);
    request.end();
  });
}

function answer(request: http.ClientRequest, body: Buffer): Promise<PutAnswer> {
  return new Promise((resolve, reject) => {
    request.once("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("error", reject);
      response.once("end", () => {
        const result = { status: response.statusCode ?? 0, headers: flatHeaders(response.headers), body: Buffer.concat(chunks).toString("utf8") };
        if (result.status >= 200 && result.status < 300) resolve(result);
        else reject(result);
      });
    });
    request.once("error", reject);
    request.end(body);
  });
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(", ") : String(value)]));
}
