// Stands in for Cognigy's handover endpoint during `npm run local`: logs what Cognigy would
// receive and answers 200, on loopback only.
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";

export interface Receiver {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A port remembered from an earlier run (so the data action URL stays the same), or 0. */
export function parseRememberedPort(text: string | undefined): number {
  const port = Number(text?.trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
}

export function readRememberedPort(file: string): number {
  return parseRememberedPort(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
}

export function formatReceived(method: string, url: string, body: string): string {
  return `[cognigy receiver] ${method} ${url} ${body.trim() || "(empty body)"}`;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Listens on `preferredPort` if it is free, otherwise on any free port. */
export async function startReceiver(preferredPort: number, print: (line: string) => void): Promise<Receiver> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      print(formatReceived(req.method ?? "?", req.url ?? "/", Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  try {
    await listen(server, preferredPort);
  } catch (err) {
    if (preferredPort === 0 || (err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    await listen(server, 0);
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
