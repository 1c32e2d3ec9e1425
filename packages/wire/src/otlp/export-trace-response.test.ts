import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import {
  decodeExportTraceResponseProtobuf,
  encodeExportTraceResponseProtobuf,
  exportTraceResponseJson,
  parseExportTraceResponseJson,
} from './export-trace-response.js';

test('full success is the empty message / {} (partial_success left unset, as OTLP requires)', () => {
  assert.equal(encodeExportTraceResponseProtobuf({ rejectedSpans: 0, errorMessage: '' }).length, 0);
  assert.deepEqual(exportTraceResponseJson({ rejectedSpans: 0, errorMessage: '' }), {});
});

test('partial success on the wire: field 1 { int64 rejected_spans = 1; string error_message = 2 }', () => {
  assert.deepEqual([...encodeExportTraceResponseProtobuf({ rejectedSpans: 3, errorMessage: 'bad' })], [0x0a, 0x07, 0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64]);
  // Warnings alone (nothing rejected) still travel, with rejected_spans left at its default.
  assert.deepEqual([...encodeExportTraceResponseProtobuf({ rejectedSpans: 0, errorMessage: 'w' })], [0x0a, 0x03, 0x12, 0x01, 0x77]);
});

test('partial success in OTLP/JSON: int64 as a decimal string, defaults left out', () => {
  assert.deepEqual(exportTraceResponseJson({ rejectedSpans: 2, errorMessage: 'span 0: invalid trace id' }), { partialSuccess: { rejectedSpans: '2', errorMessage: 'span 0: invalid trace id' } });
  assert.deepEqual(exportTraceResponseJson({ rejectedSpans: 5, errorMessage: '' }), { partialSuccess: { rejectedSpans: '5' } });
  assert.deepEqual(exportTraceResponseJson({ rejectedSpans: 0, errorMessage: 'truncated' }), { partialSuccess: { errorMessage: 'truncated' } });
});

test('responses round-trip through the readers an exporter uses', () => {
  const partial = fc.record({ rejectedSpans: fc.nat(), errorMessage: fc.string({ unit: 'binary' }) }, { noNullPrototype: true });
  fc.assert(
    fc.property(partial, (p) => {
      assert.deepEqual(decodeExportTraceResponseProtobuf(encodeExportTraceResponseProtobuf(p)), p);
      assert.deepEqual(parseExportTraceResponseJson(JSON.stringify(exportTraceResponseJson(p))), p);
    }),
  );
  assert.deepEqual(parseExportTraceResponseJson(''), { rejectedSpans: 0, errorMessage: '' });
  assert.deepEqual(parseExportTraceResponseJson('{"partial_success":{"rejected_spans":4}}'), { rejectedSpans: 4, errorMessage: '' });
});

test('bad responses are SkeinErrors', () => {
  assert.throws(() => decodeExportTraceResponseProtobuf(Uint8Array.of(0x0a, 0x09)), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_MALFORMED_PROTOBUF');
  assert.throws(() => parseExportTraceResponseJson('{'), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_MALFORMED_JSON');
  assert.throws(() => parseExportTraceResponseJson('{"partialSuccess":{"rejectedSpans":"x"}}'), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_INVALID_PAYLOAD' && e.message.includes('partialSuccess.rejectedSpans'));
});
