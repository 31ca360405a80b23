/**
 * The benchmark's generated app plants a known set of leaks: check must find exactly those, so
 * the speed figures are figures of a correct analysis.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
// @ts-expect-error -- plain ESM JavaScript without types
import { generateApp } from '../../bench/generate.mjs';

test('check finds exactly the leaks the generator plants', async () => {
  const dir = path.resolve(import.meta.dirname, '../../bench/.work/test-app-60');
  const { leaks } = generateApp(dir, 60) as { leaks: Array<{ file: string; line: number; rule: string }> };
  try {
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
    const found = result.findings.map((f) => ({ file: f.location.file, line: f.location.line, rule: f.ruleId }));
    expect(found).toEqual(leaks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
