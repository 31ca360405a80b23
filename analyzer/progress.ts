/**
 * The progress line of `piiguard check` on a terminal's stderr. Its jobs:
 * - turn the engine's `onProgress` events into one line, rewritten in place (`\r`, clear line);
 * - rewrite at most once per interval, so a fast engine does not flood a slow terminal;
 * - keep the line shorter than the terminal, since a wrapped line cannot be rewritten;
 * - erase it before the report prints.
 * On anything but a terminal it writes nothing: logs in CI get the report, not `\r` noise.
 */
export interface ProgressEvent {
  phase: string;
  done: number;
  total: number;
}

export interface ProgressLineOptions {
  /** Only true when stderr is a terminal. */
  enabled: boolean;
  /** Terminal width; the line is cut to fit. Default 80. */
  columns?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
  /** Minimum time between two rewrites. Default 100 ms. */
  intervalMs?: number;
}

export interface ProgressLine {
  /** Pass to `analyze({ onProgress })`; `undefined` when disabled, so the engine need not report. */
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  /** Erases the line if one is showing. Safe to call more than once. */
  erase(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

export function createProgressLine(stream: { write(text: string): unknown }, options: ProgressLineOptions): ProgressLine {
  if (!options.enabled) return { onProgress: undefined, erase() {} };
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 100;
  const width = Math.max(20, (options.columns ?? 80) - 1);
  let lastWrite: number | undefined;
  let showing = false;

  return {
    onProgress(event) {
      const time = now();
      if (lastWrite !== undefined && time - lastWrite < intervalMs) return;
      lastWrite = time;
      stream.write(CLEAR_LINE + truncate(formatProgress(event), width));
      showing = true;
    },
    erase() {
      if (!showing) return;
      stream.write(CLEAR_LINE);
      showing = false;
    },
  };
}

function formatProgress({ phase, done, total }: ProgressEvent): string {
  return total > 0 ? `piiguard: ${phase} ${done}/${total}` : `piiguard: ${phase}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}
