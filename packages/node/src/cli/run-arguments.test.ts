import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunArguments, type ParsedRunArguments } from './run-arguments.js';

function options(parsed: ParsedRunArguments) {
  assert.equal(parsed.kind, 'run', JSON.stringify(parsed));
  return (parsed as Extract<ParsedRunArguments, { kind: 'run' }>).options;
}

function errorOf(argv: string[]): string {
  const parsed = parseRunArguments(argv);
  assert.equal(parsed.kind, 'error', JSON.stringify(parsed));
  return (parsed as Extract<ParsedRunArguments, { kind: 'error' }>).message;
}

describe('parseRunArguments', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    assert.deepEqual(options(parseRunArguments([
      '--service-name', 'checkout', '--exporter=otlp,console', '--endpoint', 'http://127.0.0.1:4318',
      '--propagators', 'tracecontext, baggage,B3', '--sampler=parentbased_traceidratio=0.25', '--', 'node', 'app.js',
    ])), {
      serviceName: 'checkout',
      exporters: ['otlp', 'console'],
      endpoint: 'http://127.0.0.1:4318',
      propagators: ['tracecontext', 'baggage', 'b3'],
      sampler: 'parentbased_traceidratio',
      samplerArg: '0.25',
      command: 'node',
      args: ['app.js'],
    });
  });

  it('passes everything after -- to the command untouched, even its own flags', () => {
    const parsed = options(parseRunArguments(['--', 'node', '--enable-source-maps', 'app.js', '--', '--help', '--exporter', 'x']));
    assert.equal(parsed.command, 'node');
    assert.deepEqual(parsed.args, ['--enable-source-maps', 'app.js', '--', '--help', '--exporter', 'x']);
  });

  it('starts the command at the first non-option argument when there is no --', () => {
    const parsed = options(parseRunArguments(['--service-name', 'api', 'npm', 'start', '--', '--port', '3000']));
    assert.equal(parsed.serviceName, 'api');
    assert.equal(parsed.command, 'npm');
    assert.deepEqual(parsed.args, ['start', '--', '--port', '3000']);
  });

  it('lets a repeated option win with its last value', () => {
    assert.equal(options(parseRunArguments(['--service-name=a', '--service-name=b', '--', 'node'])).serviceName, 'b');
  });

  it('asks for help with -h or --help before the command', () => {
    assert.deepEqual(parseRunArguments(['--help']), { kind: 'help' });
    assert.deepEqual(parseRunArguments(['--service-name', 'x', '-h', '--', 'node']), { kind: 'help' });
  });

  it('samplers without an argument, and every exporter name', () => {
    const parsed = options(parseRunArguments(['--sampler', 'ALWAYS_ON', '--exporter', 'none', 'node']));
    assert.equal(parsed.sampler, 'always_on');
    assert.equal(parsed.samplerArg, undefined);
    for (const exporter of ['console', 'otlp', 'zipkin', 'none']) {
      assert.deepEqual(options(parseRunArguments([`--exporter=${exporter}`, 'node'])).exporters, [exporter]);
    }
  });

  it('reports usage errors with a message naming what was wrong', () => {
    assert.match(errorOf([]), /missing the command/);
    assert.match(errorOf(['--service-name', 'api']), /missing the command/);
    assert.match(errorOf(['--service-name', 'api', '--']), /missing the command/);
    assert.match(errorOf(['--verbose', '--', 'node']), /unknown option --verbose/);
    assert.match(errorOf(['-x', 'node']), /unknown option -x/);
    assert.match(errorOf(['--service-name']), /--service-name needs a value/);
    assert.match(errorOf(['--endpoint', '--', 'node']), /--endpoint needs a value/);
    assert.match(errorOf(['--service-name=', 'node']), /must not be empty/);
    assert.match(errorOf(['--exporter', 'jaeger', 'node']), /--exporter must be console, otlp, zipkin, none/);
    assert.match(errorOf(['--exporter', ',', 'node']), /--exporter/);
    assert.match(errorOf(['--endpoint', 'localhost:4318', 'node']), /--endpoint must be an http\(s\) URL/);
    assert.match(errorOf(['--endpoint', 'ftp://host', 'node']), /--endpoint must be an http\(s\) URL/);
    assert.match(errorOf(['--propagators', 'tracecontext,w3c', 'node']), /--propagators takes/);
    assert.match(errorOf(['--propagators', 'ottrace', 'node']), /--propagators takes/);
    assert.match(errorOf(['--sampler', 'sometimes', 'node']), /--sampler must be one of/);
    assert.match(errorOf(['--sampler', 'traceidratio=2', 'node']), /ratio between 0 and 1/);
    assert.match(errorOf(['--sampler', 'traceidratio=half', 'node']), /ratio between 0 and 1/);
  });
});
