#!/usr/bin/env node
import { main } from '../cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  env: process.env,
  columns: process.stdout.columns || 120,
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
});
process.exitCode = code;
