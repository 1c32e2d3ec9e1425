import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';

// Optional capture of an incoming request body, without changing how the application reads it.
//
// The trap: `readable.on('data', fn)` is not a plain subscription — Readable#on switches a
// paused stream into flowing mode, so a capture listener added at request start would pour
// the body out before the application's reader exists. Wrapping `req.push`/`read` would be
// patching. Instead our listener is added with EventEmitter's own `on` (bypassing Readable's
// override), which subscribes without touching the flowing state. A Readable emits 'data' for
// every chunk that leaves it — in flowing mode and from read() in paused mode alike — so we see
// exactly the bytes the application consumes, when it consumes them, and nothing otherwise.
//
// Readable decides to resume when the last 'readable' listener goes away if 'data' is being
// listened to (Node 20.20 tracks that with a flag only Readable#on sets, so ours is invisible
// there; other versions count the listeners). To be safe everywhere, when the application
// drops its last 'readable' listener and ours is the only 'data' listener, ours steps aside at
// once (Node's check runs on the next tick) and rejoins when the application adds a reader
// again. Ours is removed with Readable#removeListener so Node's own bookkeeping ends up as it
// would have been without us. It also leaves once maxBytes are collected.

const kBodyCapture = Symbol('skein.http.requestBodyCapture');

interface BodyCaptureState {
  readonly maxBytes: number;
  chunks: Buffer[];
  bytes: number;
  listening: boolean;
  finished: boolean;
}

type WithBodyCapture = IncomingMessage & { [kBodyCapture]?: BodyCaptureState };

const addPlainListener = EventEmitter.prototype.on;

/** Starts observing the body the application reads; call at request start. */
export function watchRequestBody(request: IncomingMessage, maxBytes: number): void {
  (request as WithBodyCapture)[kBodyCapture] = { maxBytes, chunks: [], bytes: 0, listening: false, finished: false };
  listen(request, (request as WithBodyCapture)[kBodyCapture]!);
  request.on('removeListener', onRemoveListener);
}

/**
 * Stops capturing and returns what the application read, as UTF-8, cut at maxBytes on a
 * character boundary; undefined when it read no body.
 */
export function takeCapturedRequestBody(request: IncomingMessage): string | undefined {
  const state = (request as WithBodyCapture)[kBodyCapture];
  if (state === undefined) return undefined;
  stopCapture(request, state);
  if (state.bytes === 0) return undefined;
  const body = truncateUtf8(state.chunks.length === 1 ? state.chunks[0]! : Buffer.concat(state.chunks), state.maxBytes);
  state.chunks = [];
  return body;
}

/** Decodes at most maxBytes of UTF-8 without leaving half a character at the cut. */
export function truncateUtf8(bytes: Buffer, maxBytes: number): string {
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  let end = Math.max(0, maxBytes);
  // A continuation byte (10xxxxxx) at the cut means the character started before it.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.toString('utf8', 0, end);
}

function listen(request: IncomingMessage, state: BodyCaptureState): void {
  state.listening = true;
  addPlainListener.call(request, 'data', onBodyData);
}

function onRemoveListener(this: IncomingMessage, event: string | symbol): void {
  if (event !== 'readable' || this.listenerCount('readable') > 0) return;
  const state = (this as WithBodyCapture)[kBodyCapture];
  if (state === undefined || state.finished || !state.listening || this.listenerCount('data') > 1) return;
  state.listening = false;
  this.removeListener('data', onBodyData);
  this.on('newListener', onNewListener);
}

function onNewListener(this: IncomingMessage, event: string | symbol, listener: unknown): void {
  if (listener === onBodyData || (event !== 'readable' && event !== 'data')) return;
  const state = (this as WithBodyCapture)[kBodyCapture];
  this.removeListener('newListener', onNewListener);
  if (state !== undefined && !state.finished && !state.listening) listen(this, state);
}

function onBodyData(this: IncomingMessage, chunk: Buffer | string): void {
  const state = (this as WithBodyCapture)[kBodyCapture];
  if (state === undefined || state.finished) return;
  const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  state.chunks.push(buffer);
  state.bytes += buffer.length;
  if (state.bytes >= state.maxBytes) stopCapture(this, state);
}

function stopCapture(request: IncomingMessage, state: BodyCaptureState): void {
  if (state.finished) return;
  state.finished = true;
  if (state.listening) request.removeListener('data', onBodyData);
  state.listening = false;
  request.removeListener('removeListener', onRemoveListener);
  request.removeListener('newListener', onNewListener);
}
