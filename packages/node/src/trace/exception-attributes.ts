import type { Attributes, Exception } from '@opentelemetry/api';

/**
 * The attributes of an `exception` event for whatever an application passed to
 * recordException: a string is the message; an object gives exception.type (its `code`,
 * else its `name`), exception.message and exception.stacktrace. Returns undefined when
 * neither a type nor a message can be found (the specification's minimum).
 *
 * Reading properties of an arbitrary thrown value can itself throw (getters, proxies), so
 * that is caught here and treated as nothing found.
 */
export function exceptionAttributes(exception: Exception | unknown): Attributes | undefined {
  if (typeof exception === 'string') {
    return exception.length > 0 ? { 'exception.message': exception } : undefined;
  }
  if ((typeof exception !== 'object' && typeof exception !== 'function') || exception === null) return undefined;
  try {
    const source = exception as { code?: unknown; name?: unknown; message?: unknown; stack?: unknown };
    const attributes: Attributes = {};
    const code = source.code;
    const name = source.name;
    if ((typeof code === 'string' && code.length > 0) || typeof code === 'number') {
      attributes['exception.type'] = String(code);
    } else if (typeof name === 'string' && name.length > 0) {
      attributes['exception.type'] = name;
    }
    const message = source.message;
    if (typeof message === 'string' && message.length > 0) attributes['exception.message'] = message;
    const stack = source.stack;
    if (typeof stack === 'string' && stack.length > 0) attributes['exception.stacktrace'] = stack;
    if (attributes['exception.type'] === undefined && attributes['exception.message'] === undefined) return undefined;
    return attributes;
  } catch {
    return undefined;
  }
}
