/** Every ESLint rule has a docs page, a test file and an entry in the plugin, the registry and its recommended config. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EDITOR_RULES } from '../../core/rules/index.js';
import plugin from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const HELPERS = ['index.ts', 'entry.ts', 'create-rule.ts', 'program-analysis.ts', 'finding-rule.ts', 'typescript-of.ts'];
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((f) => f.endsWith('.ts') && !HELPERS.includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

/** The preset's rules, whether the preset is one config object or the older array of one. */
function recommendedRules(): Record<string, string> {
  const config = plugin.configs.recommended as unknown;
  return ((Array.isArray(config) ? config[0] : config) as { rules: Record<string, string> }).rules;
}

test('rule files, plugin entries, the registry, docs pages and tests are the same set', () => {
  expect(Object.keys(plugin.rules).sort()).toEqual([...ruleFiles].sort());
  expect(Object.keys(plugin.rules).sort()).toEqual(Object.keys(EDITOR_RULES).sort());
  for (const name of ruleFiles) {
    expect(existsSync(path.join(root, 'docs/rules', `${name}.md`)), `docs/rules/${name}.md`).toBe(true);
    expect(existsSync(path.join(root, 'test/rules', `${name}.test.ts`)), `test/rules/${name}.test.ts`).toBe(true);
    expect((plugin.rules as Record<string, { meta: { docs?: { url?: string } } }>)[name]!.meta.docs?.url).toMatch(
      new RegExp(`docs/rules/${name}\\.md$`),
    );
  }
  expect(Object.keys(recommendedRules()).sort()).toEqual(ruleFiles.map((n) => `piiguard/${n}`).sort());
});

test("recommended severities are check's: what CI fails on is an error, warnings are warnings", () => {
  expect(recommendedRules()).toEqual({
    'piiguard/no-unapproved-pii-flow': 'error',
    'piiguard/no-untagged-pii': 'warn',
    'piiguard/data-minimization': 'warn',
    'piiguard/known-event': 'error',
    'piiguard/no-dynamic-event-name': 'warn',
    'piiguard/no-pii-brand-erasure': 'warn',
    'piiguard/no-weak-pii-hash': 'error',
    'piiguard/analysis-complete': 'warn',
  });
});
