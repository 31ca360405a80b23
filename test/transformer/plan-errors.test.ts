/**
 * What a build refuses, fixture by fixture: the errors the transformer's plan reports for each
 * project under fixtures/transformer/ are exactly its inline expectations of the rules a build
 * fails on (core/rules/: `build: 'fail'`) — the unapproved flows while `onUnapproved` is "error"
 * (the default), and always `piiguard/transform`: values the rewrite cannot reach (which check
 * reports too, test/transformer/agreement.test.ts) and a pseudonymization key whose variable is
 * not set where the build runs (which only a build can know).
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { loadConfigSync, loadProject } from '../../core/index.js';
import { getRule, type RuleId } from '../../core/rules/index.js';
import { planProgram } from '../../transformer/plan.js';
import { listFixtureProjects, readExpectations } from '../analyzer/expectations.js';
import { fixtureEnv, fixtures } from './helpers.js';

describe('plan errors equal the build-failing expectations inline', () => {
  test.each(listFixtureProjects(fixtures).map((dir) => [path.basename(dir), dir]))('%s', (_name, dir) => {
    const config = loadConfigSync({ cwd: dir });
    const project = loadProject(ts, path.join(dir, 'tsconfig.json'));
    const plan = planProgram({ ts, program: project.program, config, files: project.files, today: '2026-11-22', env: fixtureEnv });
    const errors = [...plan.files.values()].flatMap((file) =>
      file.errors.map((e) => `${e.file}:${e.line} ${e.ruleId.slice('piiguard/'.length)}`),
    );
    const failsOn = (rule: RuleId) =>
      getRule(rule).build === 'fail' && (rule === 'piiguard/transform' || config.config.onUnapproved === 'error');
    const expected = readExpectations(dir)
      .filter((e) => failsOn(`piiguard/${e.rule}` as RuleId))
      .map((e) => `${e.file}:${e.line} ${e.rule}`);
    expect([...new Set(errors)].sort()).toEqual([...new Set(expected)].sort());
  });

  test('the missing key: one error at the value the build would pseudonymize, naming the variable', () => {
    const dir = path.join(fixtures, 'missing-key');
    const project = loadProject(ts, path.join(dir, 'tsconfig.json'));
    const plan = planProgram({ ts, program: project.program, config: loadConfigSync({ cwd: dir }), files: project.files, env: {} });
    expect([...plan.files.values()].flatMap((file) => file.errors)).toEqual([
      {
        start: expect.any(Number),
        length: 0,
        line: 7,
        column: 41,
        file: 'src/app.ts',
        ruleId: 'piiguard/transform',
        message:
          "no pseudonymization key: pseudonymization.keyEnv names PIIGUARD_MISSING_KEY, which is not set in the build's environment; piiguard never falls back to an unkeyed hash (piiguard/transform)",
        kind: 'key',
      },
    ]);
  });
});
