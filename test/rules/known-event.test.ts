import path from 'node:path';
import rule from '../../rules/known-event.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('analyzer/wrapper-event-name');
const filename = path.join(project, 'src/app.ts');
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
