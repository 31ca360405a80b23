/** Every rule has a docs page, a test file and an entry in the plugin and its recommended config. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import plugin from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'entry.ts', 'create-rule.ts', 'program-analysis.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

test('rule files, plugin entries, docs pages and tests are the same set', () => {
  expect(Object.keys(plugin.rules).sort()).toEqual([...ruleFiles].sort());
  for (const name of ruleFiles) {
    expect(existsSync(path.join(root, 'docs/rules', `${name}.md`)), `docs/rules/${name}.md`).toBe(true);
    expect(existsSync(path.join(root, 'test/rules', `${name}.test.ts`)), `test/rules/${name}.test.ts`).toBe(true);
    expect((plugin.rules as Record<string, { meta: { docs?: { url?: string } } }>)[name]!.meta.docs?.url).toMatch(new RegExp(`docs/rules/${name}\\.md$`));
  }
  const recommended = (plugin.configs.recommended as Array<{ rules: Record<string, string> }>)[0]!.rules;
  expect(Object.keys(recommended).sort()).toEqual(ruleFiles.map((n) => `piiguard/${n}`).sort());
});

test('recommended severities: what CI fails on is an error, hints are warnings', () => {
  const recommended = (plugin.configs.recommended as Array<{ rules: Record<string, string> }>)[0]!.rules;
  expect(recommended).toEqual({
    'piiguard/no-unapproved-pii-flow': 'error',
    'piiguard/known-event': 'warn',
    'piiguard/no-pii-brand-erasure': 'warn',
    'piiguard/no-weak-pii-hash': 'error',
  });
});
