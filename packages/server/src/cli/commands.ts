import { parseArgs } from 'node:util';
import { SkeinApiClient, CliError } from './api-client.js';
import { renderTracesTable } from './traces-table.js';
import { renderWaterfall } from './waterfall.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly columns: number;
  readonly color: boolean;
}

const serverOf = (flag: string | undefined, env: CliIo['env']): string => flag ?? env.SKEIN_SERVER ?? 'http://127.0.0.1:16686';

export const TRACES_HELP = `Usage: skein traces [options]
Search traces on a running Skein and print them as a table (newest first).
  --service NAME        spans of this service
  --operation NAME      spans with this name
  --kind KIND           server, client, producer, consumer, internal
  --tag K=V             attribute condition; repeatable (K=V, K!=V, K>N, K>=N, K<N, K<=N, K~REGEX, K, !K)
  --error               only traces with an error span matching the other conditions
  --min-duration D      e.g. 1s, 250ms      --max-duration D
  --lookback D          e.g. 1h, 2d (default: all stored time)
  --start T / --end T   ISO 8601 or Unix nanoseconds
  --limit N             default 20
  --sort ORDER          newest (default), oldest, duration, shortest
  --json                print the result as JSON
  --server URL          Skein query address (default $SKEIN_SERVER or http://127.0.0.1:16686)`;

export async function tracesCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      service: { type: 'string' }, operation: { type: 'string' }, kind: { type: 'string' }, tag: { type: 'string', multiple: true },
      error: { type: 'boolean' }, 'min-duration': { type: 'string' }, 'max-duration': { type: 'string' }, lookback: { type: 'string' },
      start: { type: 'string' }, end: { type: 'string' }, limit: { type: 'string' }, sort: { type: 'string' }, json: { type: 'boolean' },
      server: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return io.out(TRACES_HELP);
  const p = new URLSearchParams();
  const set = (k: string, v: string | undefined) => v !== undefined && p.set(k, v);
  set('service', values.service); set('operation', values.operation); set('kind', values.kind);
  set('minDuration', values['min-duration']); set('maxDuration', values['max-duration']); set('lookback', values.lookback);
  set('start', values.start); set('end', values.end); set('limit', values.limit); set('sort', values.sort);
  if (values.error) p.set('status', 'error');
  for (const t of values.tag ?? []) p.append('attr', t);
  const traces = await new SkeinApiClient(serverOf(values.server, io.env)).searchTraces(p);
  io.out(values.json ? JSON.stringify(traces, null, 2) : renderTracesTable(traces));
}

export const TRACE_HELP = `Usage: skein trace <trace-id> [--json] [--server URL]
Print one trace as an indented waterfall (errors marked ✗), or as JSON with --json.`;

export async function traceCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) return io.out(TRACE_HELP);
  if (positionals.length !== 1) throw new CliError(`expected one trace id\n${TRACE_HELP}`);
  const trace = await new SkeinApiClient(serverOf(values.server, io.env)).getTrace(positionals[0]!);
  io.out(values.json ? JSON.stringify(trace, null, 2) : renderWaterfall(trace.summary, trace.spans, { width: io.columns, color: io.color }));
}
