// Runs the real stack program (stacks/index.ts) through the local engine against an emulator,
// one phase at a time, and cuts the emulator's request log per phase.
import { randomBytes } from "crypto";
import * as path from "path";
import type { Emulator, LogEntry } from "../../emulator/index";
import { HANDOVER_EVENTS } from "../../components/events";
import { LocalEngine, RunResult } from "../engine/local-engine";
import type { PhaseName } from "./critical-path";
import { clientEntries } from "./requests";

const PROJECT_DIR = path.join(__dirname, "..", "..");
/** `name` in Pulumi.yaml. */
const PROJECT = "cognigy";
const SECRET_KEY = "genesyscloud:oauthClientSecret";
export const ENDPOINT_BEFORE = "app.cognigy.ai";
export const ENDPOINT_AFTER = "app-us.cognigy.ai";

export interface OrgStack {
  engine: LocalEngine;
  clientId: string;
  /** The stack config the engine runs with (the engine does not hand it back). */
  config: Record<string, string>;
}

/**
 * One org's stack with its own OAuth client. `suffix` keeps the object names of orgs that share
 * one emulator apart (one emulator is one Genesys org); "" gives the default names.
 */
export function orgStack(emu: Emulator, stack: string, suffix = ""): OrgStack {
  const clientId = `bench-${stack}`;
  const secret = randomBytes(12).toString("hex");
  emu.addClient(clientId, secret);
  const names: Record<string, string> = {};
  if (suffix) {
    names["cognigy:integrationName"] = `Web Services Data Actions Integration ${suffix}`;
    names["cognigy:dataActionName"] = `Send Event to Cognigy ${suffix}`;
    for (const event of HANDOVER_EVENTS) {
      names[`cognigy:workflowName${event.configSuffix}`] = `${event.defaultWorkflowName} ${suffix}`;
      names[`cognigy:triggerName${event.configSuffix}`] = `${event.defaultTriggerName} ${suffix}`;
    }
  }
  const config = {
    "genesyscloud:oauthClientId": clientId,
    [SECRET_KEY]: secret,
    "genesyscloud:apiUrl": emu.url,
    "cognigy:endpointDomain": ENDPOINT_BEFORE,
    ...names,
  };
  const engine = new LocalEngine({
    programPath: "stacks/index.ts",
    project: PROJECT,
    stack,
    projectDir: PROJECT_DIR,
    config,
    secretKeys: [SECRET_KEY],
    // The target comes from the stack config only, never from a developer's GENESYSCLOUD_* variables.
    env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GENESYSCLOUD_"))),
  });
  return { engine, clientId, config };
}

export interface PhaseResult {
  phase: PhaseName;
  /** From the engine call to its return: program and provider-host processes included. */
  wallMs: number;
  /** Requests of this client answered during the phase. */
  entries: LogEntry[];
  run: RunResult;
}

/** Runs one engine call and keeps the requests this client made meanwhile. */
export async function measure(emu: Emulator, stack: OrgStack, phase: PhaseName, call: () => Promise<RunResult>): Promise<PhaseResult> {
  const before = emu.log().entries.length;
  const started = Date.now();
  const run = await call();
  const wallMs = Date.now() - started;
  return { phase, wallMs, entries: clientEntries(emu.log().entries.slice(before), stack.clientId), run };
}

/** cold up, no-op up, preview, endpoint change, refresh, destroy: one after another. */
export async function lifecycle(emu: Emulator, stack: OrgStack): Promise<PhaseResult[]> {
  const { engine } = stack;
  const results: PhaseResult[] = [];
  results.push(await measure(emu, stack, "cold up", () => engine.up()));
  results.push(await measure(emu, stack, "no-op up", () => engine.up()));
  results.push(await measure(emu, stack, "preview", () => engine.preview()));
  engine.setConfig({ ...stack.config, "cognigy:endpointDomain": ENDPOINT_AFTER }, [SECRET_KEY]);
  results.push(await measure(emu, stack, "endpoint change", () => engine.up()));
  results.push(await measure(emu, stack, "refresh", () => engine.refresh()));
  results.push(await measure(emu, stack, "destroy", () => engine.destroy()));
  return results;
}
