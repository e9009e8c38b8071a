import { execFile } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { SECRET, valid, withConfig } from "../unit/bad-config-catalogue";

const root = path.join(__dirname, "..", "..");

interface Scenario {
  outputs?: any;
  error?: string;
  registrations: { type: string; name: string; inputs: Record<string, any> }[];
}

/** Runs load-like-pulumi.js in a child process: Pulumi's ts-node registration is process-wide. */
function loadLikePulumi(configs: Record<string, string>[]): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, "load-like-pulumi.js")],
      { cwd: root, env: { PATH: process.env.PATH, LOAD_CONFIGS: JSON.stringify(configs) }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

describe("the program loaded the way Pulumi loads it (ts-node, project tsconfig, type checking)", async () => {
  const report = await loadLikePulumi([valid, withConfig({ "cognigy:endpointDomain": "https://app.cognigy.ai" })]);
  const [good, bad] = report.scenarios as Scenario[];

  it("picks the project's own typescript and ts-node, not the TypeScript 3.8 vendored in @pulumi/pulumi", () => {
    expect(report.picked).toEqual({ typescriptRequire: "typescript", tsnodeRequire: "ts-node" });
    expect(report.typescript.path).toBe(require.resolve("typescript", { paths: [root] }));
    expect(report.tsnode.path).toBe(require.resolve("ts-node", { paths: [root] }));
    expect(Number(report.typescript.version.split(".")[0])).toBeGreaterThanOrEqual(5);
    expect(report.typescript.path).not.toContain("vendor");
  });

  it("compiles, registers the provider, the component, the stack identity and six Genesys objects, and exports the request URL", () => {
    expect(good.error).toBeUndefined();
    expect(good.registrations.map((r) => r.name).sort()).toEqual(
      [
        "genesys",
        "handover",
        "handover-identity",
        "handover-data-action",
        "handover-integration",
        "handover-trigger-acw",
        "handover-trigger-user-end",
        "handover-workflow-acw",
        "handover-workflow-user-end",
      ].sort(),
    );
    // The provider takes the client secret (as a secret: test/mocks/handover-program.test.ts); nothing else holds it.
    expect(JSON.stringify(good.registrations.filter((r) => r.name !== "genesys"))).not.toContain(SECRET);
    expect(good.outputs.requestUrl).toBe("https://endpoint-app.cognigy.ai/handover/genesysCloudOM");
  });

  it("exports every object's name and adopted flag (the resource classes' declared outputs survive class-field emit)", () => {
    expect(good.outputs.integration).toEqual({ id: "handover-integration-id", name: "Web Services Data Actions Integration", adopted: false });
    expect(good.outputs.triggers["user.end"]).toEqual({
      id: "handover-trigger-user-end-id",
      name: "Trigger conversation.id.user.end",
      adopted: false,
    });
  });

  it("stops on bad config with one readable error before registering anything", () => {
    expect(bad.error).toMatch(/^The stack configuration has 1 problem\(s\); nothing was changed:\n  - cognigy:endpointDomain = "https:\/\/app.cognigy.ai" includes a scheme/);
    expect(bad.registrations).toEqual([]);
  });
});
