// Which Node.js processes a measured run started and which of them loaded the Genesys SDK: the
// lines dev/bench/module-probe.js appends (one file per operation), read back here (pure but
// for the environment and the file).
import * as fs from "fs";
import * as path from "path";

export const PROBE_SCRIPT = path.join(__dirname, "module-probe.js");

/** A process's part in an operation: the program's host, a provider (plugin or dynamic-provider host), or another Node.js process (e.g. a launcher's `node -e`). */
export type ProcessRole = "program" | "provider" | "other";

export interface ProbedProcess {
  pid: number;
  script: string;
  role: ProcessRole;
  /** Whether it required purecloud-platform-client-v2. */
  sdk: boolean;
}

export function processRole(script: string): ProcessRole {
  if (script.endsWith("inline-host.js")) return "program";
  if (/[\\/]dynamic-provider([\\/]|$)|[\\/]provider-plugin[\\/]/.test(script)) return "provider";
  return "other";
}

/** The probe's lines as processes, in the order they started; a line that is not the probe's is an error naming it. */
export function readProbeLines(text: string): ProbedProcess[] {
  const processes = new Map<number, ProbedProcess>();
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    let parsed: { pid?: unknown; event?: unknown; script?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`module probe line is not JSON: ${line}`);
    }
    const { pid, event, script } = parsed;
    if (typeof pid !== "number" || (event !== "start" && event !== "sdk") || typeof script !== "string") throw new Error(`module probe line is not the probe's: ${line}`);
    const known = processes.get(pid) ?? { pid, script, role: processRole(script), sdk: false };
    if (event === "sdk") known.sdk = true;
    processes.set(pid, known);
  }
  return [...processes.values()];
}

/** Whether any process of the role loaded the SDK, and how many such processes ran. */
export function sdkLoads(processes: readonly ProbedProcess[], role: ProcessRole): { processes: number; loaded: number } {
  const ofRole = processes.filter((p) => p.role === role);
  return { processes: ofRole.length, loaded: ofRole.filter((p) => p.sdk).length };
}

/** The environment that preloads the probe into every Node.js process, writing to `file` (NODE_OPTIONS kept and extended). */
export function probeEnv(file: string, nodeOptions = ""): Record<string, string> {
  return { COGNIGY_BENCH_PROBE: file, NODE_OPTIONS: `${nodeOptions} --require ${JSON.stringify(PROBE_SCRIPT)}`.trim() };
}

/** The processes the probe recorded in `file` since it was last emptied, then empties it. */
export function takeProbe(file: string): ProbedProcess[] {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  fs.writeFileSync(file, "");
  return readProbeLines(text);
}
