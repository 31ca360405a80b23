/**
 * The one harness for the analyzer fixtures: each project under fixtures/analyzer/ and the demo
 * app is checked once, and
 * - its findings must equal the expectations it carries inline, and
 * - the editor and CI never disagree: ESLint with `configs.recommended` over the same files
 *   reports, through the ESLint rule the registry names for each check rule (core/rules/),
 *   exactly the findings that `analyze()` reports there — same check rule, same message, same
 *   severity, at the leaking value as written in the call (or at the call) — except for the rules
 *   the registry says the editor cannot show (unused approvals: only a whole run can know them).
 *
 * ESLint is given the program `analyze()` built (typescript-eslint's `programs`), as an editor
 * that shares one language service would, so each fixture is parsed, bound and type-checked once.
 * A fixture with project references is linted through the project service instead: ESLint's
 * own view of such a project is the point of comparing.
 */
import path from 'node:path';
import { clearCaches } from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { AnalysisSession } from '../../analyzer/session.js';
import { getFindingSite } from '../../core/analysis.js';
import { getEditorRule, getRulesShownBy, RULE_IDS, RULES, type EditorRule } from '../../core/rules/index.js';
import plugin from '../../rules/index.js';
import { compareWithExpectations, isJavaScriptProject, listFixtureProjects, listSourceFiles, readExpectations } from './expectations.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const allProjects = [...listFixtureProjects(path.join(fixtures, 'analyzer')), path.join(fixtures, 'demo')];
/** fixtures-1.test.ts … fixtures-N.test.ts each run every SHARDS-th fixture, so the cores share them. */
export const SHARDS = 3;
const EDITOR_SHOWN = new Set(RULE_IDS.filter((id) => getEditorRule(id) !== undefined));
const SEVERITY = { 1: 'warning', 2: 'error' } as const;

export function describeFixtures(shard: number): void {
  const projects = allProjects.filter((_, i) => i % SHARDS === shard - 1);
  // typescript-eslint's project service keeps every project it opened for the life of the
  // process: let them go every few fixtures, so the suite's memory stays bounded.
  let linted = 0;
  afterEach(() => {
    if (++linted % 16 === 0) clearCaches();
  });

  describe.each(projects.map((dir) => [path.relative(fixtures, dir), dir]))('%s', (_name, dir) => {
    let check: AnalyzeResult;
    const session = new AnalysisSession();
    beforeAll(async () => {
      check = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22', session });
    });

    test('the findings are the inline expectations', () => {
      expect(check.problems.filter((p) => p.kind !== 'unreadable-file')).toEqual([]);
      expect(compareWithExpectations(readExpectations(dir), check.findings)).toEqual([]);
    });

    test('ESLint reports the same findings', async () => {
      // The preset lints TypeScript files (its `files`); in a project that analyses JavaScript
      // (`allowJs`) the harness applies it to the .js files as well, as a user of JSDoc types
      // would, so the editor's view of them is compared too.
      const js = isJavaScriptProject(dir);
      const expected = check.findings
        .filter((f) => EDITOR_SHOWN.has(f.ruleId) && (js || /\.(c|m)?tsx?$/.test(f.location.file)))
        .map((f) => {
          // The editor underlines what the finding points at: the leaking value, or the callee.
          const node = getFindingSite(f)!.target ?? getFindingSite(f)!.node;
          const file = node.getSourceFile();
          const at = file.getLineAndCharacterOfPosition(node.getStart(file));
          // ESLint's severity is the preset's, from the registry: a config that raises the heuristics
          // to errors ("heuristics": "error") is followed in ESLint by raising no-untagged-pii.
          return `${f.location.file}:${at.line + 1}:${at.character + 1} ${getEditorRule(f.ruleId)} ${RULES[f.ruleId].severity} ${f.message} (${f.ruleId})`;
        });

      const files = listSourceFiles(path.join(dir, 'src'), { js });
      const programs = [...session.programs.values()];
      const shared = programs.length === 1 && files.every((file) => programs[0]!.getSourceFile(file) !== undefined);
      const overrideConfig: Linter.Config[] = [plugin.configs.recommended as Linter.Config];
      if (js) overrideConfig.push({ ...(plugin.configs.recommended as Linter.Config), files: ['**/*.{js,jsx,mjs,cjs}'] });
      if (shared) overrideConfig.push({ languageOptions: { parserOptions: { projectService: false, programs } } });
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig });
      const results = await eslint.lintFiles(files);
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
