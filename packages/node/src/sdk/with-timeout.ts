/**
 * Waits for `work`, but no longer than `ms`; never rejects. The timer is ref'd on purpose:
 * during a signal-triggered flush it keeps the process alive until the flush ends or time is up.
 */
export function withTimeout(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve('done');
      },
      () => {
        clearTimeout(timer);
        resolve('done');
      },
    );
  });
}
