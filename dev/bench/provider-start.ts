// A provider process's start-up, as the engine meets it: from launching its executable to the
// gRPC port it prints on stdout (the engine connects once it reads that line). Launched on its
// own, with an engine address nobody serves: neither provider server contacts the engine before
// a call (`main()` of @pulumi/pulumi/provider/server.js, cmd/dynamic-provider), and no call is made.
import { spawn } from "child_process";
import { killTree } from "../pulumi/process-tree";

/** The port of the first complete stdout line that is one, as the engine reads it; undefined before. */
export function portLine(stdout: string): number | undefined {
  for (const line of stdout.split("\n").slice(0, -1)) {
    if (/^\d{1,5}$/.test(line.trim())) return Number(line.trim());
  }
  return undefined;
}

/** Launch → port printed (ms) of the executable run in `cwd`; fails naming the executable and what it printed when it ends first. */
export async function providerStartMs(executable: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now();
  const child = spawn(executable, ["127.0.0.1:1"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    return await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (portLine(stdout) !== undefined) resolve(Date.now() - started);
      });
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`${executable} ended (code ${code}) before printing its port:\n${stdout}${stderr}`)));
    });
  } finally {
    if (child.exitCode === null && child.pid !== undefined) await killTree(child.pid);
  }
}
