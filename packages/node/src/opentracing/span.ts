import { diag, type Attributes, type Span as OtelSpan } from '@opentelemetry/api';
import { Span, type Tracer } from 'opentracing';
import { logFieldsToEvent } from './log-fields.js';
import { SPAN_KIND_TAG, ERROR_TAG, statusFromErrorTag } from './special-tags.js';
import type { SkeinOpenTracingSpanContext } from './span-context.js';
import { addConvertedFields, setConverted, toAttributeValue, toTimeInput } from './tag-values.js';

/**
 * An OpenTracing Span backed by an OpenTelemetry span: tags become attributes, logs become
 * events, `finish` ends it. Like every API method, none of these throw on bad input.
 */
export class SkeinOpenTracingSpan extends Span {
  /** @internal */
  readonly otelSpan: OtelSpan;
  #context: SkeinOpenTracingSpanContext;
  readonly #tracer: Tracer;

  constructor(tracer: Tracer, otelSpan: OtelSpan, spanContext: SkeinOpenTracingSpanContext) {
    super();
    this.#tracer = tracer;
    this.otelSpan = otelSpan;
    this.#context = spanContext;
  }

  override context(): SkeinOpenTracingSpanContext {
    return this.#context;
  }

  override tracer(): Tracer {
    return this.#tracer;
  }

  override setOperationName(name: string): this {
    this.otelSpan.updateName(String(toAttributeValue(name) ?? ''));
    return this;
  }

  /** Baggage travels to child spans and, through `inject`, to other processes. */
  override setBaggageItem(key: string, value: string): this {
    const stringValue = toAttributeValue(value);
    if (typeof key !== 'string' || stringValue === undefined) {
      diag.debug('@skein/node opentracing: setBaggageItem needs a string key and a value');
      return this;
    }
    this.#context = this.#context.withBaggageItem(key, String(stringValue));
    return this;
  }

  override getBaggageItem(key: string): string | undefined {
    return typeof key === 'string' ? this.#context.baggage.getEntry(key)?.value : undefined;
  }

  override setTag(key: string, value: unknown): this {
    this.#setTag(String(key), value);
    return this;
  }

  override addTags(keyValueMap: { [key: string]: unknown }): this {
    if (typeof keyValueMap !== 'object' || keyValueMap === null) return this;
    for (const key of Object.keys(keyValueMap)) this.#setTag(key, keyValueMap[key]);
    return this;
  }

  override log(keyValuePairs: { [key: string]: unknown }, timestamp?: number): this {
    if (typeof keyValuePairs !== 'object' || keyValuePairs === null) return this;
    const event = logFieldsToEvent(keyValuePairs);
    this.otelSpan.addEvent(event.name, event.attributes, toTimeInput(timestamp));
    return this;
  }

  /** The deprecated OpenTracing 0.x form: an event name and one payload (fields when an object). */
  override logEvent(eventName: string, payload: unknown): void {
    const fields: Attributes = {};
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) addConvertedFields(fields, payload, undefined);
    else setConverted(fields, 'payload', payload);
    this.otelSpan.addEvent(String(toAttributeValue(eventName) ?? 'log'), fields);
  }

  override finish(finishTime?: number): void {
    this.otelSpan.end(toTimeInput(finishTime));
  }

  #setTag(key: string, value: unknown): void {
    if (key === ERROR_TAG) {
      const status = statusFromErrorTag(value);
      if (status !== undefined) {
        this.otelSpan.setStatus(status);
        return;
      }
    } else if (key === SPAN_KIND_TAG) {
      // The OpenTelemetry kind is fixed at start; pass `span.kind` in startSpan's tags to set it.
      diag.debug('@skein/node opentracing: span.kind set after start is kept as an attribute, not the span kind');
    }
    const attributeValue = toAttributeValue(value);
    if (attributeValue !== undefined) this.otelSpan.setAttribute(key, attributeValue);
  }
}
