/**
 * Runs tasks one at a time, in submission order. DuckDB allows a single writer per database, so
 * writes, retention and checkpoints all go through one queue; a failed task does not stop the
 * tasks after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything submitted so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
