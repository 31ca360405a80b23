import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from '../../rules/known-event.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const project = path.resolve(import.meta.dirname, '../../fixtures/analyzer/wrapper-event-name');
const filename = path.join(project, 'src/app.ts');
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: project } } });
const header = `import { track } from './track';
`;

ruleTester.run('known-event', rule, {
  valid: [
    {
      // A constant name, through the app's wrapper: the plan can know it.
      filename,
      code: `${header}const EVENTS = { signup: 'Signed Up' } as const;
export function run() {
  track(EVENTS.signup, {});
}
`,
    },
  ],
  invalid: [
    {
      // The wrapper passes its parameter on as the event name; here it is built at run time.
      filename,
      code: `${header}export function run(screen: string) {
  track('Viewed ' + screen, {});
}
`,
      errors: [{ messageId: 'dynamic', line: 3, column: 3, data: { message: 'the event name of this mixpanel call is not a compile-time constant' } }],
    },
  ],
});
