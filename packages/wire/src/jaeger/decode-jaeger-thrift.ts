import { SkeinError, type Span } from '@skein/model';
import { asDecodeError } from '../otlp/decode-errors.js';
import { TMessageType, TType, binaryProtocolReader, compactProtocolReader } from '../thrift/index.js';
import { jaegerBatchToSpans } from './jaeger-batch-to-spans.js';
import { AGENT_EMIT_BATCH, EMIT_BATCH_ARGS } from './jaeger-thrift-schema.js';
import { readJaegerThriftBatch, type JaegerThriftBatch, type JaegerThriftReader } from './read-jaeger-thrift.js';

const COMPACT_PROTOCOL_ID = 0x82;

/**
 * Decodes a jaeger.thrift `Batch` in the Thrift BINARY protocol: the body Jaeger clients POST
 * to the collector's `/api/traces` (port 14268). Mapping: jaeger-span-to-model.ts.
 *
 * Malformed bytes throw SKEIN_ERR_MALFORMED_THRIFT; nothing else escapes (any other failure
 * becomes SKEIN_ERR_INVALID_PAYLOAD). Spans with bad ids or times are returned as decoded,
 * for the pipeline to reject one by one.
 */
export function decodeJaegerThriftBatch(bytes: Uint8Array): Span[] {
  if (bytes.length === 0) throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'expected a Thrift-encoded jaeger Batch');
  try {
    const batch = readJaegerThriftBatch(binaryProtocolReader(bytes));
    return jaegerBatchToSpans(batch.process, batch.spans);
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}

/**
 * Decodes one Jaeger agent UDP datagram: an `Agent.emitBatch` message (agent.thrift), as
 * clients send to ports 6831 (compact) and 6832 (binary). The protocol is told by the first
 * byte, since clients disagree about ports (the Node jaeger-client sends BINARY to 6831):
 * 0x82 is the compact protocol id; anything else is read as binary (0x80 starts a strict
 * binary header, 0x00 an old non-strict one).
 *
 * Another method (e.g. `emitZipkinBatch`, Zipkin spans over the agent port) throws
 * SKEIN_ERR_UNKNOWN_THRIFT_METHOD, so a UDP receiver can count it as its own drop reason.
 */
export function decodeJaegerAgentDatagram(bytes: Uint8Array): Span[] {
  if (bytes.length === 0) throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'empty datagram');
  try {
    const r = bytes[0] === COMPACT_PROTOCOL_ID ? compactProtocolReader(bytes) : binaryProtocolReader(bytes);
    const batch = readEmitBatch(r);
    return batch ? jaegerBatchToSpans(batch.process, batch.spans) : [];
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}

function readEmitBatch(r: JaegerThriftReader): JaegerThriftBatch | undefined {
  const message = r.readMessageBegin();
  if (message.name !== AGENT_EMIT_BATCH) throw new SkeinError('SKEIN_ERR_UNKNOWN_THRIFT_METHOD', `"${message.name.slice(0, 64)}"; the Jaeger agent protocol here accepts emitBatch`);
  if (message.type !== TMessageType.ONEWAY && message.type !== TMessageType.CALL) throw new SkeinError('SKEIN_ERR_MALFORMED_THRIFT', `emitBatch sent as message type ${message.type}, not a call`);
  let batch: JaegerThriftBatch | undefined;
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    if (f.id === EMIT_BATCH_ARGS.batch && f.type === TType.STRUCT) batch = readJaegerThriftBatch(r);
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return batch;
}
