import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkeinError, findAttribute, makeSpan, str, type Span } from '@skein/model';
import { TMessageType, TType, binaryProtocolWriter, compactProtocolWriter, type ThriftProtocolWriter } from '../thrift/index.js';
import { decodeJaegerAgentDatagram, decodeJaegerThriftBatch } from './decode-jaeger-thrift.js';
import { encodeJaegerAgentDatagram } from './encode-jaeger-thrift.js';

const hasCode = (code: string) => (e: unknown) => e instanceof SkeinError && e.code === code;

/** A Batch written field by field, so tests can send what real encoders would not. */
function batch(w: ThriftProtocolWriter, writeSpans: Array<(w: ThriftProtocolWriter) => void>, extra?: (w: ThriftProtocolWriter) => void): void {
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, 1);
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRING, 1);
  w.writeString('svc');
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldBegin(TType.LIST, 2);
  w.writeListBegin(TType.STRUCT, writeSpans.length);
  for (const s of writeSpans) {
    w.writeStructBegin();
    s(w);
    w.writeFieldStop();
    w.writeStructEnd();
  }
  extra?.(w);
  w.writeFieldStop();
  w.writeStructEnd();
}
const i64 = (w: ThriftProtocolWriter, id: number, v: bigint) => {
  w.writeFieldBegin(TType.I64, id);
  w.writeI64(v);
};
const tag = (w: ThriftProtocolWriter, fields: (w: ThriftProtocolWriter) => void) => {
  w.writeStructBegin();
  fields(w);
  w.writeFieldStop();
  w.writeStructEnd();
};
const bytesOf = (write: (w: ThriftProtocolWriter) => void): Uint8Array => {
  const w = binaryProtocolWriter();
  write(w);
  return w.finish();
};

test('128-bit trace ids keep both halves; signed i64 ids read as unsigned hex', () => {
  const [s] = decodeJaegerThriftBatch(
    bytesOf((w) =>
      batch(w, [
        (w) => {
          i64(w, 1, -1n); // traceIdLow 0xffff…
          i64(w, 2, 0x0123456789abcdefn); // traceIdHigh
          i64(w, 3, -2n); // spanId 0xffff…fe
          i64(w, 8, 1_700_000_000_000_000n);
        },
      ]),
    ),
  );
  assert.equal(s!.traceId, '0123456789abcdefffffffffffffffff');
  assert.equal(s!.traceIdHigh64Absent, false);
  assert.equal(s!.spanId, 'fffffffffffffffe');
  assert.equal(s!.startTimeUnixNano, 1_700_000_000_000_000_000n);
});

test('unknown fields anywhere, and known ids with another type, are skipped (forward compatibility)', () => {
  const [s] = decodeJaegerThriftBatch(
    bytesOf((w) =>
      batch(
        w,
        [
          (w) => {
            i64(w, 1, 5n);
            i64(w, 3, 6n);
            w.writeFieldBegin(TType.STRING, 5);
            w.writeString('op');
            w.writeFieldBegin(TType.STRING, 7); // flags as a string: not the IDL's type
            w.writeString('1');
            w.writeFieldBegin(TType.BOOL, 12); // incomplete
            w.writeBool(true);
            w.writeFieldBegin(TType.MAP, 40); // a future field
            w.writeMapBegin(TType.STRING, TType.LIST, 1);
            w.writeString('k');
            w.writeListBegin(TType.I32, 2);
            w.writeI32(1);
            w.writeI32(2);
            w.writeFieldBegin(TType.LIST, 10);
            w.writeListBegin(TType.STRUCT, 1);
            tag(w, (w) => {
              w.writeFieldBegin(TType.STRING, 1);
              w.writeString('a');
              w.writeFieldBegin(TType.I32, 2);
              w.writeI32(0);
              w.writeFieldBegin(TType.STRING, 3);
              w.writeString('b');
              w.writeFieldBegin(TType.DOUBLE, 9); // unknown Tag field
              w.writeDouble(1);
            });
          },
        ],
        (w) => {
          i64(w, 3, 42n); // Batch.seqNo
          w.writeFieldBegin(TType.STRUCT, 4); // Batch.stats (ClientStats)
          w.writeStructBegin();
          i64(w, 1, 7n);
          w.writeFieldStop();
          w.writeStructEnd();
        },
      ),
    ),
  );
  assert.equal(s!.name, 'op');
  assert.equal(s!.flags, 0);
  assert.deepEqual(s!.attributes, [{ key: 'a', value: str('b') }]);
});

test('tag values are chosen by vType; an unknown vType reads as the collector writes it', () => {
  const [s] = decodeJaegerThriftBatch(
    bytesOf((w) =>
      batch(w, [
        (w) => {
          i64(w, 1, 1n);
          i64(w, 3, 1n);
          w.writeFieldBegin(TType.LIST, 10);
          w.writeListBegin(TType.STRUCT, 3);
          tag(w, (w) => {
            w.writeFieldBegin(TType.STRING, 1);
            w.writeString('long');
            w.writeFieldBegin(TType.I32, 2);
            w.writeI32(3);
            w.writeFieldBegin(TType.STRING, 3);
            w.writeString('ignored');
            w.writeFieldBegin(TType.I64, 6);
            w.writeI64(-9007199254740993n);
          });
          tag(w, (w) => {
            w.writeFieldBegin(TType.STRING, 1);
            w.writeString('bin');
            w.writeFieldBegin(TType.I32, 2);
            w.writeI32(4);
            w.writeFieldBegin(TType.STRING, 7);
            w.writeBinary(new Uint8Array([1, 2, 3]));
          });
          tag(w, (w) => {
            w.writeFieldBegin(TType.STRING, 1);
            w.writeString('odd');
            w.writeFieldBegin(TType.I32, 2);
            w.writeI32(9);
            w.writeFieldBegin(TType.STRING, 3);
            w.writeString('lost');
          });
        },
      ]),
    ),
  );
  assert.deepEqual(findAttribute(s!.attributes, 'long'), { type: 'int', value: -9007199254740993n });
  assert.deepEqual(findAttribute(s!.attributes, 'bin'), { type: 'bytes', value: new Uint8Array([1, 2, 3]) });
  assert.deepEqual(findAttribute(s!.attributes, 'odd'), str('<Unknown Jaeger TagType 9>'));
});

test('spans with every field empty are dropped, as the collector does', () => {
  const spans = decodeJaegerThriftBatch(bytesOf((w) => batch(w, [() => {}, (w) => i64(w, 3, 1n), () => {}])));
  assert.equal(spans.length, 1);
  assert.equal(spans[0]!.spanId, '0000000000000001');
});

test('a batch without a process gives spans with an empty resource; an empty service name adds no service.name', () => {
  const noProcess = bytesOf((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.LIST, 2);
    w.writeListBegin(TType.STRUCT, 1);
    w.writeStructBegin();
    i64(w, 3, 1n);
    w.writeFieldStop();
    w.writeStructEnd();
    w.writeFieldStop();
    w.writeStructEnd();
  });
  assert.deepEqual(decodeJaegerThriftBatch(noProcess)[0]!.resource.attributes, []);
});

test('agent datagrams: compact and binary told apart by the first byte, strict or old non-strict headers', () => {
  const span: Span = makeSpan({ traceId: '0000000000000000000000000000000a', traceIdHigh64Absent: true, spanId: '000000000000000b', name: 'x', startTimeUnixNano: 1_000n, endTimeUnixNano: 2_000n });
  const compact = encodeJaegerAgentDatagram([span], 'compact');
  assert.equal(compact[0], 0x82);
  const binary = encodeJaegerAgentDatagram([span], 'binary');
  assert.equal(binary[0], 0x80);
  for (const d of [compact, binary]) assert.equal(decodeJaegerAgentDatagram(d)[0]!.name, 'x');
  // non-strict: i32 name length, name, type byte, seqid; then the same args struct
  const strictHeaderLength = 4 + 4 + 'emitBatch'.length + 4;
  const nonStrict = Buffer.concat([Buffer.from('00000009', 'hex'), Buffer.from('emitBatch'), Buffer.from([TMessageType.ONEWAY]), Buffer.from('00000000', 'hex'), binary.subarray(strictHeaderLength)]);
  assert.equal(decodeJaegerAgentDatagram(nonStrict)[0]!.name, 'x');
});

test('agent datagrams: another method is SKEIN_ERR_UNKNOWN_THRIFT_METHOD; a reply, an empty or a garbage datagram are refused', () => {
  for (const writer of [binaryProtocolWriter, compactProtocolWriter]) {
    const w = writer();
    w.writeMessageBegin('emitZipkinBatch', TMessageType.ONEWAY, 0);
    w.writeStructBegin();
    w.writeFieldStop();
    assert.throws(() => decodeJaegerAgentDatagram(w.finish()), hasCode('SKEIN_ERR_UNKNOWN_THRIFT_METHOD'));
    const reply = writer();
    reply.writeMessageBegin('emitBatch', TMessageType.REPLY, 0);
    reply.writeStructBegin();
    reply.writeFieldStop();
    assert.throws(() => decodeJaegerAgentDatagram(reply.finish()), hasCode('SKEIN_ERR_MALFORMED_THRIFT'));
  }
  assert.throws(() => decodeJaegerAgentDatagram(new Uint8Array(0)), hasCode('SKEIN_ERR_EMPTY_BODY'));
  assert.throws(() => decodeJaegerAgentDatagram(Buffer.from('{"spans":[]}')), hasCode('SKEIN_ERR_MALFORMED_THRIFT'));
  assert.throws(() => decodeJaegerThriftBatch(new Uint8Array(0)), hasCode('SKEIN_ERR_EMPTY_BODY'));
});

test('an emitBatch without a batch argument carries no spans', () => {
  const w = binaryProtocolWriter();
  w.writeMessageBegin('emitBatch', TMessageType.ONEWAY, 0);
  w.writeStructBegin();
  w.writeFieldStop();
  assert.deepEqual(decodeJaegerAgentDatagram(w.finish()), []);
});
