// A stack of this project for one test file, on the real Pulumi CLI (built or found by
// test/support/global-setup.ts): a scratch folder with the real Pulumi.yaml, a file backend in a
// temporary folder, the passphrase secrets provider, no update check, and the test's own config.
// The program is loaded as the project tells Pulumi to (Pulumi.yaml's runtime tsconfig,
// tsconfig.pulumi.json: noCheck); `npm run typecheck` and test/program cover the types.
//
//   const stack = await TestStack.create({ stack: "lifecycle", config, secretKeys: ["genesyscloud:oauthClientSecret"] });
//   const up = await stack.up();          // RunResult: outputs, changes, steps, stdout (dev/pulumi/stack.ts)
//   await stack.preview({ diff: true }); await stack.refresh(); await stack.destroy();
//   stack.setConfig({ ... }, secretKeys); await stack.exportState(); await stack.dispose();
//   emulatorConfig(emu, { "cognigy:endpointDomain": "app.cognigy.ai" })   // genesyscloud:* aimed at an emulator
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { inject } from "vitest";
import { DEFAULT_CLIENT } from "../../dev/emulator/index";
import { ProjectStack, fileBackend, scratchWorkDir } from "../../dev/pulumi/stack";

export const TEST_PASSPHRASE = "test-only-passphrase";

/**
 * Stack config aimed at an emulator (or anything in front of one, such as a proxy): its default
 * OAuth client and its URL as `genesyscloud:apiUrl`; `overrides` add keys or replace these.
 */
export function emulatorConfig(emulator: { url: string }, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "genesyscloud:oauthClientId": DEFAULT_CLIENT.id,
    "genesyscloud:oauthClientSecret": DEFAULT_CLIENT.secret,
    "genesyscloud:apiUrl": emulator.url,
    ...overrides,
  };
}

export interface TestStackOptions {
  stack: string;
  config: Record<string, string | readonly string[]>;
  secretKeys?: readonly string[];
  /** Environment of the CLI, program and providers; defaults to this process's without GENESYSCLOUD_* (config alone steers the providers). */
  env?: NodeJS.ProcessEnv;
  /** Share a backend folder with another TestStack (two stacks, or two runs of one stack). */
  backendDir?: string;
  /** The project to run (Pulumi.yaml, tsconfig, the program), e.g. an older tree of this one; default this project. */
  projectDir?: string;
  onOutput?: (text: string) => void;
}

export function testEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith("GENESYSCLOUD_")));
}

export class TestStack extends ProjectStack {
  private constructor(
    options: ConstructorParameters<typeof ProjectStack>[0],
    private readonly scratch: string[],
    readonly backendDir: string,
  ) {
    super(options);
  }

  static async create(options: TestStackOptions): Promise<TestStack> {
    const ownBackend = options.backendDir === undefined;
    const backendDir = options.backendDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-state-"));
    const workDir = scratchWorkDir(os.tmpdir(), options.projectDir);
    const env = options.env ?? testEnv();
    const stack = new TestStack(
      { cli: inject("pulumiCli"), stack: options.stack, projectDir: options.projectDir, workDir, backendUrl: fileBackend(backendDir), passphrase: TEST_PASSPHRASE, env, onOutput: options.onOutput },
      ownBackend ? [workDir, backendDir] : [workDir],
      backendDir,
    );
    stack.setConfig(options.config, options.secretKeys ?? []);
    return stack;
  }

  async dispose(): Promise<void> {
    await this.kill();
    for (const dir of this.scratch) fs.rmSync(dir, { recursive: true, force: true });
  }
}
