import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Counts the bytes a piece of code allocates on the JS heap, garbage included: the growth of the
 * used heap plus everything each garbage collection freed meanwhile (V8's GCProfiler reports the
 * used heap before and after every collection). Exact for JS objects, whether or not
 * collections ran, so a loop can be as long as it needs to be for a stable time measurement.
 * Counts whatever else the process allocates meanwhile too (timers, promises of an async loop),
 * which is why the measured loops run alone in a child process.
 */
export class AllocationMeter {
  private readonly profiler = new GCProfiler();
  private startUsed = 0;

  start(): void {
    this.profiler.start();
    this.startUsed = getHeapStatistics().used_heap_size;
  }

  /** Bytes allocated since start(). */
  stop(): number {
    const endUsed = getHeapStatistics().used_heap_size;
    const { statistics } = this.profiler.stop();
    let freed = 0;
    for (const gc of statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    return endUsed - this.startUsed + freed;
  }
}
