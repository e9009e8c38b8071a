import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import {
  isLoopbackUrl,
  listOrgStacks,
  parseListStacksArgs,
  requireOrgStack,
  stackNameFromFile,
  targetsEmulator,
} from "../../tools/list-stacks";
import { REPO_ROOT } from "./workflow-files";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function projectDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "list-stacks-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const ORG = (region: string) => `config:\n  genesyscloud:region: ${region}\n  cognigy:endpointDomain: app.cognigy.ai\n`;

describe("stack files", () => {
  it.each([
    ["Pulumi.acme.yaml", "acme"],
    ["Pulumi.globex-eu.yml", "globex-eu"],
    ["Pulumi.org.with.dots.yaml", "org.with.dots"],
    ["Pulumi.yaml", undefined],
    ["Pulumi.yml", undefined],
    ["Pulumi.acme.yaml.bak", undefined],
    ["pulumi.acme.yaml", undefined],
    ["README.md", undefined],
  ])("%s → %s", (file, stack) => {
    expect(stackNameFromFile(file)).toBe(stack);
  });

  it.each([
    ["http://127.0.0.1:8080", true],
    ["http://localhost:3000/", true],
    ["http://[::1]:9000", true],
    ["https://api.mypurecloud.de", false],
    ["https://127.example.com", false],
    ["not a url", false],
  ])("loopback %s → %s", (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });

  it("treats a stack pointing genesyscloud:apiUrl at loopback as the emulator", () => {
    expect(targetsEmulator("config:\n  genesyscloud:apiUrl: http://127.0.0.1:4010\n", "Pulumi.x.yaml")).toBe(true);
    expect(targetsEmulator("config:\n  genesyscloud:apiUrl: https://gateway.acme.example\n", "Pulumi.x.yaml")).toBe(false);
    expect(targetsEmulator(ORG("eu-central-1"), "Pulumi.x.yaml")).toBe(false);
    expect(targetsEmulator("", "Pulumi.x.yaml")).toBe(false);
  });

  it("names the file when a stack file is not YAML", () => {
    expect(() => targetsEmulator("config: [unclosed\n", "Pulumi.broken.yaml")).toThrow(/Pulumi\.broken\.yaml: not valid YAML/);
  });
});

describe("listOrgStacks", () => {
  it("finds the org stacks, sorted, without the local stack, emulator stacks and other files", () => {
    const dir = projectDir({
      "Pulumi.yaml": "name: handover\nruntime: nodejs\n",
      "Pulumi.zeta.yaml": ORG("eu-central-1"),
      "Pulumi.acme.yaml": ORG("mypurecloud.de"),
      "Pulumi.globex.yml": ORG("us-east-1"),
      "Pulumi.fresh.yaml": "",
      "Pulumi.local.yaml": "config:\n  genesyscloud:apiUrl: http://127.0.0.1:4010\n",
      "Pulumi.emulated.yaml": "config:\n  genesyscloud:apiUrl: http://localhost:4010\n",
      "README.md": "# not a stack\n",
    });
    expect(listOrgStacks(dir)).toEqual(["acme", "fresh", "globex", "zeta"]);
  });

  it("excludes the local stack by name even when it has no emulator URL yet", () => {
    expect(listOrgStacks(projectDir({ "Pulumi.local.yaml": "", "Pulumi.acme.yaml": ORG("x") }))).toEqual(["acme"]);
  });

  it("returns an empty list for a project without org stacks", () => {
    expect(listOrgStacks(projectDir({ "Pulumi.yaml": "name: handover\n" }))).toEqual([]);
  });

  it("rejects a stack file whose name is not a valid stack name, naming the file and the fix", () => {
    const dir = projectDir({ "Pulumi.acme corp.yaml": ORG("x") });
    expect(() => listOrgStacks(dir)).toThrow(/Pulumi\.acme corp\.yaml: stack name "acme corp".*Rename the file/);
  });

  it("rejects a stack present as both .yaml and .yml", () => {
    const dir = projectDir({ "Pulumi.acme.yaml": ORG("x"), "Pulumi.acme.yml": ORG("x") });
    expect(() => listOrgStacks(dir)).toThrow(/Stack "acme" has both/);
  });
});

describe("requireOrgStack and arguments", () => {
  it("accepts a known stack and refuses others, listing the known ones", () => {
    expect(() => requireOrgStack(["acme", "globex"], "acme")).not.toThrow();
    expect(() => requireOrgStack(["acme", "globex"], "local")).toThrow(/"local" is not an org stack.*acme, globex/);
    expect(() => requireOrgStack([], "acme")).toThrow(/org stacks: none/);
  });

  it("parses --dir relative to the working directory and --require", () => {
    expect(parseListStacksArgs([], "/repo")).toEqual({ dir: "/repo" });
    expect(parseListStacksArgs(["--dir", "sub", "--require", "acme"], "/repo")).toEqual({ dir: "/repo/sub", require: "acme" });
  });

  it("names the bad argument", () => {
    expect(() => parseListStacksArgs(["--stack", "acme"], "/repo")).toThrow(/Unknown argument "--stack"/);
    expect(() => parseListStacksArgs(["--require"], "/repo")).toThrow(/--require needs a value/);
    expect(() => parseListStacksArgs(["--dir", "--require", "x"], "/repo")).toThrow(/--dir needs a value/);
  });
});

describe("the command line the workflows call", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "tools/list-stacks.ts", ...args], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 300_000,
    });

  it("prints the stacks as JSON and exits 0, and exits 1 with the reason for an unknown --require", () => {
    const dir = projectDir({ "Pulumi.acme.yaml": ORG("x"), "Pulumi.globex.yaml": ORG("y"), "Pulumi.local.yaml": "" });
    const ok = run(["--dir", dir, "--require", "globex"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('["acme","globex"]\n');

    const refused = run(["--dir", dir, "--require", "local"]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain('list-stacks: "local" is not an org stack');
  });
});
