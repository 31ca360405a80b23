/**
 * The rule registry (core/rules/) is complete: every rule file is registered, and every rule has
 * docs, an editor decision, a build decision and a fixture that shows it. A new finding kind
 * that lacks one of them fails here, not in a user's editor.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EDITOR_RULES, getEditorSeverity, getRulesShownBy, RULE_IDS, RULES, getRule, type EditorRule } from '../../core/rules/index.js';
import plugin from '../../rules/index.js';
import { listFixtureProjects, readExpectations } from '../analyzer/expectations.js';

const root = path.resolve(import.meta.dirname, '../..');
const ruleFiles = readdirSync(path.join(root, 'core/rules'))
  .filter((file) => file.endsWith('.ts') && !['define.ts', 'index.ts'].includes(file))
  .map((file) => `piiguard/${file.replace(/\.ts$/, '')}`);

// Every fixture project: the analyzer's, the transformer's, the demo, the monorepo.
const fixtureProjects = [
  ...['analyzer', 'transformer'].flatMap((dir) => listFixtureProjects(path.join(root, 'fixtures', dir))),
  path.join(root, 'fixtures/demo'),
  path.join(root, 'fixtures/monorepo'),
];
const expectedRules = new Set(
  fixtureProjects.flatMap((dir) =>
    readExpectations(dir)
      .filter((e) => e.gap === undefined)
      .map((e) => `piiguard/${e.rule}`),
  ),
);

test('every file of core/rules/ is a registered rule, named after its file', () => {
  expect([...RULE_IDS].sort()).toEqual(ruleFiles.sort());
});

describe.each(RULE_IDS.map((id) => [id]))('%s', (id) => {
  const rule = getRule(id);

  test('has docs: meaning, an example marked where it is reported, a fix', () => {
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.docs.meaning.length).toBeGreaterThan(80);
    expect(rule.docs.example).toMatch(/reported/);
    expect(rule.docs.fix.length).toBeGreaterThan(20);
  });

  test('has an editor decision: an ESLint rule of the plugin, or why the editor cannot show it', () => {
    if (typeof rule.editor === 'string') expect(Object.keys(plugin.rules)).toContain(rule.editor);
    else expect(rule.editor.none.length).toBeGreaterThan(30);
  });

  test('has a build decision; what fails a build is an error', () => {
    expect(['fail', 'ignore']).toContain(rule.build);
    if (rule.build === 'fail') expect(rule.severity).toBe('error');
  });

  test('a fixture expects it inline (or in its expect.json)', () => {
    expect(expectedRules.has(id), `no fixture under fixtures/ carries a "$ ${id.slice('piiguard/'.length)}" expectation`).toBe(true);
  });
});

describe.each((Object.keys(EDITOR_RULES) as EditorRule[]).map((name) => [name]))('ESLint rule piiguard/%s', (name) => {
  test('the check rules it shows share one default severity: its severity in the preset', () => {
    const shown = getRulesShownBy(name);
    for (const id of shown) expect(RULES[id].severity, id).toBe(getEditorSeverity(name));
  });
});
