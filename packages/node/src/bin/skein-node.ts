#!/usr/bin/env node
// `npx skein-node run -- node app.js`: the launcher for users who installed only @skein/node.
import { skeinNodeMain } from '../cli/skein-node-main.js';

process.exitCode = await skeinNodeMain(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
