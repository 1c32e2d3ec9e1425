import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatLoss, formatNs, median, ratioText, sdkHttpTable, sdkMicroTable, sdkTables, summarizeMicroRuns } from './sdk-bench-results.js';
import { fakeHttp, fakeMicro, measured } from './test-support/fake-sdk-results.js';

describe('number formatting', () => {
  it('shows µs for span-scale times and ns below 0.1 µs', () => {
    assert.equal(formatNs(420), '0.42 µs');
    assert.equal(formatNs(2600), '2.60 µs');
    assert.equal(formatNs(48), '48 ns');
    assert.equal(formatNs(12_345), '12.3 µs');
    assert.equal(formatNs(NaN), 'n/a');
  });
  it('says ratios and losses in words and signs', () => {
    assert.equal(ratioText(420, 1620, 'faster', 'slower'), '3.9× faster');
    assert.equal(ratioText(1000, 800, 'faster', 'slower'), '1.3× slower');
    assert.equal(ratioText(0, 96, 'less', 'more'), 'n/a');
    assert.equal(formatLoss(0.123), '−12 %');
    assert.equal(formatLoss(-0.03), '+3 %');
  });
  it('takes the median of odd and even counts', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});

describe('sdkMicroTable', () => {
  it("keeps the best run's time and the median run's allocation", () => {
    const m = summarizeMicroRuns([
      { nsPerSpan: 900, bytesPerSpan: 310 },
      { nsPerSpan: 450, bytesPerSpan: 300 },
      { nsPerSpan: 600, bytesPerSpan: 320 },
    ]);
    assert.equal(m.nsPerSpan, 450);
    assert.equal(m.bytesPerSpan, 310);
    assert.equal(m.runs.length, 3);
  });
  it('puts both SDKs side by side with the ratio and the target', () => {
    const table = sdkMicroTable(fakeMicro());
    const lines = table.split('\n');
    assert.equal(lines[0], '| SDK measure (best of 5 runs each) | @skein/node | OpenTelemetry JS | ratio | target |');
    assert.ok(lines.includes('| Span start + 3 attributes + end + batch enqueue (sampled) | 0.42 µs | 1.62 µs | 3.9× faster | ≤ 0.50 µs ✓ |'), table);
    assert.ok(lines.includes('| … JS heap allocated per span | 310 B | 1,450 B | 4.7× less | — |'), table);
    assert.ok(lines.includes('| Span not sampled (always_off), same calls | 48 ns | 0.21 µs | 4.4× faster | — |'), table);
    assert.ok(lines.includes('| OTLP protobuf encode, ~10 attributes (512 spans/request) | 0.80 µs/span | 2.60 µs/span | 3.3× faster | ≤ 1.00 µs/span ✓ |'), table);
    assert.ok(lines.includes('| … encoded size per span (the same spans) | 479 B | 489 B | 1.02 | — |'), table);
  });
  it('marks a missed target and a failed measure', () => {
    assert.match(sdkMicroTable(fakeMicro(700)), /\| 0\.70 µs \| 1\.62 µs \| 2\.3× faster \| ≤ 0\.50 µs ✗ \|/);
    const failed = { ...fakeMicro(), encode: { skein: measured(800, 58), error: 'encode job for otel failed: boom' } };
    assert.match(sdkMicroTable(failed), /\| OTLP protobuf encode.* \| 0\.80 µs\/span \| FAILED \| n\/a \| encode job for otel failed: boom \|/);
  });
});

describe('sdkHttpTable', () => {
  it('shows req/s, the loss against bare, CPU per request and the spans the sink received', () => {
    const table = sdkHttpTable(fakeHttp());
    const lines = table.split('\n');
    assert.match(lines[0]!, /\| server \| variant \| req\/s \(median of 3\) \| vs bare \| target \|/);
    assert.equal(lines.length, 5);
    assert.equal(lines[2], '| node:http | bare (no tracing) | 30,000 | — |  | 33.3 µs | — | 0.00 | 12 ms | 29,900, 30,000, 30,100 |');
    assert.equal(lines[3], '| node:http | @skein/node | 26,000 | −13 % | ≤ 15 % loss ✓ | 38.5 µs (+5.1) | −13 % | 1.00 | 12 ms | 25,900, 26,000, 26,100 |');
    assert.equal(lines[4], '| node:http | OpenTelemetry JS | 9,000 | −70 % | known: −63 to −81 % | 111.1 µs (+77.8) | −70 % | 1.01 | 12 ms | 8,900, 9,000, 9,100 |');
  });
  it('never ticks a variant that did not deliver its spans', () => {
    const table = sdkHttpTable(fakeHttp(29_000, 0));
    assert.match(table, /\| @skein\/node \| 29,000 \| −3 % \| ≤ 15 % loss ✗ \| .* \| 0\.00 \(NOT TRACED\) \|/);
  });
  it('shows a failed variant with its error', () => {
    const http = fakeHttp();
    const failed = { ...http, variants: http.variants.map((v) => (v.variant === 'otel' ? { ...v, runs: [], requestsPerSecond: NaN, error: 'exited (1) before listening:\nstack' } : v)) };
    assert.match(sdkHttpTable(failed), /\| node:http \| OpenTelemetry JS \| FAILED \| n\/a \| known: −63 to −81 % \| n\/a \| n\/a \| n\/a \| n\/a \| exited \(1\) before listening: \|/);
  });
});

describe('sdkTables', () => {
  it('joins both tables, or says the phase was skipped', () => {
    const both = sdkTables({ status: 'measured', seconds: 100, micro: fakeMicro(), http: fakeHttp() });
    assert.match(both, /SDK measure[\s\S]*\n\n\| server \|/);
    assert.equal(sdkTables({ status: 'skipped', reason: '--skip-sdk was given' }), 'SDK benchmark SKIPPED: --skip-sdk was given');
  });
});
