import { readFile } from 'node:fs/promises';

/** USER_HZ: /proc reports CPU time in these ticks; 100 on every mainstream Linux build. */
export const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds all processes together have spent busy (user, nice, system, irq, softirq, steal),
 * from the aggregate line of /proc/stat. With the server's and the bench's own CPU time subtracted,
 * what is left over a run is what other processes took from the same cores.
 */
export async function systemBusyCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/stat', 'utf8');
  const fields = /^cpu\s+(.*)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 8) throw new Error('unexpected /proc/stat format');
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND;
}
