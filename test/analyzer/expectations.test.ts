/** The fixture markers themselves: a known gap passes while it stands and fails once it is fixed. */
import { expect, test } from 'vitest';
import { compareWithExpectations, type Expectation } from './expectations.js';

const at = (line: number) => ({
  ruleId: 'piiguard/unapproved-flow' as const,
  category: 'email',
  location: { file: 'src/a.ts', line, column: 3 },
});
const expect1 = (gap?: Expectation['gap']): Expectation[] => [
  { file: 'src/a.ts', line: 3, rule: 'unapproved-flow', category: 'email', ...(gap ? { gap } : {}) },
];

test('MISSING: passes while the finding is absent, fails once it is reported', () => {
  expect(compareWithExpectations(expect1('missing'), [])).toEqual([]);
  expect(compareWithExpectations(expect1('missing'), [at(3)])).toEqual([
    'gap fixed  src/a.ts:3 unapproved-flow:email is reported now: remove its MISSING marker',
  ]);
});

test('SPURIOUS: passes while the finding is reported, fails once it goes', () => {
  expect(compareWithExpectations(expect1('spurious'), [at(3)])).toEqual([]);
  expect(compareWithExpectations(expect1('spurious'), [])).toEqual([
    'gap fixed  src/a.ts:3 unapproved-flow:email is no longer reported: remove its SPURIOUS marker',
  ]);
});

test('a plain marker: missing and unexpected findings are both named', () => {
  expect(compareWithExpectations(expect1(), [at(4)])).toEqual([
    'missing    src/a.ts:3 unapproved-flow:email',
    'unexpected src/a.ts:4 unapproved-flow:email',
  ]);
});
