import type { SkeinSpanJson, TraceSummary } from '@skein/query';

/** Talks to a running Skein's own API over HTTP (the CLI never opens the store itself). */
export class SkeinApiClient {
  constructor(private readonly baseUrl: string) {}

  async searchTraces(params: URLSearchParams): Promise<TraceSummary[]> {
    const body = (await this.get(`/api/skein/traces?${params}`)) as { traces: TraceSummary[] };
    return body.traces;
  }

  async getTrace(traceId: string): Promise<{ summary: TraceSummary; spans: SkeinSpanJson[] }> {
    return (await this.get(`/api/skein/traces/${encodeURIComponent(traceId)}`)) as { summary: TraceSummary; spans: SkeinSpanJson[] };
  }

  private async get(path: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl));
    } catch (e) {
      throw new CliError(`cannot reach Skein at ${this.baseUrl}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}. Is it running? (set --server or SKEIN_SERVER)`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(`unexpected answer from ${this.baseUrl} (HTTP ${res.status}): ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      const err = (body as { error?: { code?: string; message?: string } }).error;
      throw new CliError(err ? `${err.code}: ${err.message}` : `HTTP ${res.status}`);
    }
    return body;
  }
}

/** An error meant for the terminal: printed without a stack, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}
