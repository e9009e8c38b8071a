import type { IncomingHttpHeaders } from "node:http";
import { badRequest } from "./errors";

// Which part of the emulator a route belongs to: decides auth, rate limiting and logging.
export type Surface = "api" | "oauth" | "upload" | "control";

export interface Request {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON body; undefined when the body is empty. */
  body: unknown;
  correlationId: string;
  clientId?: string;
}

export interface Response {
  status: number;
  body?: unknown;
  /** Raw text answer instead of JSON (templates, S3-style upload errors). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: Request) => Response | Promise<Response>;

export interface Route {
  method: string;
  template: string;
  /** "METHOD /template", the key of the request log and of targeted faults. */
  key: string;
  surface: Surface;
  handler: Handler;
  segments: string[];
  literalCount: number;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/** Small router: literal segments match case-insensitively (as Genesys does), parameters are URL-decoded. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, surface: Surface, handler: Handler): void {
    const segments = template.split("/").filter(Boolean);
    this.routes.push({
      method,
      template,
      key: `${method} ${template}`,
      surface,
      handler,
      segments,
      literalCount: segments.filter((s) => !isParam(s)).length,
    });
  }

  /** Route keys of the Genesys surfaces (everything but the control API). */
  genesysKeys(): string[] {
    return this.routes.filter((r) => r.surface !== "control").map((r) => r.key);
  }

  /** The most specific route wins, so `/flows/jobs` beats `/flows/{flowId}`. */
  match(method: string, rawPath: string): Match | undefined {
    const raw = rawPath.split("/").filter(Boolean);
    let best: Match | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== raw.length) continue;
      if (best && best.route.literalCount >= route.literalCount) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < raw.length && ok; i++) {
        const seg = route.segments[i];
        if (isParam(seg)) params[seg.slice(1, -1)] = decode(raw[i]);
        else ok = decode(raw[i]).toLowerCase() === seg.toLowerCase();
      }
      if (ok) best = { route, params };
    }
    return best;
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Malformed URL encoding in path segment '${segment}'`);
  }
}
