/**
 * The UI phase of `npm run bench` on its own: `node packages/bench/dist/ui/run-ui-bench.js
 * [spans...]` (default 1000 10000 100000). Prints the table; writes nothing.
 */
import { parseCount } from '../bench-options.js';
import { runUiPhase, UI_TRACE_SIZES } from './ui-bench-phase.js';
import { uiTable } from './ui-bench-results.js';

const sizes = process.argv.length > 2 ? process.argv.slice(2).map((a) => parseCount(a, 'spans')) : UI_TRACE_SIZES;
runUiPhase(console.log, sizes).then(
  (results) => {
    if (results.status === 'skipped') console.log(`\n!!! UI BENCHMARK SKIPPED: ${results.reason} !!!`);
    console.log(uiTable(results));
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
