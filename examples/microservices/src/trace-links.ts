import { LOAD_GENERATOR_SERVICE, type SentRequest } from './load-generator-span.js';
import { pollFor, servicesInTrace } from './wait-for.js';

/** How long a trace may take to be complete in Skein: the services export every 500 ms. */
const TRACE_WAIT_MS = 15_000;

export const traceLink = (uiUrl: string, traceId: string): string => `${uiUrl}/trace/${traceId}`;

/**
 * Prints a link to the first successful request's trace and to the first failed one, each only
 * once Skein has it (every expected service in it), so the link works when the reader clicks.
 */
export class TraceLinks {
  private sampleShown = false;
  private failureShown = false;
  private readonly pending: Array<Promise<void>> = [];
  private readonly cancelled = new AbortController();

  constructor(
    private readonly uiUrl: string,
    /** The services a complete trace has spans from. */
    private readonly expectedServices: readonly string[],
    private readonly out: (text: string) => void,
  ) {}

  /** Whether a sample trace link has been (or is about to be) printed. */
  get hasSample(): boolean {
    return this.sampleShown;
  }

  onResult(r: SentRequest): void {
    if (!this.sampleShown && r.status === 200) {
      this.sampleShown = true;
      this.printWhenStored('Sample trace', r.traceId, this.expectedServices);
    } else if (!this.failureShown && r.status !== undefined && r.status >= 500) {
      this.failureShown = true;
      this.printWhenStored(`A request that failed (HTTP ${r.status})`, r.traceId, [LOAD_GENERATOR_SERVICE, 'api-01']);
    }
  }

  /** Resolves once every link has been printed (or given up on). */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  /** Stops waiting for traces (the demo is stopping); nothing more is printed. */
  async cancel(): Promise<void> {
    this.cancelled.abort();
    await this.settled();
  }

  private printWhenStored(label: string, traceId: string, services: readonly string[]): void {
    const signal = this.cancelled.signal;
    const complete = pollFor(
      async () => {
        const found = await servicesInTrace(this.uiUrl, traceId);
        return found && services.every((s) => found.has(s)) ? true : undefined;
      },
      TRACE_WAIT_MS,
      250,
      signal,
    );
    this.pending.push(
      complete.then((ok) => {
        if (ok) this.out(`${label}: ${traceLink(this.uiUrl, traceId)}`);
        else if (!signal.aborted) this.out(`${label} (not complete in Skein after ${TRACE_WAIT_MS / 1000} s: are the services exporting? try --verbose): ${traceLink(this.uiUrl, traceId)}`);
      }),
    );
  }
}
