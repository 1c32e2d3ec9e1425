// @skein/example-microservices: the microservice demo's launcher (`skein demo`, `npm run demo`).
export { demoCommand } from './demo-command.js';
export { DEMO_HELP, parseDemoArgs, type DemoOptions, type DemoPorts } from './demo-options.js';
export { startDemo, type DemoIo, type RunningDemo } from './demo.js';
