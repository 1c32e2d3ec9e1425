import type { Exception, Link, Span, SpanAttributes, SpanAttributeValue, SpanContext, SpanStatus, TimeInput } from '@opentelemetry/api';

/**
 * The span handed out for sampled-out work: it only carries its SpanContext (so the trace
 * id and trace state still propagate downstream) and ignores everything else. It stores
 * nothing, so dropping a span costs one small object.
 */
export class NonRecordingSpan implements Span {
  constructor(private readonly _spanContext: SpanContext) {}

  spanContext(): SpanContext {
    return this._spanContext;
  }

  setAttribute(_key: string, _value: SpanAttributeValue): this {
    return this;
  }

  setAttributes(_attributes: SpanAttributes): this {
    return this;
  }

  addEvent(_name: string, _attributesOrTime?: SpanAttributes | TimeInput, _time?: TimeInput): this {
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

  end(_endTime?: TimeInput): void {}

  isRecording(): boolean {
    return false;
  }

  recordException(_exception: Exception, _time?: TimeInput): void {}
}
