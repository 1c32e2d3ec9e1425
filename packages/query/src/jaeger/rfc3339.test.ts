import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRfc3339Nanos } from './rfc3339.js';

describe('parseRfc3339Nanos', () => {
  it('keeps nanosecond fractions and applies offsets', () => {
    assert.equal(parseRfc3339Nanos('2024-01-31T10:00:00.123456789Z'), 1706695200123456789n);
    assert.equal(parseRfc3339Nanos('2024-01-31T12:00:00.5+02:00'), 1706695200500000000n);
    assert.equal(parseRfc3339Nanos('2024-01-31T09:30:00-00:30'), 1706695200000000000n);
    assert.equal(parseRfc3339Nanos('1970-01-01T00:00:00Z'), 0n);
    assert.equal(parseRfc3339Nanos('0050-01-01T00:00:00Z'), BigInt(Date.parse('0050-01-01T00:00:00Z')) * 1_000_000n);
  });

  it('rejects malformed and impossible timestamps', () => {
    for (const bad of ['2024-01-31', '2024-01-31 10:00:00Z', '2024-02-30T00:00:00Z', '2024-01-31T24:00:00Z', '2024-01-31T10:00:00', 'now', '1706695200']) {
      assert.equal(parseRfc3339Nanos(bad), undefined, bad);
    }
  });
});
