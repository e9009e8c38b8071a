// The before/after comparison of `npm run bench`: an earlier tree of the project (by default
// 11b863a, the last main of dynamic providers, extracted as the upgrade test does) and this
// checkout, each deploying one org's stack through the real CLI against its own emulator with the
// same latency and job time: cold up, `pulumi stack export`, preview, destroy. Every Node.js
// process of those operations carries the module probe (dev/bench/probe.ts), so whether a
// provider loaded the Genesys SDK is observed from outside, the same way for both trees.
import * as fs from "fs";
import * as path from "path";
import { extractTree } from "../pulumi/earlier-tree";
import { PROJECT_ROOT } from "../../tools/pulumi/cli";
import type { SideMeasures } from "./before-after-table";
import { probeEnv, sdkLoads, takeProbe } from "./probe";
import { providerStartMs } from "./provider-start";
import { countCalls, headAndTail, provisioningWindow, writeWindow } from "./requests";
import { BenchStackOptions, benchEnv, measure, orgStack, withEmulator } from "./run";

/** Launches of each provider executable for its start-up. */
const STARTS = 3;

export interface Side {
  label: string;
  projectDir: string;
  /** The executable the engine starts for the tree's Genesys objects. */
  providerExecutable: string;
}

/** A tree as a side: its provider plugin's launcher where it has one; otherwise Pulumi's dynamic-provider host beside the CLI. */
function sideOf(label: string, projectDir: string, options: BenchStackOptions): Side {
  const plugin = path.join(projectDir, "provider-plugin", "pulumi-resource-cognigy-genesys");
  if (fs.existsSync(plugin)) return { label: `${label} (provider plugin)`, projectDir, providerExecutable: plugin };
  const host = path.join(options.cli.root, "bin", "pulumi-resource-pulumi-nodejs");
  if (!fs.existsSync(host)) {
    throw new Error(`${label} uses dynamic providers, but Pulumi's dynamic-provider host is not beside the CLI (${host}); run the bench with the project's CLI build (npm run pulumi:build puts it there)`);
  }
  return { label: `${label} (dynamic providers)`, projectDir, providerExecutable: host };
}

type Progress = (text: string) => void;

async function measureSide(side: Side, options: BenchStackOptions, latencyMs: number, jobMs: number, progress: Progress): Promise<Omit<SideMeasures, "providerStartMs">> {
  return withEmulator(latencyMs, jobMs, async (emu) => {
    progress(`${side.label}: cold up, export, preview, destroy (${latencyMs} ms latency, ${jobMs} ms jobs)`);
    const probe = path.join(options.scratchDir, `probe-${path.basename(side.projectDir)}.jsonl`);
    const org = orgStack(emu, { ...options, env: probeEnv(probe, process.env.NODE_OPTIONS) }, "before-after", "", side.projectDir);
    takeProbe(probe);
    const coldUp = await measure(emu, org, "cold up", () => org.stack.up());
    const coldUpProcesses = takeProbe(probe);
    const stateBytes = Buffer.byteLength(JSON.stringify(await org.stack.exportState()));
    takeProbe(probe); // the export's
    const preview = await measure(emu, org, "preview", () => org.stack.preview());
    const previewProcesses = takeProbe(probe);
    await org.stack.destroy();
    const edges = headAndTail(coldUp.entries, coldUp.startedAt, coldUp.wallMs);
    return {
      label: side.label,
      coldUp: {
        wallMs: coldUp.wallMs,
        writeWindowMs: writeWindow(coldUp.entries)?.ms,
        provisioningWindowMs: provisioningWindow(coldUp.entries)?.ms,
        headMs: edges?.head,
        tailMs: edges?.tail,
        calls: countCalls(coldUp.entries),
        providerSdk: sdkLoads(coldUpProcesses, "provider"),
      },
      preview: { wallMs: preview.wallMs, calls: countCalls(preview.entries), providerSdk: sdkLoads(previewProcesses, "provider"), programSdk: sdkLoads(previewProcesses, "program") },
      stateBytes,
    };
  });
}

/** Both trees measured in this run, the earlier one first; each provider executable launched STARTS times, alternating. */
export async function beforeAndAfter(
  options: BenchStackOptions,
  beforeCommit: string,
  latencyMs: number,
  jobMs: number,
  progress: Progress,
): Promise<{ before: SideMeasures; after: SideMeasures }> {
  const earlier = extractTree(beforeCommit);
  try {
    const sides = [sideOf(`before: ${beforeCommit}`, earlier, options), sideOf("after: this checkout", PROJECT_ROOT, options)];
    const measured = [];
    for (const side of sides) measured.push(await measureSide(side, options, latencyMs, jobMs, progress));
    const starts: number[][] = sides.map(() => []);
    progress(`provider start-up: ${sides.map((s) => path.basename(s.providerExecutable)).join(" and ")}, ${STARTS} launches each`);
    for (let i = 0; i < STARTS; i++) {
      for (const [s, side] of sides.entries()) starts[s].push(await providerStartMs(side.providerExecutable, side.projectDir, benchEnv(process.env, false)));
    }
    return {
      before: { ...measured[0], providerStartMs: starts[0] },
      after: { ...measured[1], providerStartMs: starts[1] },
    };
  } finally {
    fs.rmSync(earlier, { recursive: true, force: true });
  }
}
