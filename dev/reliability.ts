// npm run reliability -- --lifecycles 200 [--seed N] [--rate 0.2] [--concurrency K] [--crash-every N] [--stop-after-minutes M] [--replay SEED]
import { ensurePulumiCli } from "./pulumi/build";
import { formatSummary, parseArgs } from "./reliability/report";
import { runSuite } from "./reliability/suite";

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), Math.floor(Math.random() * 2 ** 31));
  process.stderr.write(`reliability: ${options.lifecycles} lifecycle(s), seed ${options.seed}, fault rate ${options.rate}, ${options.concurrency} org(s) side by side, the CLI killed in one lifecycle of every ${options.crashEvery}\n`);
  const cli = await ensurePulumiCli((line) => process.stderr.write(`${line}\n`));
  let done = 0;
  const started = Date.now();
  const result = await runSuite({
    ...options,
    cli,
    onLifecycle: (r) => {
      done++;
      if (r.failure) process.stderr.write(`lifecycle ${r.index} FAILED at ${r.failure.step} (seed ${r.seed}): ${r.failure.message}\n`);
      process.stderr.write(`  ${done}/${options.lifecycles} done (${((Date.now() - started) / 60_000).toFixed(1)} min)${r.crash ? `, CLI killed at ${r.crash}` : ""}${r.crashNotFired ? `, CLI kill armed at ${r.crashNotFired} not fired` : ""}\n`);
    },
  });
  console.log(formatSummary(result));
  process.exitCode = result.failures.length + result.duplicates + result.residue > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
