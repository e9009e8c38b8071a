import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A loopback stand-in for Cognigy's endpoint that records every request and answers what the
// test sets (`reply`), or never answers (`reply.hang`), so each output of a Call Data Action
// can be reached.

export interface Received {
  method: string;
  url: string;
  body: string;
}

export interface Recorder {
  url: string;
  received: Received[];
  reply: { status: number; body: string; hang?: boolean };
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  let url = "";
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      recorder.received.push({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      if (recorder.reply.hang) return;
      res.writeHead(recorder.reply.status, { "Content-Type": "application/json" }).end(recorder.reply.body);
    });
  });
  const recorder: Recorder = {
    get url() {
      return url;
    },
    received: [],
    reply: { status: 200, body: '{"received":true}' },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return recorder;
}

/** A loopback URL where nothing listens: bound and released, so the port is free. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
