// Benchmark support only: a TracerProvider that does the least a real one must — a valid,
// sampled span context per span, attributes kept by reference, `end()` counted — so the
// hello-world benchmark measures the instrumentation, not a particular SDK.
import { trace, TraceFlags } from '@opentelemetry/api';
import type {
  Attributes,
  AttributeValue,
  Context,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanOptions,
  SpanStatus,
  TimeInput,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';

let counter = 0;
const TRACE_ID_PREFIX = '5eed0000000000000000';

function nextHex(width: number): string {
  counter = (counter + 1) >>> 0;
  return counter.toString(16).padStart(width, '0');
}

class NoopSpan implements Span {
  constructor(
    private readonly context: SpanContext,
    public attributes: Attributes,
    private readonly sink: { ended: number },
  ) {}
  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(_link: Link): this {
    return this;
  }
  addLinks(_links: Link[]): this {
    return this;
  }
  setStatus(_status: SpanStatus): this {
    return this;
  }
  updateName(_name: string): this {
    return this;
  }
  end(_endTime?: TimeInput): void {
    this.sink.ended++;
  }
  isRecording(): boolean {
    return true;
  }
  recordException(_exception: Exception, _time?: TimeInput): void {}
}

class NoopTracer implements Tracer {
  constructor(private readonly sink: { ended: number }) {}
  startSpan(_name: string, options?: SpanOptions, context?: Context): Span {
    const parent = context === undefined ? undefined : trace.getSpanContext(context);
    const traceId = parent?.traceId ?? TRACE_ID_PREFIX + nextHex(12);
    const spanContext: SpanContext = { traceId, spanId: nextHex(16), traceFlags: TraceFlags.SAMPLED };
    return new NoopSpan(spanContext, options?.attributes ?? {}, this.sink);
  }
  startActiveSpan(): never {
    throw new Error('not used by the benchmark');
  }
}

export class NoopTracerProvider implements TracerProvider {
  readonly sink = { ended: 0 };
  private readonly tracer = new NoopTracer(this.sink);
  getTracer(): Tracer {
    return this.tracer;
  }
}
