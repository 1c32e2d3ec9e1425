/**
 * The SDK phase of `npm run bench` on its own: `node packages/bench/dist/sdk/run-sdk-bench.js
 * [options]` (--help lists them). Prints the tables; writes nothing.
 */
import { describeMachine, machineLine } from '../measure/machine.js';
import { parseSdkBenchOptions, SDK_BENCH_HELP } from './parse-sdk-bench-args.js';
import { runSdkPhase } from './sdk-bench-phase.js';
import { sdkTables } from './sdk-bench-results.js';

async function main(): Promise<void> {
  const options = parseSdkBenchOptions(process.argv.slice(2));
  if (options === 'help') return console.log(SDK_BENCH_HELP);
  console.log(`Skein SDK benchmark, ${new Date().toISOString()}`);
  console.log(`Machine: ${machineLine(describeMachine())}`);
  const results = await runSdkPhase(options);
  console.log(`\n${sdkTables(results)}`);
  if (results.status === 'measured') console.log(`\nSDK phase: ${results.seconds.toFixed(0)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
