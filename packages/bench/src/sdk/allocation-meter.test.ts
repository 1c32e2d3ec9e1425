import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AllocationMeter } from './allocation-meter.js';

describe('AllocationMeter', () => {
  it('counts garbage that collections already freed, not only what is still on the heap', () => {
    let keep: number[] | undefined;
    const meter = new AllocationMeter();
    meter.start();
    // 20,000 arrays of 1,024 elements, 8 KiB each: 160 MiB, far more than the young generation
    // holds, so many collections run and free most of it before stop().
    for (let i = 0; i < 20_000; i++) keep = new Array<number>(1024).fill(i);
    const bytes = meter.stop();
    assert.ok(keep);
    assert.ok(bytes >= 20_000 * 1024 * 4, `only ${bytes} bytes counted for 160 MiB of arrays`);
    assert.ok(bytes < 20_000 * 1024 * 8 * 1.5, `${bytes} bytes counted for 160 MiB of arrays`);
  });

  it('measures a plain object of two fields at the same size every time', () => {
    // Kept in a ring so the objects escape: the optimiser may not elide them.
    const ring = new Array<{ a: number; b: number } | undefined>(1024).fill(undefined);
    const perObject = (): number => {
      const meter = new AllocationMeter();
      meter.start();
      for (let i = 0; i < 200_000; i++) ring[i & 1023] = { a: i, b: i + 1 };
      return meter.stop() / 200_000;
    };
    perObject(); // the first call also pays for compiling the loop
    const first = perObject();
    assert.ok(first >= 16 && first <= 64, `${first} bytes per two-field object`);
    assert.ok(Math.abs(perObject() - first) < 1, 'the count does not depend on when collections happen');
  });
});
