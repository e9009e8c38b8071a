// `npm run pack:plugin` (tools/pack-plugin.ts) for programs outside this repo: the project's CLI
// installs the tarball into an empty PULUMI_HOME (`pulumi plugin install resource cognigy-genesys
// <version> --file`), `pulumi plugin ls` lists it, and the installed launcher starts the plugin
// from the installed folder alone (its own node_modules, run from another directory): it prints
// the port it serves on, as the engine expects.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, expect, inject, it } from "vitest";
import { PACKAGE, VERSION } from "../../provider-plugin/package-schema";
import { packPlugin } from "../../tools/pack-plugin";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-pack-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

it("packs the plugin; the CLI installs and lists it, and the installed plugin starts on its own", async () => {
  const tarball = packPlugin(path.join(scratch, "dist"));
  const home = path.join(scratch, "pulumi-home");
  const env = { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const pulumi = path.join(inject("pulumiCli").root, "bin", "pulumi");
  execFileSync(pulumi, ["plugin", "install", "resource", PACKAGE, VERSION, "--file", tarball], { env, stdio: "pipe" });
  const listed = execFileSync(pulumi, ["plugin", "ls"], { env, encoding: "utf8" });
  expect(listed).toMatch(new RegExp(`^${PACKAGE}\\s+resource\\s+${VERSION.replace(/\./g, "\\.")}\\s`, "m"));

  const launcher = path.join(home, "plugins", `resource-${PACKAGE}-v${VERSION}`, `pulumi-resource-${PACKAGE}`);
  const plugin = spawn(launcher, ["127.0.0.1:1"], { cwd: scratch, env: { PATH: process.env.PATH } });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      plugin.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.trim());
      });
      plugin.stderr.on("data", (chunk) => (err += chunk));
      plugin.on("exit", (code) => reject(new Error(`the installed plugin exited (${code}) before serving: ${err}`)));
    });
    expect(port).toMatch(/^\d+$/);
  } finally {
    plugin.kill();
  }
});
