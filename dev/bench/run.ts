// Runs the real stack program (stacks/index.ts) through the real Pulumi CLI (Automation API,
// dev/pulumi/stack.ts) against an emulator, one phase at a time, and cuts the emulator's
// request log per phase.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Emulator, LogEntry, startEmulator } from "../emulator/index";
import { HANDOVER_EVENTS } from "../../domain/events";
import { PROJECT_ROOT, PulumiCli } from "../../tools/pulumi/cli";
import { ProjectStack, RunResult, fileBackend, scratchWorkDir } from "../pulumi/stack";
import type { PhaseName } from "./critical-path";
import { clientEntries } from "./requests";

const SECRET_KEY = "genesyscloud:oauthClientSecret";
export const ENDPOINT_BEFORE = "app.cognigy.ai";
export const ENDPOINT_AFTER = "app-us.cognigy.ai";
/** Bench state is thrown away with its scratch folder; the passphrase only has to be stable within a run. */
export const BENCH_PASSPHRASE = "bench-only-passphrase";

export interface BenchStackOptions {
  cli: PulumiCli;
  /** Scratch folder of this bench run: each stack's work dir and file backend go below it. */
  scratchDir: string;
  /**
   * false: the program loads as the project sets it up (tsconfig.pulumi.json: no type check).
   * true: Pulumi's default for a TypeScript program, type-checked with tsconfig.json while
   * loading (what the project did before tsconfig.pulumi.json), for the program-load comparison.
   */
  typeCheck: boolean;
  /** Variables added to every operation's environment (the module probe's, dev/bench/probe.ts). */
  env?: Record<string, string>;
}

/**
 * The environment of a bench stack: the target comes from stack config only, never from a
 * developer's GENESYSCLOUD_* variables, and the program loads as `typeCheck` says, whatever the
 * developer's PULUMI_NODEJS_* variables say.
 */
export function benchEnv(base: NodeJS.ProcessEnv, typeCheck: boolean): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(base).filter(([key]) => !key.startsWith("GENESYSCLOUD_") && key !== "PULUMI_NODEJS_TRANSPILE_ONLY" && key !== "PULUMI_NODEJS_TSCONFIG_PATH"),
  );
  return typeCheck ? { ...env, PULUMI_NODEJS_TRANSPILE_ONLY: "false", PULUMI_NODEJS_TSCONFIG_PATH: path.join(PROJECT_ROOT, "tsconfig.json") } : env;
}

export const EMPTY_PROGRAM_DIR = path.join(__dirname, "empty-program");

function projectStack(options: BenchStackOptions, stack: string, workDir: string, projectDir?: string): ProjectStack {
  return new ProjectStack({
    cli: options.cli,
    stack,
    projectDir,
    workDir,
    backendUrl: fileBackend(path.join(workDir, ".backend")),
    passphrase: BENCH_PASSPHRASE,
    env: { ...benchEnv(process.env, options.typeCheck), ...options.env },
  });
}

/** A stack of the handover project (this checkout, or an earlier tree) with its own work dir and file backend below the bench's scratch folder. */
export function handoverStack(options: BenchStackOptions, stack: string, projectDir = PROJECT_ROOT): ProjectStack {
  return projectStack(options, stack, scratchWorkDir(options.scratchDir, projectDir), projectDir);
}

/**
 * A stack of the empty program (dev/bench/empty-program). Its work dir holds its Pulumi.yaml
 * and a link to its main only: it has no resources, so nothing resolves from node_modules there.
 */
export function emptyProgramStack(options: BenchStackOptions, stack: string): ProjectStack {
  const workDir = fs.mkdtempSync(path.join(options.scratchDir, "empty-program-"));
  fs.copyFileSync(path.join(EMPTY_PROGRAM_DIR, "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));
  fs.symlinkSync(path.join(EMPTY_PROGRAM_DIR, "index.ts"), path.join(workDir, "index.ts"));
  return projectStack(options, stack, workDir, EMPTY_PROGRAM_DIR);
}

export interface OrgStack {
  stack: ProjectStack;
  clientId: string;
  /** The stack config it runs with (ProjectStack does not hand it back). */
  config: Record<string, string>;
}

/** Stack config of one org: its own OAuth client; `suffix` keeps the names of orgs sharing one emulator apart ("" gives the defaults). */
export function orgConfig(emulatorUrl: string, clientId: string, secret: string, suffix = ""): Record<string, string> {
  const names: Record<string, string> = {};
  if (suffix) {
    names["cognigy:integrationName"] = `Web Services Data Actions Integration ${suffix}`;
    names["cognigy:dataActionName"] = `Send Event to Cognigy ${suffix}`;
    for (const event of HANDOVER_EVENTS) {
      names[`cognigy:workflowName${event.configSuffix}`] = `${event.defaultWorkflowName} ${suffix}`;
      names[`cognigy:triggerName${event.configSuffix}`] = `${event.defaultTriggerName} ${suffix}`;
    }
  }
  return {
    "genesyscloud:oauthClientId": clientId,
    [SECRET_KEY]: secret,
    "genesyscloud:apiUrl": emulatorUrl,
    "cognigy:endpointDomain": ENDPOINT_BEFORE,
    ...names,
  };
}

/** One org's stack with its own OAuth client (one emulator is one Genesys org), of this checkout or of the project at `projectDir`. */
export function orgStack(emu: Emulator, options: BenchStackOptions, name: string, suffix = "", projectDir = PROJECT_ROOT): OrgStack {
  const clientId = `bench-${name}`;
  const secret = randomBytes(12).toString("hex");
  emu.addClient(clientId, secret);
  const config = orgConfig(emu.url, clientId, secret, suffix);
  const stack = handoverStack(options, name, projectDir);
  stack.setConfig(config, [SECRET_KEY]);
  return { stack, clientId, config };
}

export interface PhaseResult {
  phase: PhaseName;
  /** The operation end to end: its host process, the CLI, the program and the provider plugin. */
  wallMs: number;
  /** When the operation was started (epoch ms, the clock of the emulator's log). */
  startedAt: number;
  /** Requests of this client answered during the phase. */
  entries: LogEntry[];
  run: RunResult;
}

/** Runs one operation and keeps the requests this client made meanwhile. */
export async function measure(emu: Emulator, org: OrgStack, phase: PhaseName, call: () => Promise<RunResult>): Promise<PhaseResult> {
  const before = emu.log().entries.length;
  const startedAt = Date.now();
  const run = await call();
  const wallMs = Date.now() - startedAt;
  return { phase, wallMs, startedAt, entries: clientEntries(emu.log().entries.slice(before), org.clientId), run };
}

/** cold up, no-op up, preview, endpoint change, refresh, destroy: one after another. */
export async function lifecycle(emu: Emulator, org: OrgStack): Promise<PhaseResult[]> {
  const { stack } = org;
  const results: PhaseResult[] = [];
  results.push(await measure(emu, org, "cold up", () => stack.up()));
  results.push(await measure(emu, org, "no-op up", () => stack.up()));
  results.push(await measure(emu, org, "preview", () => stack.preview()));
  stack.setConfig({ ...org.config, "cognigy:endpointDomain": ENDPOINT_AFTER }, [SECRET_KEY]);
  results.push(await measure(emu, org, "endpoint change", () => stack.up()));
  results.push(await measure(emu, org, "refresh", () => stack.refresh()));
  results.push(await measure(emu, org, "destroy", () => stack.destroy()));
  return results;
}

/** A scratch folder for one bench run (removed by the caller). */
export function benchScratch(parent: string): string {
  return fs.mkdtempSync(path.join(parent, "cognigy-bench-"));
}

/** An emulator with this latency and job time for the body's run. */
export async function withEmulator<T>(latencyMs: number, jobMs: number, body: (emu: Emulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator({ latencyMs, jobMs });
  try {
    return await body(emu);
  } finally {
    await emu.close();
  }
}
