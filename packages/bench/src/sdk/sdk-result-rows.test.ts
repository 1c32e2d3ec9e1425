import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHttp, fakeMicro } from './test-support/fake-sdk-results.js';
import { sdkResultRows } from './sdk-result-rows.js';

const row = (rows: ReturnType<typeof sdkResultRows>, metric: string) => rows.find((r) => r.metric.startsWith(metric))!;

describe('sdkResultRows', () => {
  it("adds DESIGN.md's three SDK targets with OpenTelemetry JS's figure from the same run", () => {
    const rows = sdkResultRows({ status: 'measured', seconds: 100, micro: fakeMicro(), http: fakeHttp() });
    assert.equal(rows.length, 3);
    const span = row(rows, 'SDK: span start + end + queue');
    assert.equal(span.value, '0.42 µs');
    assert.equal(span.target, '≤ 0.50 µs');
    assert.equal(span.meetsTarget, true);
    assert.match(span.note, /OpenTelemetry JS 1\.62 µs in the same run \(3\.9× faster\); 310 vs 1,450 B allocated per span/);
    const encode = row(rows, 'SDK: OTLP protobuf encode');
    assert.equal(encode.value, '0.80 µs/span');
    assert.equal(encode.meetsTarget, true);
    const http = row(rows, 'SDK: hello-world node:http throughput loss');
    assert.equal(http.value, '−13 %');
    assert.equal(http.meetsTarget, true);
    assert.match(http.note, /bare 30,000 req\/s, @skein\/node 26,000, OpenTelemetry JS 9,000 req\/s \(−70 %\); median of 3 interleaved 5 s runs, 50 connections; by server CPU per request −13 % vs −70 %/);
  });

  it('misses the targets when slower, and never credits an untraced server', () => {
    const rows = sdkResultRows({ status: 'measured', seconds: 100, micro: fakeMicro(700), http: fakeHttp(29_500, 0.02) });
    assert.equal(row(rows, 'SDK: span').meetsTarget, false);
    const http = row(rows, 'SDK: hello-world');
    assert.equal(http.meetsTarget, false);
    assert.match(http.note, /NOT TRACED: the sink got 0\.02 spans per request/);
  });

  it('says when the phase was skipped, and adds nothing for results from before it existed', () => {
    const [skipped] = sdkResultRows({ status: 'skipped', reason: '--skip-sdk was given' });
    assert.equal(skipped!.meetsTarget, undefined);
    assert.match(skipped!.note, /SKIPPED: --skip-sdk was given/);
    assert.deepEqual(sdkResultRows(undefined), []);
  });
});
