import { isSpanContextValid, trace, TraceFlags } from '@opentelemetry/api';
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { AlwaysOnSampler } from './always-on-sampler.js';
import { AlwaysOffSampler } from './always-off-sampler.js';
import { stopSampler } from './stop-sampler.js';

/** The spec's five delegate slots; all but `root` default as the spec says. */
export interface ParentBasedSamplerOptions {
  readonly root: Sampler;
  /** Default: AlwaysOn. */
  readonly remoteParentSampled?: Sampler;
  /** Default: AlwaysOff. */
  readonly remoteParentNotSampled?: Sampler;
  /** Default: AlwaysOn. */
  readonly localParentSampled?: Sampler;
  /** Default: AlwaysOff. */
  readonly localParentNotSampled?: Sampler;
}

/**
 * Follows the parent's decision: a root span asks `root`; a child asks the delegate for its
 * parent's kind (remote or local) and sampled flag, so a trace is kept or dropped as a whole.
 */
export class ParentBasedSampler implements Sampler {
  private readonly root: Sampler;
  private readonly remoteParentSampled: Sampler;
  private readonly remoteParentNotSampled: Sampler;
  private readonly localParentSampled: Sampler;
  private readonly localParentNotSampled: Sampler;

  constructor(options: ParentBasedSamplerOptions) {
    this.root = options.root;
    this.remoteParentSampled = options.remoteParentSampled ?? new AlwaysOnSampler();
    this.remoteParentNotSampled = options.remoteParentNotSampled ?? new AlwaysOffSampler();
    this.localParentSampled = options.localParentSampled ?? new AlwaysOnSampler();
    this.localParentNotSampled = options.localParentNotSampled ?? new AlwaysOffSampler();
  }

  shouldSample(
    parentContext: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: readonly Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(parentContext);
    let delegate: Sampler;
    if (parent === undefined || !isSpanContextValid(parent)) delegate = this.root;
    else if ((parent.traceFlags & TraceFlags.SAMPLED) !== 0) delegate = parent.isRemote === true ? this.remoteParentSampled : this.localParentSampled;
    else delegate = parent.isRemote === true ? this.remoteParentNotSampled : this.localParentNotSampled;
    return delegate.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  /** Stops delegates that own resources (a remote sampler as root, typically). */
  shutdown(): void {
    stopSampler(this.root);
    stopSampler(this.remoteParentSampled);
    stopSampler(this.remoteParentNotSampled);
    stopSampler(this.localParentSampled);
    stopSampler(this.localParentNotSampled);
  }

  toString(): string {
    return (
      `ParentBased{root=${this.root.toString()}, remoteParentSampled=${this.remoteParentSampled.toString()}, ` +
      `remoteParentNotSampled=${this.remoteParentNotSampled.toString()}, localParentSampled=${this.localParentSampled.toString()}, ` +
      `localParentNotSampled=${this.localParentNotSampled.toString()}}`
    );
  }
}
