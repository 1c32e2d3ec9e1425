import { bool, int, str, type AnyValue, type Attribute, type SpanEvent } from '@skein/model';
import { asObject, childPath, invalid, keepUnmapped, optionalArray, optionalBoolean, optionalInteger, optionalString, optionalStringList, type JsonObject } from './xray-json-fields.js';
import { EXCEPTION_EVENT, SEMCONV, XRAY_KEYS } from './xray-keys.js';

export interface CauseFacts {
  readonly events: SpanEvent[];
  /** Set when the cause is only a reference to an exception recorded elsewhere (a 16-hex id). */
  readonly exceptionId?: string;
}

const CAUSE_FIELDS: ReadonlySet<string> = new Set(['exceptions', 'working_directory', 'paths']);
const EXCEPTION_FIELDS: ReadonlySet<string> = new Set(['id', 'message', 'type', 'remote', 'truncated', 'skipped', 'cause', 'stack']);

/**
 * `cause` → exception events, after the collector's addCause (receiver/awsxrayreceiver/
 * internal/translator/cause.go): one "exception" event per entry of `exceptions`, with
 * exception.type, exception.message, exception.stacktrace (the collector's text form of the
 * frames) and `aws.xray.exception.*` for id, remote, truncated, skipped, cause. A cause that is
 * just an exception id (the exception is in another subsegment) is returned as such: the
 * collector makes it the status message; Skein also keeps it as `aws.xray.cause.id`.
 * working_directory and paths, which the collector drops, are kept as `aws.xray.cause.*`.
 *
 * X-Ray exceptions carry no time; the events are stamped with `eventTime` (the span's end,
 * when exceptions end the work) rather than the collector's 0, which every UI would show as 1970.
 */
export function mapCause(cause: unknown, path: string, eventTime: bigint, attrs: Map<string, AnyValue>): CauseFacts | undefined {
  if (cause === undefined || cause === null) return undefined;
  const p = childPath(path, 'cause');
  if (typeof cause === 'string') {
    attrs.set(XRAY_KEYS.causeId, str(cause));
    return { events: [], exceptionId: cause };
  }
  const o = asObject(cause, p);
  const workingDirectory = optionalString(o, 'working_directory', p);
  if (workingDirectory !== undefined) attrs.set(`${XRAY_KEYS.causePrefix}working_directory`, str(workingDirectory));
  const paths = optionalStringList(o, 'paths', p);
  if (paths !== undefined) attrs.set(`${XRAY_KEYS.causePrefix}paths`, { type: 'array', value: paths.map((x) => str(x)) });
  keepUnmapped(o, CAUSE_FIELDS, XRAY_KEYS.causePrefix, attrs);

  const exceptions = optionalArray(o, 'exceptions', p) ?? [];
  const events = exceptions.map((e, i): SpanEvent => ({
    timeUnixNano: eventTime,
    name: EXCEPTION_EVENT,
    attributes: exceptionAttributes(asObject(e, `${p}.exceptions[${i}]`), `${p}.exceptions[${i}]`),
    droppedAttributesCount: 0,
  }));
  return { events };
}

function exceptionAttributes(e: JsonObject, path: string): Attribute[] {
  const attrs = new Map<string, AnyValue>();
  const id = optionalString(e, 'id', path);
  if (id !== undefined) attrs.set(XRAY_KEYS.exceptionId, str(id));
  const message = optionalString(e, 'message', path);
  if (message !== undefined) attrs.set(SEMCONV.exceptionMessage, str(message));
  const type = optionalString(e, 'type', path);
  if (type !== undefined) attrs.set(SEMCONV.exceptionType, str(type));
  const remote = optionalBoolean(e, 'remote', path);
  if (remote !== undefined) attrs.set(XRAY_KEYS.exceptionRemote, bool(remote));
  const truncated = optionalInteger(e, 'truncated', path);
  if (truncated !== undefined) attrs.set(XRAY_KEYS.exceptionTruncated, int(truncated));
  const skipped = optionalInteger(e, 'skipped', path);
  if (skipped !== undefined) attrs.set(XRAY_KEYS.exceptionSkipped, int(skipped));
  const cause = optionalString(e, 'cause', path);
  if (cause !== undefined) attrs.set(XRAY_KEYS.exceptionCause, str(cause));
  const stack = optionalArray(e, 'stack', path);
  if (stack && stack.length > 0) attrs.set(SEMCONV.exceptionStacktrace, str(stackTraceText(type ?? '', message ?? '', stack, `${path}.stack`)));
  keepUnmapped(e, EXCEPTION_FIELDS, XRAY_KEYS.exceptionPrefix, attrs);
  const out: Attribute[] = [];
  for (const [key, value] of attrs) out.push({ key, value });
  return out;
}

/**
 * The collector's convertStackFramesToStackTraceStr: "Type: Message\n" then one
 * "\tat label(path: line)\n" per frame, "<unknown>" for a frame without a line.
 */
function stackTraceText(type: string, message: string, stack: readonly unknown[], path: string): string {
  let text = `${type}: ${message}\n`;
  stack.forEach((f, i) => {
    const frame = asObject(f, `${path}[${i}]`);
    const label = optionalString(frame, 'label', `${path}[${i}]`) ?? '';
    const file = optionalString(frame, 'path', `${path}[${i}]`) ?? '';
    const line = Object.hasOwn(frame, 'line') ? frame.line : undefined;
    if (line !== undefined && line !== null && typeof line !== 'number') throw invalid(`${path}[${i}].line`, 'expected a number');
    text += `\tat ${label}(${file}: ${line === undefined || line === null ? UNKNOWN_LINE : String(line)})\n`;
  });
  return text;
}

export const UNKNOWN_LINE = '<unknown>';
