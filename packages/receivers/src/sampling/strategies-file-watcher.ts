import { readFile, stat } from 'node:fs/promises';
import { parseStrategiesFile, type ParsedStrategiesFile, type SamplingStrategies } from './sampling-strategies.js';

/** The part of a pino logger the watcher uses. */
export interface SamplingLogger {
  info?(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface StrategiesFileWatcherOptions {
  /** How often the file's metadata is checked (default 5 s). */
  readonly reloadIntervalMs?: number;
  readonly logger?: SamplingLogger;
}

export const DEFAULT_STRATEGIES_RELOAD_INTERVAL_MS = 5_000;

/**
 * A strategies file, kept current. The file is polled (stat every interval, read only when
 * inode, size or mtime changed): fs.watch misses edits made by renaming a new file over the old
 * one (editors, Kubernetes ConfigMaps), a poll sees them all. A file that became unreadable or
 * invalid is logged once per change, and the strategies last loaded stay in force.
 */
export class StrategiesFileWatcher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Identity of the file version last looked at (loaded or found broken), so each is judged once. */
  private seen: string;
  private lastProblem = '';

  private constructor(
    readonly path: string,
    private current: SamplingStrategies,
    seen: string,
    private readonly options: StrategiesFileWatcherOptions,
  ) {
    this.seen = seen;
  }

  /** Loads the file (a missing or invalid file is an Error naming it) and starts polling it. */
  static async open(path: string, options: StrategiesFileWatcherOptions = {}): Promise<StrategiesFileWatcher> {
    let version: string;
    let loaded: Awaited<ReturnType<typeof load>>;
    try {
      version = await fileVersion(path);
      loaded = await load(path);
    } catch (e) {
      throw new Error(`sampling strategies file ${path}: ${(e as Error).message}`);
    }
    for (const w of loaded.warnings) options.logger?.warn({ file: path }, `sampling strategies: ${w}`);
    const watcher = new StrategiesFileWatcher(path, loaded.strategies, version, options);
    watcher.schedule();
    return watcher;
  }

  get strategies(): SamplingStrategies {
    return this.current;
  }

  /** One poll: reloads when the file changed. Returns what happened (for tests and the timer). */
  async reloadIfChanged(): Promise<'unchanged' | 'reloaded' | 'failed'> {
    const logger = this.options.logger;
    let version: string;
    try {
      version = await fileVersion(this.path);
    } catch (e) {
      this.problem(`cannot read it: ${(e as Error).message}; the strategies loaded before stay in force`);
      return 'failed';
    }
    if (version === this.seen) return 'unchanged';
    this.seen = version;
    try {
      const loaded = await load(this.path);
      if (this.stopped) return 'unchanged';
      this.current = loaded.strategies;
      this.lastProblem = '';
      for (const w of loaded.warnings) logger?.warn({ file: this.path }, `sampling strategies: ${w}`);
      logger?.info?.({ file: this.path, services: loaded.strategies.serviceStrategies.size }, 'sampling strategies reloaded');
      return 'reloaded';
    } catch (e) {
      this.problem(`${(e as Error).message}; the strategies loaded before stay in force`);
      return 'failed';
    }
  }

  /** Stops polling. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private problem(message: string): void {
    // A file that stays broken is reported once, not on every poll.
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.options.logger?.error({ file: this.path }, `sampling strategies file ${this.path}: ${message}`);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.reloadIfChanged().finally(() => this.schedule());
    }, this.options.reloadIntervalMs ?? DEFAULT_STRATEGIES_RELOAD_INTERVAL_MS);
    // Polling alone must not keep the process alive.
    this.timer.unref();
  }
}

async function fileVersion(path: string): Promise<string> {
  const s = await stat(path, { bigint: true });
  if (!s.isFile()) throw new Error('not a regular file');
  return `${s.ino}:${s.size}:${s.mtimeNs}`;
}

/** Reads and parses the file; errors say what is wrong (the caller names the file). */
async function load(path: string): Promise<ParsedStrategiesFile> {
  return parseStrategiesFile(await readFile(path, 'utf8'));
}
