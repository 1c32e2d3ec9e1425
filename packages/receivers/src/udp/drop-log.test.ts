import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DropLog } from './drop-log.js';

function recordingLog(): { lines: Array<{ obj: Record<string, unknown>; msg: string }>; logger: { warn(obj: object, msg: string): void } } {
  const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return { lines, logger: { warn: (obj, msg) => void lines.push({ obj: obj as Record<string, unknown>, msg }) } };
}

test('the first drop of a reason is logged at once; later ones are counted and reported once per interval', () => {
  const { lines, logger } = recordingLog();
  let now = 1_000_000;
  const log = new DropLog('xray-udp', logger, 10_000, () => now);
  log.record('SKEIN_ERR_MALFORMED_JSON', 'datagram', 'Unexpected token');
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0]!.obj, { receiver: 'xray-udp', reason: 'SKEIN_ERR_MALFORMED_JSON', dropped: 1, unit: 'datagram' });
  assert.match(lines[0]!.msg, /^xray-udp: dropped 1 datagram\(s\): SKEIN_ERR_MALFORMED_JSON \(latest: Unexpected token\)$/);

  for (let i = 0; i < 500; i++) {
    now += 10;
    log.record('SKEIN_ERR_MALFORMED_JSON', 'datagram', `junk ${i}`);
  }
  assert.equal(lines.length, 1, 'a flood within the interval adds no line');
  now = 1_010_000;
  log.record('SKEIN_ERR_MALFORMED_JSON', 'datagram', 'last one');
  assert.equal(lines.length, 2);
  assert.equal(lines[1]!.obj.dropped, 501);
  assert.match(lines[1]!.msg, /dropped 501 datagram\(s\) in the last 10s: SKEIN_ERR_MALFORMED_JSON \(latest: last one\)/);
});

test('reasons and units are limited independently; flush reports what is pending', () => {
  const { lines, logger } = recordingLog();
  let now = 0;
  const log = new DropLog('r', logger, 10_000, () => now);
  log.record('SKEIN_ERR_DATAGRAM_TOO_LARGE', 'datagram', 'big');
  log.record('SKEIN_ERR_INVALID_TRACE_ID', 'span', 'bad id', 3);
  log.record('SKEIN_ERR_INVALID_TRACE_ID', 'span', 'bad id', 4);
  log.record('SKEIN_ERR_DATAGRAM_TOO_LARGE', 'datagram', 'big');
  assert.deepEqual(lines.map((l) => [l.obj.reason, l.obj.dropped]), [['SKEIN_ERR_DATAGRAM_TOO_LARGE', 1], ['SKEIN_ERR_INVALID_TRACE_ID', 3]]);
  now = 2000;
  log.flush();
  assert.deepEqual(lines.slice(2).map((l) => [l.obj.reason, l.obj.unit, l.obj.dropped]), [['SKEIN_ERR_DATAGRAM_TOO_LARGE', 'datagram', 1], ['SKEIN_ERR_INVALID_TRACE_ID', 'span', 4]]);
  log.flush();
  assert.equal(lines.length, 4, 'nothing pending, nothing written');
});

test('without a logger, nothing is kept', () => {
  const log = new DropLog('r', undefined);
  for (let i = 0; i < 10; i++) log.record(`CODE_${i}`, 'datagram', 'x');
  log.flush(); // no logger: nothing to write and nothing to fail
  assert.equal((log as unknown as { reasons: Map<string, unknown> }).reasons.size, 0);
});
