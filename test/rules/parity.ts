/**
 * The editor and CI never disagree: ESLint with `configs.recommended` over every analyzer
 * fixture and the demo reports, through the ESLint rule the registry names for each check rule
 * (core/rules/), exactly the findings that `analyze()` reports there — same check rule, same
 * message, same severity, at the leaking value as written in the call (or at the call) — except
 * for the rules the registry says the editor cannot show (unused approvals: only a whole run can
 * know them).
 */
import path from 'node:path';
import { clearCaches } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { getFindingSite } from '../../core/analysis.js';
import { getEditorRule, getRulesShownBy, RULE_IDS, RULES, type EditorRule } from '../../core/rules/index.js';
import plugin from '../../rules/index.js';
import { listFixtureProjects, listSourceFiles } from '../analyzer/expectations.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const allProjects = [...listFixtureProjects(path.join(fixtures, 'analyzer')), path.join(fixtures, 'demo')];
const SHARDS = 2;
const EDITOR_SHOWN = new Set(RULE_IDS.filter((id) => getEditorRule(id) !== undefined));
const SEVERITY = { 1: 'warning', 2: 'error' } as const;

/**
 * The parity suite over one share of the fixtures (`shard` of SHARDS, every SHARDS-th fixture):
 * parity-1.test.ts and parity-2.test.ts run one each, so the two halves run on two cores.
 */
export function describeParity(shard: number): void {
  const projects = allProjects.filter((_, i) => i % SHARDS === shard - 1);
  describe(`ESLint parity with piiguard check (${shard} of ${SHARDS})`, () => {
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
        // The preset lints TypeScript files (its `files`): JavaScript under `allowJs` is checked by `check` alone.
        .filter((f) => EDITOR_SHOWN.has(f.ruleId) && /\.(c|m)?tsx?$/.test(f.location.file))
        .map((f) => {
          // The editor underlines what the finding points at: the leaking value, or the callee.
          const node = getFindingSite(f)!.target ?? getFindingSite(f)!.node;
          const file = node.getSourceFile();
          const at = file.getLineAndCharacterOfPosition(node.getStart(file));
          // ESLint's severity is the preset's, from the registry: a config that raises the heuristics
          // to errors ("heuristics": "error") is followed in ESLint by raising no-untagged-pii.
          return `${f.location.file}:${at.line + 1}:${at.character + 1} ${getEditorRule(f.ruleId)} ${RULES[f.ruleId].severity} ${f.message} (${f.ruleId})`;
        });

      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
      const results = await eslint.lintFiles(listSourceFiles(path.join(dir, 'src')));
      const actual = results.flatMap((result) =>
        result.messages
          // The file checks (brand erasure, weak hashes) are the editor's own, with no check rule.
          .filter((m) => !m.fatal && getRulesShownBy(m.ruleId!.replace(/^piiguard\//, '') as EditorRule).length > 0)
          .map(
            (m) =>
              `${path.relative(check.root, result.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId?.replace(/^piiguard\//, '')} ${SEVERITY[m.severity]} ${m.message}`,
          ),
      );
      // ESLint cannot lint a file that does not parse: it shows the parsing error there instead.
      // That is the one place the editor and CI differ (CI still reports the flows in such a file).
      const unparsable = results
        .filter((r) => r.messages.some((m) => m.fatal))
        .map((r) => path.relative(check.root, r.filePath).split(path.sep).join('/'));
      expect(unparsable).toEqual(dir.endsWith('bad-input-syntax-error') ? ['src/broken.ts'] : []);
      const comparable = (entry: string) => !unparsable.some((file) => entry.startsWith(file + ':'));
      expect([...new Set(actual)].sort()).toEqual([...new Set(expected)].filter(comparable).sort());
    });
  });
}
