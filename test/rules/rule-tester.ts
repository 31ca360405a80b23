/**
 * typescript-eslint's RuleTester on vitest, with typed linting (`projectService`) rooted at a
 * fixture project: the one setup every rule suite shares.
 */
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A tester for the fixture project at `fixtures/<project>`. */
export function createRuleTester(project: string): { ruleTester: RuleTester; project: string } {
  const root = path.resolve(import.meta.dirname, '../../fixtures', project);
  return {
    ruleTester: new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } }),
    project: root,
  };
}
