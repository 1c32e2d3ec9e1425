export * from './skein-api.js';
export * from './search-params.js';
export * from './span-json.js';
export * from './trace-summary.js';
export * from './attribute-suggestions.js';
export * from './service-map.js';
