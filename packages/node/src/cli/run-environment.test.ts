import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { appendNodeOption, buildRunEnvironment, quoteNodeOption, splitNodeOptions } from './run-environment.js';
import type { RunOptions } from './run-arguments.js';

const REGISTER = 'file:///opt/app/node_modules/@skein/node/dist/register/register.js';
const command = { command: 'node', args: ['app.js'] } as const;

describe('buildRunEnvironment', () => {
  it('sets the OTEL_* variables the options ask for and preloads the register module', () => {
    const options: RunOptions = {
      ...command, serviceName: 'checkout', exporters: ['otlp', 'console'], endpoint: 'http://127.0.0.1:4318',
      propagators: ['b3multi', 'baggage'], sampler: 'parentbased_traceidratio', samplerArg: '0.5',
    };
    const env = buildRunEnvironment(options, { PATH: '/usr/bin' }, REGISTER);
    assert.deepEqual(env, {
      PATH: '/usr/bin',
      OTEL_SERVICE_NAME: 'checkout',
      OTEL_TRACES_EXPORTER: 'otlp,console',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_PROPAGATORS: 'b3multi,baggage',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.5',
      NODE_OPTIONS: `--import=${REGISTER}`,
    });
  });

  it('lets options win over inherited values, keeps the rest, and leaves the base env alone', () => {
    const base = { OTEL_SERVICE_NAME: 'old', OTEL_PROPAGATORS: 'jaeger', OTEL_RESOURCE_ATTRIBUTES: 'team=pay' };
    const env = buildRunEnvironment({ ...command, serviceName: 'new' }, base, REGISTER);
    assert.equal(env['OTEL_SERVICE_NAME'], 'new');
    assert.equal(env['OTEL_PROPAGATORS'], 'jaeger');
    assert.equal(env['OTEL_RESOURCE_ATTRIBUTES'], 'team=pay');
    assert.deepEqual(base, { OTEL_SERVICE_NAME: 'old', OTEL_PROPAGATORS: 'jaeger', OTEL_RESOURCE_ATTRIBUTES: 'team=pay' });
  });

  it('sends --endpoint to the Zipkin variable only when Zipkin is the network exporter', () => {
    const endpoint = 'http://127.0.0.1:9411/api/v2/spans';
    const zipkin = buildRunEnvironment({ ...command, exporters: ['zipkin'], endpoint }, {}, REGISTER);
    assert.equal(zipkin['OTEL_EXPORTER_ZIPKIN_ENDPOINT'], endpoint);
    assert.equal(zipkin['OTEL_EXPORTER_OTLP_ENDPOINT'], undefined);
    const inherited = buildRunEnvironment({ ...command, endpoint }, { OTEL_TRACES_EXPORTER: 'zipkin,console' }, REGISTER);
    assert.equal(inherited['OTEL_EXPORTER_ZIPKIN_ENDPOINT'], endpoint);
    const both = buildRunEnvironment({ ...command, exporters: ['otlp', 'zipkin'], endpoint: 'http://127.0.0.1:4318' }, {}, REGISTER);
    assert.equal(both['OTEL_EXPORTER_OTLP_ENDPOINT'], 'http://127.0.0.1:4318');
    assert.equal(buildRunEnvironment({ ...command, endpoint: 'http://h:4318' }, {}, REGISTER)['OTEL_EXPORTER_OTLP_ENDPOINT'], 'http://h:4318');
  });

  it('drops an inherited sampler argument when a sampler is chosen without one', () => {
    const env = buildRunEnvironment({ ...command, sampler: 'always_on' }, { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }, REGISTER);
    assert.equal(env['OTEL_TRACES_SAMPLER'], 'always_on');
    assert.equal('OTEL_TRACES_SAMPLER_ARG' in env, false);
  });

  it('keeps the user\'s NODE_OPTIONS and adds the preload once', () => {
    const env = buildRunEnvironment(command, { NODE_OPTIONS: '--max-old-space-size=512 --require "./my setup.cjs"' }, REGISTER);
    assert.equal(env['NODE_OPTIONS'], `--max-old-space-size=512 --require "./my setup.cjs" --import=${REGISTER}`);
    const nested = buildRunEnvironment(command, env, REGISTER);
    assert.equal(nested['NODE_OPTIONS'], env['NODE_OPTIONS']);
  });
});

describe('NODE_OPTIONS quoting', () => {
  it('leaves plain options alone and quotes spaces, quotes and backslashes', () => {
    assert.equal(quoteNodeOption('--import=file:///a/b.js'), '--import=file:///a/b.js');
    assert.equal(quoteNodeOption('--require=/opt/my app/x.cjs'), '"--require=/opt/my app/x.cjs"');
    assert.equal(quoteNodeOption('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(quoteNodeOption(''), '""');
    assert.equal(appendNodeOption('  ', '--x'), '--x');
  });

  it('splits what it quotes back into the same options (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 6 }), (options) => {
      assert.deepEqual(splitNodeOptions(options.map(quoteNodeOption).join(' ')), options);
    }));
  });

  it('is read by Node itself as the same option (a preload path with spaces and quotes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skein run "quoted" dir '));
    try {
      const preload = join(dir, 'pre load.cjs');
      writeFileSync(preload, 'globalThis.__skeinPreloaded = true;\n');
      const nodeOptions = appendNodeOption('--no-warnings', `--require=${preload}`);
      const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(globalThis.__skeinPreloaded))'], {
        env: { ...process.env, NODE_OPTIONS: nodeOptions },
        encoding: 'utf8',
      });
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
