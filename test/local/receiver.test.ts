import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { formatReceived, parseRememberedPort, readRememberedPort, startReceiver } from "../../dev/local/receiver";

describe("remembered receiver port", () => {
  it.each([
    ["43117\n", 43117],
    ["", 0],
    ["0", 0],
    ["70000", 0],
    ["12.5", 0],
    ["abc", 0],
    [undefined, 0],
  ])("%j → %d", (text, port) => {
    expect(parseRememberedPort(text)).toBe(port);
  });

  it("reads 0 from a missing file", () => {
    expect(readRememberedPort(path.join(os.tmpdir(), "no-such-dir-for-receiver", "port"))).toBe(0);
  });
});

describe("startReceiver (real HTTP on loopback)", () => {
  it("prints what Cognigy would receive and answers 200", async () => {
    const lines: string[] = [];
    const receiver = await startReceiver(0, (line) => lines.push(line));
    try {
      expect(receiver.url).toBe(`http://127.0.0.1:${receiver.port}`);
      const body = '{"userId":"u-1","topic":"v2.detail.events.conversation.id.acw","disconnectType":""}';
      const res = await fetch(`${receiver.url}/handover/genesysCloudOM`, { method: "POST", body, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true });
      expect(lines).toEqual([formatReceived("POST", "/handover/genesysCloudOM", body)]);
      expect(lines[0]).toBe(`[cognigy receiver] POST /handover/genesysCloudOM ${body}`);
    } finally {
      await receiver.close();
    }
  });

  it("reuses the remembered port when free and falls back to another when taken", async () => {
    const first = await startReceiver(0, () => undefined);
    const taken = first.port;
    const second = await startReceiver(taken, () => undefined);
    try {
      expect(second.port).not.toBe(taken);
    } finally {
      await second.close();
      await first.close();
    }
    const again = await startReceiver(taken, () => undefined);
    try {
      expect(again.port).toBe(taken);
    } finally {
      await again.close();
    }
  });

  it("formats an empty body visibly", () => {
    expect(formatReceived("GET", "/", "  ")).toBe("[cognigy receiver] GET / (empty body)");
  });

  it("keeps the remembered port in a file next to the state", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "receiver-"));
    try {
      fs.writeFileSync(path.join(dir, "receiver-port"), "41000\n");
      expect(readRememberedPort(path.join(dir, "receiver-port"))).toBe(41000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
