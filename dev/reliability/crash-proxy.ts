// A loopback proxy in front of the emulator that kills the `pulumi` operation at a write point:
// the request reaches the emulator and is applied, then the operation's whole process tree dies
// before the provider reads the answer (as when a CI runner is killed, or a machine loses power,
// mid-create).
import * as http from "http";
import type { AddressInfo } from "net";

export interface CrashPoint {
  name: string;
  method: string;
  path: RegExp;
}

/** Every write a create makes, in the order the stack makes them. */
export const CRASH_POINTS: readonly CrashPoint[] = [
  { name: "integration create", method: "POST", path: /^\/api\/v2\/integrations$/ },
  { name: "integration config (name + marker)", method: "PUT", path: /^\/api\/v2\/integrations\/[^/]+\/config\/current$/ },
  { name: "integration enable", method: "PATCH", path: /^\/api\/v2\/integrations\/[^/]+$/ },
  { name: "data action create", method: "POST", path: /^\/api\/v2\/integrations\/actions$/ },
  { name: "flow job create", method: "POST", path: /^\/api\/v2\/flows\/jobs$/ },
  { name: "flow upload", method: "PUT", path: /^\/uploads\/architect-jobs\/[^/]+$/ },
  { name: "trigger create", method: "POST", path: /^\/api\/v2\/processautomation\/triggers$/ },
];

export interface CrashProxy {
  url: string;
  /** Crash at the next request matching `point` (once). */
  arm(point: CrashPoint, kill: () => void): void;
  /** Forget an armed crash that did not happen. */
  disarm(): void;
  /** Run `action` when the next request matching `point` arrives, then forward it as usual once it has settled (once). */
  tap(point: CrashPoint, action: () => unknown): void;
  /** Whether the armed crash happened. */
  readonly fired: boolean;
  close(): Promise<void>;
}

export async function startCrashProxy(target: string): Promise<CrashProxy> {
  let armed: { point: CrashPoint; kill: () => void } | undefined;
  let tapped: { point: CrashPoint; action: () => unknown } | undefined;
  let fired = false;
  let url = "";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const crash = armed && armed.point.method === req.method && armed.point.path.test(path) ? armed : undefined;
      if (crash) armed = undefined;
      if (tapped && tapped.point.method === req.method && tapped.point.path.test(path)) {
        const { action } = tapped;
        tapped = undefined;
        await action();
      }
      const headers = { ...req.headers };
      delete headers.host;
      const forward = http.request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          if (crash) {
            // Applied by the emulator; the host dies before the answer reaches it.
            fired = true;
            crash.kill();
            req.socket.destroy();
            return;
          }
          // The upload URL the emulator hands out points at itself: send uploads through here too.
          const text = Buffer.concat(body).toString("utf8").split(target).join(url);
          const { "transfer-encoding": _chunked, connection: _connection, ...kept } = answer.headers;
          const out = { ...kept, "content-length": String(Buffer.byteLength(text)) };
          res.writeHead(answer.statusCode ?? 502, out);
          res.end(text);
        });
      });
      forward.on("error", () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    arm(point, kill) {
      armed = { point, kill };
      fired = false;
    },
    disarm() {
      armed = undefined;
    },
    tap(point, action) {
      tapped = { point, action };
    },
    get fired() {
      return fired;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
