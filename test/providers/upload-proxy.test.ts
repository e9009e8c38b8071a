// Workflow uploads honour HTTP_PROXY / HTTPS_PROXY / NO_PROXY as the SDK's calls do: an http
// presigned URL goes to a loopback proxy as an absolute-form request, an https one through a
// CONNECT tunnel with TLS end to end (the target's certificate still checked), and NO_PROXY
// sends it direct.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, type Emulator, startEmulator } from "../../dev/emulator/index";
import { resolveTarget } from "../../providers/genesys/settings";
import { GenesysApi } from "../../providers/genesys/transport";
import { putBytes } from "../../providers/genesys/upload";
import { login } from "../emulator/sdk";
import { type LoopbackProxy, startLoopbackProxy } from "../support/loopback-proxy";

const TLS_DIR = path.join(__dirname, "..", "fixtures", "loopback-tls");
const YAML = "workflow:\n  name: Proxy test\n";

let emu: Emulator;
let proxy: LoopbackProxy;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 60_000 });
  proxy = await startLoopbackProxy();
});
afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

async function registeredJob(): Promise<{ id: string; presignedUrl: string; headers: Record<string, string> }> {
  const api = await login(emu.url);
  const job = await api.architect.postFlowsJobs();
  return { id: job.id!, presignedUrl: job.presignedUrl!, headers: job.headers as Record<string, string> };
}

describe("the workflow upload", () => {
  it("goes through HTTP_PROXY to an http presigned URL, and the job gets the YAML", async () => {
    const job = await registeredJob();
    const api = new GenesysApi(resolveTarget({ clientId: DEFAULT_CLIENT.id, clientSecret: DEFAULT_CLIENT.secret, apiUrl: emu.url }, {}));
    proxy.seen.length = 0;
    process.env.HTTP_PROXY = proxy.url;
    try {
      await api.upload("Upload workflow", job.presignedUrl, job.headers, YAML);
    } finally {
      delete process.env.HTTP_PROXY;
    }
    expect(proxy.seen).toEqual([`PUT ${job.presignedUrl}`]);
    expect(emu.state().jobs.find((j) => j.id === job.id)).toMatchObject({ status: "Started", yaml: YAML });
  });

  it("goes direct when NO_PROXY names the host (loopback names match each other, as in axios)", async () => {
    const job = await registeredJob();
    proxy.seen.length = 0;
    await putBytes(job.presignedUrl, job.headers, Buffer.from(YAML), 10_000, { http_proxy: proxy.url, NO_PROXY: "example.com, localhost" });
    expect(proxy.seen).toEqual([]);
    expect(emu.state().jobs.find((j) => j.id === job.id)?.status).toBe("Started");
  });

  it("tunnels an https presigned URL through HTTPS_PROXY with CONNECT, TLS to the target itself", async () => {
    const received: { method?: string; url?: string; headers: Record<string, unknown>; body: string }[] = [];
    const target = https.createServer({ key: readFileSync(path.join(TLS_DIR, "key.pem")), cert: readFileSync(path.join(TLS_DIR, "cert.pem")) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const port = (target.address() as AddressInfo).port;
    try {
      proxy.seen.length = 0;
      const url = `https://127.0.0.1:${port}/architect-jobs/upload?X-Amz-Signature=abc`;
      const headers = JSON.stringify({ "x-amz-server-side-encryption": "AES256" });
      // NODE_EXTRA_CA_CERTS is read when a process starts: the upload runs in a child that trusts the target's certificate.
      const run = async (extraEnv: Record<string, string>) => {
        const { stdout } = await promisify(execFile)(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "..", "support", "put-bytes-cli.ts"), url, headers, YAML], {
          cwd: path.join(__dirname, "..", ".."),
          env: { PATH: process.env.PATH, TS_NODE_PROJECT: "tsconfig.json", HTTPS_PROXY: proxy.url, ...extraEnv },
        });
        return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { ok: boolean; status?: number; failure?: string };
      };

      expect(await run({ NODE_EXTRA_CA_CERTS: path.join(TLS_DIR, "cert.pem") })).toEqual({ ok: true, status: 200 });
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
      expect(received).toEqual([
        expect.objectContaining({ method: "PUT", url: "/architect-jobs/upload?X-Amz-Signature=abc", body: YAML, headers: expect.objectContaining({ "x-amz-server-side-encryption": "AES256", "content-length": String(YAML.length) }) }),
      ]);
      expect(received[0].headers["content-type"]).toBeUndefined();

      // Without trusting the certificate the tunnel still carries TLS to the target, which is refused.
      const untrusted = await run({});
      expect(untrusted.ok).toBe(false);
      expect(untrusted.failure).toMatch(/self[- ]signed|certificate/i);
      expect(received).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });
});
