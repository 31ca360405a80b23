/**
 * Vitest reporter: after the run, the slowest test files (time in the worker: import, setup and
 * tests), so that a suite that grows slow says where.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

export default class SlowestFiles implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((module) => {
        const d = module.diagnostic();
        return { file: module.relativeModuleId, ms: d.collectDuration + d.setupDuration + d.duration };
      })
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((row) => row.file.length));
    const lines = rows.map((row) => `  ${row.file.padEnd(width)}  ${(row.ms / 1000).toFixed(1).padStart(6)} s`);
    process.stdout.write(`\nSlowest test files:\n${lines.join('\n')}\n`);
  }
}
