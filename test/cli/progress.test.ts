import { describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { createProgressLine } from '../../analyzer/progress.js';
import type { AnalyzeOptions } from '../../analyzer/options.js';
import { ConfigError } from '../../core/errors.js';
import { emailToPosthog, makeIo, makeResult } from './helpers.js';

const CLEAR = '\r\u001b[2K';

function recorder() {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text) } };
}

describe('createProgressLine', () => {
  test('rewrites one line, at most once per interval, and erases it', () => {
    const { writes, stream } = recorder();
    let time = 1000;
    const progress = createProgressLine(stream, { enabled: true, now: () => time });
    progress.onProgress!({ phase: 'checking files', done: 1, total: 40 });
    time += 50;
    progress.onProgress!({ phase: 'checking files', done: 2, total: 40 }); // too soon: dropped
    time += 60;
    progress.onProgress!({ phase: 'checking files', done: 9, total: 40 });
    time += 100;
    progress.onProgress!({ phase: 'linking wrappers', done: 0, total: 0 });
    progress.erase();
    progress.erase(); // twice is harmless
    expect(writes).toEqual([
      `${CLEAR}piiguard: checking files 1/40`,
      `${CLEAR}piiguard: checking files 9/40`,
      `${CLEAR}piiguard: linking wrappers`,
      CLEAR,
    ]);
  });

  test('keeps the line narrower than the terminal, so it never wraps', () => {
    const { writes, stream } = recorder();
    const progress = createProgressLine(stream, { enabled: true, columns: 30, now: () => 0 });
    progress.onProgress!({ phase: 'resolving sink declarations', done: 1200, total: 4000 });
    expect(writes).toEqual([`${CLEAR}piiguard: resolving sink dec…`]);
    expect(writes[0]!.length - CLEAR.length).toBe(29);
  });

  test('writes nothing when disabled, and offers the engine no callback', () => {
    const { writes, stream } = recorder();
    const progress = createProgressLine(stream, { enabled: false });
    expect(progress.onProgress).toBeUndefined();
    progress.erase();
    expect(writes).toEqual([]);
  });

  test('erases nothing when nothing was shown', () => {
    const { writes, stream } = recorder();
    createProgressLine(stream, { enabled: true }).erase();
    expect(writes).toEqual([]);
  });
});

describe('the progress line in check', () => {
  // An engine that reports three steps 150 ms apart on the injected clock.
  function progressingAnalyze(clock: { time: number }, fail?: Error) {
    return async (options: AnalyzeOptions) => {
      for (let done = 1; done <= 3; done++) {
        options.onProgress?.({ phase: 'checking files', done, total: 3 });
        clock.time += 150;
      }
      if (fail) throw fail;
      return makeResult([emailToPosthog]);
    };
  }

  test('on a terminal: shown on stderr while working, erased before the report', async () => {
    const clock = { time: 0 };
    const io = makeIo({ stderrIsTTY: true, now: () => clock.time });
    expect(await runCli(['check'], io, { analyze: progressingAnalyze(clock) })).toBe(1);
    expect(io.writes.map(({ stream, text }) => (stream === 'stderr' ? text : 'REPORT'))).toEqual([
      `${CLEAR}piiguard: checking files 1/3`,
      `${CLEAR}piiguard: checking files 2/3`,
      `${CLEAR}piiguard: checking files 3/3`,
      CLEAR,
      'REPORT',
    ]);
    expect(io.out()).not.toContain('\r');
  });

  test('not a terminal: nothing on stderr at all', async () => {
    const clock = { time: 0 };
    const io = makeIo({ stderrIsTTY: false, stdoutIsTTY: true, now: () => clock.time });
    expect(await runCli(['check'], io, { analyze: progressingAnalyze(clock) })).toBe(1);
    expect(io.err()).toBe('');
  });

  test('erased before an error message too', async () => {
    const clock = { time: 0 };
    const io = makeIo({ stderrIsTTY: true, now: () => clock.time });
    const analyze = progressingAnalyze(clock, new ConfigError('piiguard.config.json: sinks[0].module — expected a string, got 3'));
    expect(await runCli(['check'], io, { analyze })).toBe(2);
    expect(io.err()).toMatch(/3\/3\r\u001b\[2Kpiiguard: piiguard\.config\.json: sinks\[0\]\.module — expected a string, got 3\n$/);
  });
});
