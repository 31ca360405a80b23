/**
 * The editor and CI never disagree: ESLint with `configs.recommended` over every analyzer
 * fixture and the demo reports, through `no-unapproved-pii-flow` and `known-event`, exactly the
 * (file, line, rule) that `analyze()` reports there (except unused approvals, which only a whole
 * run can know).
 */
import path from 'node:path';
import { clearCaches } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import plugin from '../../rules/index.js';
import { listFixtureProjects, listSourceFiles } from '../analyzer/expectations.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const projects = [...listFixtureProjects(path.join(fixtures, 'analyzer')), path.join(fixtures, 'demo')];
const EDITOR_RULES = new Set([
  'piiguard/unapproved-flow',
  'piiguard/expired-approval',
  'piiguard/weak-hash',
  'piiguard/secret-flow',
  'piiguard/quasi-identifiers',
  'piiguard/untagged-pii',
  'piiguard/unplanned-property',
  'piiguard/unknown-event',
  'piiguard/dynamic-event-name',
]);

describe('ESLint parity with piiguard check', () => {
  // typescript-eslint's project service keeps every project it opened for the life of the
  // process: let them go every few fixtures, so this suite's memory stays bounded (clearing after
  // every one would parse TypeScript's lib files again for each fixture).
  let linted = 0;
  afterEach(() => {
    if (++linted % 8 === 0) clearCaches();
  });

  test.each(projects.map((dir) => [path.relative(fixtures, dir), dir]))('%s', async (_name, dir) => {
    const check = await analyze({ project: path.join(dir, 'tsconfig.json') });
    const expected = check.findings
      .filter((f) => EDITOR_RULES.has(f.ruleId))
      .map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.ruleId}`);

    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const results = await eslint.lintFiles(listSourceFiles(path.join(dir, 'src')));
    const actual = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === 'piiguard/no-unapproved-pii-flow' || m.ruleId === 'piiguard/known-event')
        .map((m) => `${path.relative(check.root, result.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${/\((piiguard\/[a-z-]+)\)$/.exec(m.message)?.[1]}`),
    );
    // ESLint cannot lint a file that does not parse: it shows the parsing error there instead.
    // That is the one place the editor and CI differ (CI still reports the flows in such a file).
    const unparsable = results.filter((r) => r.messages.some((m) => m.fatal)).map((r) => path.relative(check.root, r.filePath).split(path.sep).join('/'));
    expect(unparsable).toEqual(dir.endsWith('bad-input-syntax-error') ? ['src/broken.ts'] : []);
    const comparable = (entry: string) => !unparsable.some((file) => entry.startsWith(file + ':'));
    expect([...new Set(actual)].sort()).toEqual([...new Set(expected)].filter(comparable).sort());
  });
});
