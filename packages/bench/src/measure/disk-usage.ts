import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface DiskUsage {
  /** Sum of file sizes (what `du --apparent-size` reports). */
  readonly bytes: number;
  /** Blocks actually allocated (what plain `du` reports). */
  readonly allocatedBytes: number;
  readonly files: { readonly path: string; readonly bytes: number }[];
}

/** Every file under `dir`, recursively. */
export async function diskUsage(dir: string): Promise<DiskUsage> {
  const files: { path: string; bytes: number }[] = [];
  let bytes = 0;
  let allocatedBytes = 0;
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const s = await stat(path);
        bytes += s.size;
        allocatedBytes += s.blocks * 512;
        files.push({ path, bytes: s.size });
      }
    }
  };
  await walk(dir);
  return { bytes, allocatedBytes, files };
}
