import path from 'node:path';
import rule from '../../rules/no-dynamic-event-name.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('analyzer/wrapper-event-name');
const filename = path.join(project, 'src/app.ts');
const header = `import { track } from './track';
`;

ruleTester.run('no-dynamic-event-name', rule, {
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
    {
      // One of several constants is judged as each of them, not as dynamic.
      filename,
      code: `${header}export function run(isNew: boolean) {
  track(isNew ? 'Signed Up' : 'Logged In', {});
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
      errors: [
        {
          messageId: 'dynamic-event-name',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 8,
          data: { message: 'the event name of this mixpanel call is not a compile-time constant' },
        },
      ],
    },
  ],
});
