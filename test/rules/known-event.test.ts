import path from 'node:path';
import rule from '../../rules/known-event.js';
import { createRuleTester } from './rule-tester.js';

// strictEvents is on, and the plan lists "Signup Completed" only.
const { ruleTester, project } = createRuleTester('analyzer/rules-unknown-event');
const filename = path.join(project, 'src/app.ts');
const header = `import posthog from 'posthog-js';
import type { User } from './model';
import { track } from './track';
`;

ruleTester.run('known-event', rule, {
  valid: [
    {
      // The event is in the tracking plan, sent directly and through the app's wrapper.
      filename,
      code: `${header}export function run(user: User) {
  posthog.capture('Signup Completed', { plan: user.plan });
  track('Signup Completed', { plan: user.plan });
}
`,
    },
  ],
  invalid: [
    {
      // Not in the plan: reported at the callee, the call as a whole is the problem.
      filename,
      code: `${header}export function run(user: User) {
  posthog.capture('Signup Done', { plan: user.plan });
}
`,
      errors: [
        {
          messageId: 'unknown-event',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 18,
          data: { message: 'event "Signup Done" sent to posthog is not in the tracking plan' },
        },
      ],
    },
    {
      // Through the wrapper, the name is judged where it is written.
      filename,
      code: `${header}export function run(user: User) {
  track('Signup Finished', { plan: user.plan });
}
`,
      errors: [
        {
          messageId: 'unknown-event',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 8,
          data: { message: 'event "Signup Finished" sent to posthog is not in the tracking plan' },
        },
      ],
    },
  ],
});
