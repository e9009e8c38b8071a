// One emulated org for the reliability suite and its tests: an emulator holding the other team's
// objects, a crash proxy in front of it (the stack's providers talk to the proxy), and our stack
// on the real Pulumi CLI with its own file backend and scratch working folder.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CLIENT, type Emulator, type EmulatorOptions, type StateDump, startEmulator } from "../emulator/index";
import type { PulumiCli } from "../../tools/pulumi/cli";
import { ProjectStack, fileBackend, scratchWorkDir } from "../pulumi/stack";
import { type CrashProxy, startCrashProxy } from "./crash-proxy";
import type { ListedIntegration } from "../../providers/genesys/integrations";
import { type Recovery, recoverKilledUp } from "./recovery";
import { client, seedUnrelated } from "./seed";

export const SECRET_KEYS = ["genesyscloud:oauthClientSecret"];
const PASSPHRASE = "reliability-only-passphrase";

/** Client bounds for the suite: hangs outlast the request timeout and must be retried. */
export const SUITE_LIMITS: Record<string, string> = {
  GENESYSCLOUD_REQUEST_TIMEOUT_MS: "1000",
  GENESYSCLOUD_RETRY_MAX_ATTEMPTS: "20",
  GENESYSCLOUD_RETRY_MIN_WAIT_MS: "50",
  GENESYSCLOUD_RETRY_MAX_WAIT_MS: "500",
  GENESYSCLOUD_RETRY_MAX_TOTAL_MS: "60000",
  GENESYSCLOUD_VISIBILITY_TIMEOUT_MS: "10000",
  GENESYSCLOUD_JOB_TIMEOUT_MS: "30000",
};

export function withoutGenesys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("GENESYSCLOUD_")));
}

/** The stack config of the suite's stacks; `extra` adds or overrides keys. */
export function stackConfig(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "genesyscloud:oauthClientId": DEFAULT_CLIENT.id,
    "genesyscloud:oauthClientSecret": DEFAULT_CLIENT.secret,
    "genesyscloud:apiUrl": apiUrl,
    "cognigy:endpointUrl": "http://127.0.0.1:9/a",
    ...extra,
  };
}

export interface OrgOptions {
  cli: PulumiCli;
  stack: string;
  emulator?: EmulatorOptions;
  /** GENESYSCLOUD_* bounds over SUITE_LIMITS. */
  limits?: Record<string, string>;
  /** Every chunk the CLI prints (retry lines of the providers included). */
  onOutput?: (text: string) => void;
}

export class ReliabilityOrg {
  private constructor(
    readonly emulator: Emulator,
    readonly proxy: CrashProxy,
    readonly stack: ProjectStack,
    /** The other team's objects: never to be changed or deleted. */
    readonly seeded: ReadonlySet<string>,
    readonly baseline: StateDump,
    private readonly scratch: string[],
    private readonly stackOptions: Omit<ConstructorParameters<typeof ProjectStack>[0], "stack" | "workDir">,
  ) {}

  static async open(options: OrgOptions): Promise<ReliabilityOrg> {
    const emulator = await startEmulator({ jobMs: 100, ...options.emulator });
    const seeded = await seedUnrelated(emulator, DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret);
    const proxy = await startCrashProxy(emulator.url);
    const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognigy-reliability-state-"));
    const workDir = scratchWorkDir();
    const env = { ...withoutGenesys(process.env), ...SUITE_LIMITS, ...options.limits, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    const backendUrl = fileBackend(backendDir);
    const stackOptions = { cli: options.cli, backendUrl, passphrase: PASSPHRASE, env, onOutput: options.onOutput };
    const stack = new ProjectStack({ ...stackOptions, stack: options.stack, workDir });
    stack.setConfig(stackConfig(proxy.url), SECRET_KEYS);
    return new ReliabilityOrg(emulator, proxy, stack, seeded, emulator.state(), [workDir, backendDir], stackOptions);
  }

  /** The URL the stack's providers reach Genesys at (the crash proxy). */
  get apiUrl(): string {
    return this.proxy.url;
  }

  get workDir(): string {
    return this.stack.workDir;
  }

  /**
   * Another stack on the same backend aimed at this org, in its own working folder: with the
   * org stack's name it is a second pipeline's checkout of the same stack (the same state).
   */
  another(stack: string): ProjectStack {
    const workDir = scratchWorkDir();
    this.scratch.push(workDir);
    const other = new ProjectStack({ ...this.stackOptions, stack, workDir });
    other.setConfig(stackConfig(this.apiUrl), SECRET_KEYS);
    this.others.push(other);
    return other;
  }

  private readonly others: ProjectStack[] = [];

  /** The org's integrations as Admin > Integrations lists them (read beside the faults). */
  integrations(): ListedIntegration[] {
    return this.emulator.state().integrations.map((i) => ({
      id: i.id,
      name: i.name,
      notes: i.notes,
      intendedState: i.intendedState,
      integrationType: { id: i.typeId },
      config: { current: { version: i.configVersion } },
    }));
  }

  /** docs/crash-recovery.md after a killed `pulumi up` of this org's stack. */
  recover(): Promise<Recovery> {
    return recoverKilledUp({ stack: this.stack, listIntegrations: async () => this.integrations(), deleteIntegration: (id) => this.deleteIntegration(id) });
  }

  /** A person deleting an integration by hand, retrying what the org's faults refuse (404: already gone). */
  private async deleteIntegration(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // The login is faulted like any call (a lost answer ends the fetch): retried with the rest.
        const api = await client(this.emulator, DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret);
        await api.call("DELETE", `/api/v2/integrations/${id}`);
        return;
      } catch (error) {
        if (/ answered 404/.test((error as Error).message)) return;
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.stack, ...this.others].map((stack) => stack.kill()));
    await this.proxy.close();
    await this.emulator.close();
    for (const dir of this.scratch) fs.rmSync(dir, { recursive: true, force: true });
  }
}
