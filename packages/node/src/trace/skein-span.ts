import {
  diag,
  SpanStatusCode,
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type Link,
  type Span,
  type SpanAttributes,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
  type TimeInput,
} from '@opentelemetry/api';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from './finished-span.js';
import type { SpanLimits } from './span-limits.js';
import type { SpanProcessor } from './span-processor.js';
import { isTimeInput, nowUnixMs, timeInputToUnixMs } from './time.js';
import {
  EMPTY_ATTRIBUTES,
  hasAttribute,
  sanitizeBoundedAttributes,
  storeAttribute,
  toStoredAttributeValue,
} from './attribute-values.js';
import { exceptionAttributes } from './exception-attributes.js';
import { takeHandedOverAttributes } from './handed-over-attributes.js';

/*
 * Shared, frozen placeholders: most spans have no events, no links and never set a status,
 * so they allocate none of those. The first write replaces the placeholder.
 */
const NO_EVENTS: readonly FinishedSpanEvent[] = Object.freeze([]);
const NO_LINKS: readonly Link[] = Object.freeze([]);
const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });

const EXCEPTION_EVENT_NAME = 'exception';

/**
 * How many attributes `source` holds when it can be stored as it is: a plain object whose own
 * keys are all non-empty and whose values are all primitives within the length limit, no
 * more of them than the count limit. -1 when it cannot.
 */
function countIfStorableAsIs(source: Attributes, limits: SpanLimits): number {
  if (typeof source !== 'object' || source === null || Object.getPrototypeOf(source) !== Object.prototype) return -1;
  const lengthLimit = limits.attributeValueLengthLimit;
  let count = 0;
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key) || key.length === 0) return -1;
    const value = source[key];
    const type = typeof value;
    if (type === 'string' ? (value as string).length > lengthLimit : type !== 'number' && type !== 'boolean') return -1;
    count++;
  }
  return count <= limits.attributeCountLimit ? count : -1;
}

/** String(value), except that a value whose toString throws becomes '' (API calls must not throw). */
function coerceName(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

/**
 * The recording span. It is also the FinishedSpan processors and exporters read, so ending
 * a span copies nothing. Fields that exporters read are public; after end they must be
 * treated as read-only.
 *
 * Every method follows "API methods must not throw": bad input is dropped with a `diag`
 * message, and calls after end() are ignored (with one warning per span).
 */
export class SkeinSpan implements Span, FinishedSpan {
  // Fields are declared here and all assigned in the constructor, in one fixed order, so
  // every span has the same hidden class from birth (emitted class fields would first be
  // defined as undefined and then change representation on assignment).
  declare name: string;
  declare readonly kind: SpanKind;
  declare readonly parentSpanId: string | undefined;
  /** Whether the parent came from another process (OTLP span flags); undefined for a root. */
  declare readonly parentSpanIsRemote: boolean | undefined;
  declare readonly startTimeUnixMs: number;
  /** 0 until the span ends. */
  declare endTimeUnixMs: number;
  declare readonly attributes: Attributes;
  declare droppedAttributesCount: number;
  declare events: readonly FinishedSpanEvent[];
  declare droppedEventsCount: number;
  declare links: readonly Link[];
  declare droppedLinksCount: number;
  declare status: SpanStatus;
  declare readonly resource: SpanResource;
  declare readonly scope: InstrumentationScope;

  declare private readonly _spanContext: SpanContext;
  declare private readonly _limits: SpanLimits;
  /** The provider's processor list when this span started; it gets onEnd from the same ones. */
  declare private readonly _processors: readonly SpanProcessor[];
  declare private _attributeCount: number;
  declare private _ended: boolean;
  declare private _warnedAfterEnd: boolean;

  /**
   * Called by the tracer, which has already sampled. `startTimeUnixMs` is float epoch ms.
   * Initial attributes and links pass the same validation and limits as later ones; then
   * every processor's onStart runs.
   */
  constructor(
    scope: InstrumentationScope,
    resource: SpanResource,
    limits: SpanLimits,
    processors: readonly SpanProcessor[],
    spanContext: SpanContext,
    parentSpanId: string | undefined,
    parentSpanIsRemote: boolean | undefined,
    name: string,
    kind: SpanKind,
    startTimeUnixMs: number,
    attributes: Attributes | undefined,
    samplerAttributes: Attributes | undefined,
    links: readonly Link[] | undefined,
    parentContext: Context,
  ) {
    this.name = name;
    this.kind = kind;
    this.parentSpanId = parentSpanId;
    this.parentSpanIsRemote = parentSpanIsRemote;
    this.startTimeUnixMs = startTimeUnixMs;
    this.endTimeUnixMs = 0;
    // An instrumentation's own object is kept as it is when valid (see handed-over-attributes.ts).
    const adoptedCount = attributes !== undefined && takeHandedOverAttributes(attributes) ? countIfStorableAsIs(attributes, limits) : -1;
    this.attributes = adoptedCount >= 0 ? attributes! : {};
    this.droppedAttributesCount = 0;
    this.events = NO_EVENTS;
    this.droppedEventsCount = 0;
    this.links = NO_LINKS;
    this.droppedLinksCount = 0;
    this.status = UNSET_STATUS;
    this.resource = resource;
    this.scope = scope;
    this._spanContext = spanContext;
    this._limits = limits;
    this._processors = processors;
    this._attributeCount = adoptedCount >= 0 ? adoptedCount : 0;
    this._ended = false;
    this._warnedAfterEnd = false;
    if (attributes !== undefined && adoptedCount < 0) this.copyStartAttributes(attributes);
    if (samplerAttributes !== undefined) this.setAttributes(samplerAttributes);
    if (links !== undefined) this.addLinks(links as Link[]);
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i]!.onStart(this, parentContext);
      } catch (err) {
        diag.error('Skein: a span processor threw in onStart', err);
      }
    }
  }

  spanContext(): SpanContext {
    return this._spanContext;
  }

  isRecording(): boolean {
    return !this._ended;
  }

  setAttribute(key: string, value: SpanAttributes[string]): this {
    if (this._ended) return this.ignoredAfterEnd('setAttribute');
    if (value === undefined || value === null) return this;
    if (typeof key !== 'string' || key.length === 0) {
      diag.warn(`Skein: invalid attribute key (${typeof key}) ignored`);
      return this;
    }
    this.storeValidated(key, value);
    return this;
  }

  setAttributes(attributes: SpanAttributes): this {
    if (this._ended) return this.ignoredAfterEnd('setAttributes');
    if (typeof attributes !== 'object' || attributes === null) return this;
    for (const key in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
      const value = attributes[key];
      if (value === undefined || value === null) continue;
      if (key.length === 0) {
        diag.warn('Skein: empty attribute key ignored');
        continue;
      }
      this.storeValidated(key, value);
    }
    return this;
  }

  /**
   * The start attributes go into an empty map and an object's own keys are distinct, so no
   * key can already be present: this skips the existing-key check of setAttribute.
   */
  private copyStartAttributes(source: Attributes): void {
    if (typeof source !== 'object' || source === null) return;
    const limits = this._limits;
    const attributes = this.attributes;
    let count = 0;
    for (const key in source) {
      if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
      const value = source[key];
      if (value === undefined || value === null) continue;
      const stored = key.length === 0 ? undefined : toStoredAttributeValue(value, limits.attributeValueLengthLimit);
      if (stored === undefined) {
        diag.warn(`Skein: invalid attribute ${JSON.stringify(key)} ignored (want a primitive or a homogeneous array)`);
        continue;
      }
      if (count >= limits.attributeCountLimit) {
        this.droppedAttributesCount++;
        continue;
      }
      storeAttribute(attributes, key, stored);
      count++;
    }
    this._attributeCount = count;
  }

  private storeValidated(key: string, value: unknown): void {
    const limits = this._limits;
    const stored = toStoredAttributeValue(value, limits.attributeValueLengthLimit);
    if (stored === undefined) {
      diag.warn(`Skein: invalid value for attribute ${key} ignored (want a primitive or a homogeneous array)`);
      return;
    }
    const attributes = this.attributes;
    if (!hasAttribute(attributes, key)) {
      // Updating an existing key is always allowed; only new keys count against the limit.
      if (this._attributeCount >= limits.attributeCountLimit) {
        this.droppedAttributesCount++;
        return;
      }
      this._attributeCount++;
    }
    storeAttribute(attributes, key, stored as AttributeValue);
  }

  addEvent(name: string, attributesOrTime?: SpanAttributes | TimeInput, time?: TimeInput): this {
    if (this._ended) return this.ignoredAfterEnd('addEvent');
    let attributes: unknown = attributesOrTime;
    if (isTimeInput(attributesOrTime)) {
      // addEvent(name, time): the second argument is the time unless a third one was given.
      if (time === undefined) time = attributesOrTime;
      attributes = undefined;
    }
    const limits = this._limits;
    if (limits.eventCountLimit === 0) {
      this.droppedEventsCount++;
      return this;
    }
    const sanitized = sanitizeBoundedAttributes(
      attributes,
      limits.attributePerEventCountLimit,
      limits.attributeValueLengthLimit,
    );
    const event: FinishedSpanEvent = {
      name: typeof name === 'string' ? name : coerceName(name),
      timeUnixMs: time === undefined ? nowUnixMs() : timeInputToUnixMs(time),
      attributes: sanitized.attributes,
      droppedAttributesCount: sanitized.dropped,
    };
    if (this.events === NO_EVENTS) {
      this.events = [event];
      return this;
    }
    const events = this.events as FinishedSpanEvent[];
    if (events.length >= limits.eventCountLimit) {
      // Like the other OpenTelemetry SDKs (JS, Go, Python): the oldest event makes room.
      events.shift();
      this.droppedEventsCount++;
    }
    events.push(event);
    return this;
  }

  addLink(link: Link): this {
    if (this._ended) return this.ignoredAfterEnd('addLink');
    if (typeof link !== 'object' || link === null || typeof link.context !== 'object' || link.context === null) {
      diag.warn('Skein: invalid link ignored (want { context, attributes? })');
      return this;
    }
    const limits = this._limits;
    if (limits.linkCountLimit === 0) {
      this.droppedLinksCount++;
      return this;
    }
    const sanitized = sanitizeBoundedAttributes(
      link.attributes,
      limits.attributePerLinkCountLimit,
      limits.attributeValueLengthLimit,
    );
    const stored: Link = {
      context: link.context,
      attributes: sanitized.attributes,
      droppedAttributesCount: sanitized.dropped,
    };
    if (this.links === NO_LINKS) {
      this.links = [stored];
      return this;
    }
    const links = this.links as Link[];
    if (links.length >= limits.linkCountLimit) {
      links.shift();
      this.droppedLinksCount++;
    }
    links.push(stored);
    return this;
  }

  addLinks(links: Link[]): this {
    if (this._ended) return this.ignoredAfterEnd('addLinks');
    if (!Array.isArray(links)) return this;
    for (let i = 0; i < links.length; i++) this.addLink(links[i]!);
    return this;
  }

  /**
   * Status rules from the specification: UNSET is ignored, OK is final, a message is kept
   * only with ERROR (and only if it is a string).
   */
  setStatus(status: SpanStatus): this {
    if (this._ended) return this.ignoredAfterEnd('setStatus');
    if (typeof status !== 'object' || status === null) return this;
    const code = status.code;
    if (code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    if (code === SpanStatusCode.OK) {
      this.status = { code };
    } else if (code === SpanStatusCode.ERROR) {
      const message = status.message;
      if (typeof message === 'string') {
        this.status = { code, message };
      } else {
        if (message !== undefined && message !== null) diag.warn(`Skein: non-string status message of type ${typeof message} dropped`);
        this.status = { code };
      }
    } else {
      diag.warn(`Skein: invalid status code (${typeof code === 'number' ? code : typeof code}) ignored`);
    }
    return this;
  }

  updateName(name: string): this {
    if (this._ended) return this.ignoredAfterEnd('updateName');
    if (typeof name !== 'string') {
      diag.warn(`Skein: non-string span name (${typeof name}) ignored`);
      return this;
    }
    this.name = name;
    return this;
  }

  /** Records an `exception` event (exception.type, exception.message, exception.stacktrace). */
  recordException(exception: Exception, time?: TimeInput): void {
    if (this._ended) {
      this.ignoredAfterEnd('recordException');
      return;
    }
    const attributes = exceptionAttributes(exception);
    if (attributes === undefined) {
      diag.warn(`Skein: recordException got nothing usable (${typeof exception})`);
      return;
    }
    this.addEvent(EXCEPTION_EVENT_NAME, attributes, time);
  }

  /**
   * Ends the span once and hands it to every processor. An end time before the start is
   * clamped to the start, so durations are never negative.
   */
  end(endTime?: TimeInput): void {
    if (this._ended) {
      diag.warn(`Skein: span "${this.name}" (${this._spanContext.spanId}) ended twice; the second end() is ignored`);
      return;
    }
    let end = endTime === undefined ? nowUnixMs() : timeInputToUnixMs(endTime);
    if (end < this.startTimeUnixMs) {
      diag.warn(`Skein: span "${this.name}" ends before it starts; its end time is set to its start time`);
      end = this.startTimeUnixMs;
    }
    this.endTimeUnixMs = end;
    this._ended = true;
    const processors = this._processors;
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i]!.onEnd(this);
      } catch (err) {
        diag.error('Skein: a span processor threw in onEnd', err);
      }
    }
  }

  private ignoredAfterEnd(method: string): this {
    if (!this._warnedAfterEnd) {
      this._warnedAfterEnd = true;
      diag.warn(`Skein: ${method}() on ended span "${this.name}" (${this._spanContext.spanId}) ignored`);
    }
    return this;
  }
}
