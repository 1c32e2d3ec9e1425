#!/usr/bin/env -S node --max-semi-space-size=64
// Node flags: see ./node-flags.ts (kept in step with it).
import { main } from '../cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  env: process.env,
  columns: process.stdout.columns || 120,
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
});
process.exitCode = code;
