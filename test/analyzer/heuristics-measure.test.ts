/**
 * Recall and precision of the heuristics (the untagged mode) on the measuring fixture
 * fixtures/analyzer/heuristics-clear-text-logging: untagged JS and TS in the style of the public
 * clear-text-logging suites. Every marked line is a leak of one category (a `MISSING:` marker is a
 * leak piiguard does not find yet); every other line, and a `SPURIOUS:` marker, is a look-alike.
 * A finding counts when its line and category are right; the rule (secret-flow for credentials,
 * untagged-pii for the rest) is checked exactly by test/analyzer/fixtures.ts.
 * `PIIGUARD_MEASURE=1` prints the numbers and the lines that differ.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { readExpectations, type Expectation } from './expectations.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/analyzer/heuristics-clear-text-logging');

export interface Measure {
  recall: number;
  precision: number;
  missed: string[];
  spurious: string[];
  wrongRule: string[];
}

export function measure(
  expectations: Expectation[],
  findings: Array<{ ruleId: string; category: string | null; location: { file: string; line: number } }>,
): Measure {
  const key = (file: string, line: number, category: string | null | undefined) => `${file}:${line} ${category ?? ''}`;
  const leaks = new Map(expectations.filter((e) => e.gap !== 'spurious').map((e) => [key(e.file, e.line, e.category), e]));
  const found = new Map(findings.map((f) => [key(f.location.file, f.location.line, f.category), f]));
  const hits = [...found.keys()].filter((k) => leaks.has(k));
  const wrongRule = hits.filter((k) => found.get(k)!.ruleId !== `piiguard/${leaks.get(k)!.rule}`);
  return {
    recall: leaks.size === 0 ? 1 : hits.length / leaks.size,
    precision: found.size === 0 ? 1 : hits.length / found.size,
    missed: [...leaks.keys()].filter((k) => !found.has(k)),
    spurious: [...found.keys()].filter((k) => !leaks.has(k)),
    wrongRule,
  };
}

test('the heuristics find ≥ 95% of the leaks in the measuring fixture, with ≥ 95% precision', async () => {
  const result = await analyze({ project: path.join(fixture, 'tsconfig.json') });
  const m = measure(readExpectations(fixture), result.findings);
  if (process.env.PIIGUARD_MEASURE) console.log(JSON.stringify(m, null, 2));
  expect(m.recall).toBeGreaterThanOrEqual(0.95);
  expect(m.precision).toBeGreaterThanOrEqual(0.95);
});
