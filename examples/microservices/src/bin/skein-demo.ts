#!/usr/bin/env node
// `npm run demo` (and `skein demo`): the microservice demo with Skein. See ../demo-command.ts.
import { demoCommand } from '../demo-command.js';

process.exitCode = await demoCommand(process.argv.slice(2), { out: (text) => process.stdout.write(`${text}\n`), env: process.env });
