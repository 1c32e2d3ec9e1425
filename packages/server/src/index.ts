export * from './config/options.js';
export * from './config/load-config.js';
export * from './app/start-skein.js';
export { main } from './cli/main.js';
