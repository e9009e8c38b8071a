// Provider errors after closure serialization, as Pulumi's provider host holds them: message,
// name, and what the host logs for a failed call (`${e}: ${e.stack}`).
import { describe, expect, it } from "vitest";
import { PartialCreateError } from "../../providers/adoption";
import { GenesysApiError } from "../../providers/genesys/retry-policy";
import { roundTrip } from "./harness";

const throwers = {
  api(): never {
    throw new GenesysApiError("Delete trigger t-1 failed: HTTP 401", { status: 401 } as never);
  },
  partial(): never {
    throw new PartialCreateError("workflow created, trigger failed", "flow-1", { name: "x" });
  },
};

describe("provider errors through a serialize → require round trip", () => {
  it.each(["api", "partial"] as const)("%s: keeps message and name, and logs as text", async (kind) => {
    const { provider } = await roundTrip(throwers);
    let caught: any;
    try {
      provider[kind]();
    } catch (e) {
      caught = e;
    }
    expect(caught.message).toMatch(/failed/);
    expect(caught.name).toBe(kind === "api" ? "GenesysApiError" : "PartialCreateError");
    const logged = `${caught}: ${caught.stack}`;
    expect(logged).not.toContain("[object Object]");
    expect(logged).not.toContain("undefined");
    expect(logged).toContain(caught.message);
  });
});
