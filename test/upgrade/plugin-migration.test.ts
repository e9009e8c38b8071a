// `npm run migrate`'s move (tools/migrate/migrate.ts) through the real CLI, on a stack deployed with
// Pulumi dynamic resources (the identity and an integration, as the layouts before the provider
// plugin made them): the program of the plugin layout is refused by its guard (in preview and up,
// before anything is written), the migration moves the records with no write to Genesys and an
// empty preview after, a second migration changes nothing, and destroy removes the integration.
// A brand-new stack is not refused.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { StackRunError } from "../../dev/pulumi/stack";
import { type MigrationOps, migrateStack } from "../../tools/migrate/migrate";
import { providerUrn } from "../../tools/migrate/rewrite";
import { writeCalls } from "../lifecycle/org";
import { TestStack, emulatorConfig } from "../support/stack";

const ROOT = path.join(__dirname, "..", "..");
const PROJECT = "cognigy-migrate";
const STACK = "migrate";
const MARKER = "cognigy-genesys-handover cognigy-migrate/migrate 5d1e6c2a-8f0b-4a7e-9c3d-2b4a6e8f0c1d";
const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];

/** A project folder for the fixture program: Pulumi.yaml naming the plugin's folder, this checkout's node_modules and tsconfigs. */
function migrateProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-migrate-"));
  const yaml = [`name: ${PROJECT}`, "runtime:", "  name: nodejs", "  options:", "    typescript: true", "    tsconfig: tsconfig.pulumi.json", "main: program/"];
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), [...yaml, "plugins:", "  providers:", "    - name: cognigy-genesys", `      path: ${path.join(ROOT, "provider-plugin")}`, ""].join("\n"));
  fs.symlinkSync(path.join(ROOT, "test", "fixtures", "migrate-program"), path.join(dir, "program"));
  for (const entry of ["node_modules", "tsconfig.json", "tsconfig.pulumi.json"]) fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  return dir;
}

const types = (state: { deployment: { resources?: { type: string }[] } }) => (state.deployment.resources ?? []).map((r) => r.type).sort();

describe("a stack of the dynamic layout moved to the provider plugin by npm run migrate", () => {
  let emu: Emulator;
  let project: string;
  let stack: TestStack;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-migrate-backup-"));
  const config = (layout: string) => emulatorConfig(emu, { [`${PROJECT}:layout`]: layout, [`${PROJECT}:managedBy`]: MARKER });

  beforeAll(async () => {
    emu = await startEmulator();
    project = migrateProject();
  });
  afterAll(async () => {
    await stack?.dispose();
    await emu?.close();
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  let before: Awaited<ReturnType<TestStack["exportState"]>>;
  let deployed: Awaited<ReturnType<TestStack["up"]>>;
  let ops: MigrationOps;
  let refusedState: Awaited<ReturnType<TestStack["exportState"]>>;

  it("a brand-new stack passes the guard; the dynamic layout deploys", async () => {
    stack = await TestStack.create({ stack: STACK, projectDir: project, config: config("plugin"), secretKeys: SECRET_KEYS });
    const fresh = await stack.preview();
    expect(fresh.steps.map((step) => `${step.op} ${step.type}`)).toContain("create cognigy-genesys:index:Integration");

    stack.setConfig(config("dynamic"), SECRET_KEYS);
    deployed = await stack.up();
    before = await stack.exportState();
    expect(types(before)).toContain("pulumi-nodejs:dynamic/genesyscloud:Integration");
  });

  it("the plugin layout's program is refused on that stack, in preview and up, with nothing written", async () => {

    stack.setConfig(config("plugin"), SECRET_KEYS);
    emu.clearLog();
    for (const run of [() => stack.preview(), () => stack.up()]) {
      const refused = await run().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(StackRunError);
      expect((refused as StackRunError).stdout + (refused as StackRunError).stderr).toContain(`npm run migrate -- --stack ${STACK}`);
    }
    expect(writeCalls(emu.log().entries)).toEqual([]);
    // The refused resources have no record; only provider records may have been added (state only:
    // a provider's registration makes no call to Genesys, and the migration uses that one).
    refusedState = await stack.exportState();
    const refused = types(refusedState);
    expect(refused.filter((type) => !type.startsWith("pulumi:providers:"))).toEqual(types(before).filter((type) => !type.startsWith("pulumi:providers:")));
  });

  it("the migration moves the records with no write to Genesys, a backup first, and an empty preview after", async () => {

    ops = {
      exportState: () => stack.exportState(),
      importState: (state) => stack.importState(state),
      preview: async () => {
        const preview = await stack.preview({ diff: true });
        return { changes: preview.steps.filter((step) => step.op !== "same").map((step) => `${step.op} ${step.urn}`), output: preview.stdout };
      },
    };
    const log: string[] = [];
    const backup = path.join(scratch, "backup.json");
    const result = await migrateStack(ops, STACK, PROJECT, backup, (line) => log.push(line));
    console.info(log.join("\n"));
    expect(result).toMatchObject({ outcome: "migrated", moved: expect.arrayContaining([expect.stringContaining("::handover-integration")]) });
    expect(JSON.parse(fs.readFileSync(backup, "utf8"))).toEqual(refusedState);
    expect(log.join("\n")).toContain(backup);
    expect(writeCalls(emu.log().entries)).toEqual([]);

    const after = await stack.exportState();
    expect(types(after)).toEqual([
      "cognigy-genesys:index:Integration",
      "cognigy-genesys:index:StackIdentity",
      "pulumi:providers:cognigy-genesys",
      // The default provider of the engine's built-in functions, by the guard's read of the state.
      "pulumi:providers:pulumi",
      "pulumi:pulumi:Stack",
    ]);
    expect(after.deployment.resources.find((r: { urn: string }) => r.urn === providerUrn(STACK, PROJECT))).toBeDefined();
    expect(JSON.stringify(after)).not.toContain("__provider");
  });

  it("then up changes nothing, a second migration changes nothing, and destroy removes the integration", async () => {
    emu.clearLog();

    const up = await stack.up();
    // The provider's record takes the program's configuration (state only).
    expect(up.changes).toEqual({ same: 3, update: 1 });
    expect(up.outputs).toEqual(deployed.outputs);
    expect(writeCalls(emu.log().entries)).toEqual([]);

    expect(await migrateStack(ops, STACK, PROJECT, path.join(scratch, "again.json"), () => {})).toEqual({ outcome: "already-migrated", moved: [] });
    expect(fs.existsSync(path.join(scratch, "again.json"))).toBe(false);

    await stack.destroy();
    expect(emu.state().integrations).toEqual([]);
  });
});
