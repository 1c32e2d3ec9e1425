/**
 * `node --import @skein/node/register app.js`: starts tracing before the application's first
 * line, configured by OTEL_* environment variables. Also the target of the CommonJS entry
 * (`--require`), so whichever runs first starts the SDK and the other finds it started.
 */
import { startSkeinNode } from '../sdk/start-skein-node.js';
import type { SkeinNode } from '../sdk/skein-node-options.js';

/**
 * A process-wide key rather than a module variable: `--import` and `--require` together, or a
 * second copy of this package, load this file more than once, and must start one SDK.
 */
const STARTED = Symbol.for('@skein/node.register');

type GlobalWithSkein = typeof globalThis & { [STARTED]?: SkeinNode };
const global = globalThis as GlobalWithSkein;

/** The SDK this process started (for `await skeinNode.forceFlush()` in scripts). */
export const skeinNode: SkeinNode = global[STARTED] ?? (global[STARTED] = startSkeinNode());
