export * from './attributes.js';
export * from './span.js';
export * from './service.js';
export * from './ids.js';
export * from './time.js';
export * from './errors.js';
