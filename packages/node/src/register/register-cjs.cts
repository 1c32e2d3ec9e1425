/**
 * `node --require @skein/node/register app.cjs`, for applications that are CommonJS or that
 * start Node with NODE_OPTIONS=--require. It loads the ESM entry, so both ways share one
 * start-once guard.
 *
 * Node 20.19+ and 22.12+ can `require()` an ES module synchronously, so tracing is running
 * before the application's first line. Older Node throws ERR_REQUIRE_ESM; there we fall back
 * to `import()`, which finishes only after the application's synchronous start-up code has run:
 * spans started during that first tick are non-recording (tracers obtained early still work
 * afterwards, through the API's proxy), and HTTP servers or requests created in that tick are
 * traced from the next request on. Prefer `--import` on those versions.
 */
const report = (error: unknown): void => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`@skein/node: could not start tracing (${message}); the application continues untraced\n`);
};

try {
  require('./register.js');
} catch (error) {
  if ((error as { code?: unknown }).code === 'ERR_REQUIRE_ESM') import('./register.js').catch(report);
  else report(error);
}
