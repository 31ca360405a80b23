/**
 * `piiguard check --watch`: after the first report, every change to a file under the project's
 * directory (not node_modules, not dot-directories, not build output) runs the check again, with
 * the parsed files, programs and answers of the last run reused (AnalysisSession): a save costs
 * what it changed. Changes that arrive while a check runs are gathered into the next one.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { CliIo } from './cli.js';

const SETTLE_MS = 25;
const IGNORED = /(^|[\\/])(node_modules|\.[^\\/]+|dist|build|coverage)([\\/]|$)/;

export async function watchProject(io: CliIo, signal: AbortSignal | undefined, runOnce: () => Promise<number>): Promise<number> {
  await runOnce();
  io.stderr.write('piiguard: watching for changes (Ctrl-C stops)\n');
  let watcher: FSWatcher;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  const rerun = async (): Promise<void> => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      do {
        pending = false;
        const start = performance.now();
        await runOnce();
        io.stderr.write(`piiguard: checked again in ${Math.round(performance.now() - start)} ms; watching for changes\n`);
      } while (pending);
    } finally {
      running = false;
    }
  };
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      clearTimeout(timer);
      watcher?.close();
      process.off('SIGINT', stop);
      resolve(0);
    };
    watcher = watch(io.cwd, { recursive: true }, (_event, name) => {
      if (name && IGNORED.test(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void rerun(), SETTLE_MS);
    });
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
  });
}
