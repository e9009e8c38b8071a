// Shared set-up for the verify tests: an emulator, the real stack program run by the real Pulumi
// CLI against it, and the stack config that points the providers at the emulator.
import * as path from "path";
import { afterAll } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { emulatorConfig, TestStack, testEnv } from "../support/stack";
import { parseArgs } from "../../tools/verify/args";
import type { CheckRow } from "../../tools/verify/rows";
import { runVerify } from "../../tools/verify/run";
import { verifySettings } from "../../tools/verify/settings";
import type { StackFile } from "../../tools/verify/stack-file";

export const PROJECT_DIR = path.join(__dirname, "..", "..");
/** `name` in Pulumi.yaml: the management marker the providers write names it. */
export const PROJECT = "cognigy";
export const SECRET_KEY = "genesyscloud:oauthClientSecret";

export function startOrg(): Promise<Emulator> {
  return startEmulator({ jobMs: 50 });
}

/** Retry bounds short enough that a verify test gives up within seconds. */
const SHORT_RETRIES = {
  "genesyscloud:retryMinWaitMs": "20",
  "genesyscloud:retryMaxWaitMs": "200",
  "genesyscloud:retryMaxTotalMs": "5000",
  "genesyscloud:visibilityTimeoutMs": "5000",
  "genesyscloud:jobTimeoutMs": "20000",
};

/** genesyscloud:* settings aimed at the emulator, with retry bounds short enough for tests. */
export function genesysConfig(emu: Emulator): Record<string, string> {
  return emulatorConfig(emu, SHORT_RETRIES);
}

/** The environment without GENESYSCLOUD_*: the stack must take its target from the stack config. */
export const cleanEnv = testEnv;

const opened: TestStack[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((stack) => stack.dispose()));
});

/** The real program (stacks/index.ts) on the real CLI, a new stack with its own state, against the emulator. */
export async function orgStack(emu: Emulator, stack: string, cognigy: Record<string, string>): Promise<TestStack> {
  const created = await TestStack.create({ stack, config: { ...genesysConfig(emu), ...cognigy }, secretKeys: [SECRET_KEY] });
  opened.push(created);
  return created;
}

/** A new stack's first `up`. */
export async function deployed(emu: Emulator, stack: string, cognigy: Record<string, string>): Promise<TestStack> {
  const created = await orgStack(emu, stack, cognigy);
  await created.up();
  return created;
}

/** verify in process, exactly as the command line builds its settings (stack file + flags + environment). */
export async function verifyRows(
  emu: Emulator,
  stack: string,
  cognigy: Record<string, string>,
  probe = false,
  /** Keys the stack file holds encrypted (not readable by verify). */
  secureKeys: readonly string[] = [],
  /** `--identity`: the stack's identity (its `stackIdentity` output). */
  identity?: string,
): Promise<CheckRow[]> {
  const file: StackFile = { path: `Pulumi.${stack}.yaml`, config: { ...genesysConfig(emu), ...cognigy }, secureKeys };
  const args = parseArgs(["--stack", stack, ...(probe ? ["--probe"] : []), ...(identity ? ["--identity", identity] : [])]);
  const { settings, plan, target } = verifySettings(file, args, {});
  return runVerify({ settings, plan, target, stack, project: PROJECT, identity: args.identity, probe, progress: () => undefined });
}

export function failedNames(rows: readonly CheckRow[]): string[] {
  return rows.filter((row) => !row.ok).map((row) => row.name);
}
