export { traced, type TracedMethodDecorator } from './traced.js';
export { withSpan } from './with-span.js';
export type { TracedOptions } from './run-in-new-span.js';
export type { TracedMethod } from './traced-method.js';
export { HELPER_TRACER_NAME } from './helper-tracer.js';
