import path from 'node:path';
import rule from '../../rules/no-unapproved-pii-flow.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('analyzer/wrapper-two-hops');
const filename = path.join(project, 'src/screens/signup.ts');

const header = `import { trackEvent } from '../analytics/track';
import type { User } from '../model';
`;

ruleTester.run('no-unapproved-pii-flow', rule, {
  valid: [
    {
      // Only the untagged plan goes through the wrapper.
      filename,
      code: `${header}export function onSignup(user: User) {
  trackEvent('Plan Chosen', { plan: user.plan });
}
`,
    },
    {
      // Taint ends at .length: a count carries nothing of the email.
      filename,
      code: `${header}export function onSignup(user: User) {
  trackEvent('Signed Up', { emailLength: user.email.length });
}
`,
    },
  ],
  invalid: [
    {
      // The email enters the app's wrapper here; the wrapper sends it to PostHog two calls deep.
      filename,
      code: `${header}export function onSignup(user: User) {
  trackEvent('Signed Up', { email: user.email, plan: user.plan });
}
`,
      errors: [
        {
          // Underlined: the leaking value as written in the call, not the wrapper.
          messageId: 'unapproved-flow',
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 46,
          data: {
            message: 'email reaches posthog (event "Signed Up") raw; no allow entry approves it',
            ruleId: 'piiguard/unapproved-flow',
          },
          suggestions: [
            {
              messageId: 'pseudonymize',
              data: { category: 'email' },
              output: `import { pseudonymize } from 'piiguard/runtime';
${header}export function onSignup(user: User) {
  trackEvent('Signed Up', { email: pseudonymize(user.email, 'email'), plan: user.plan });
}
`,
            },
            {
              messageId: 'removeProperty',
              data: { property: 'email' },
              output: `${header}export function onSignup(user: User) {
  trackEvent('Signed Up', { plan: user.plan });
}
`,
            },
          ],
        },
      ],
    },
    {
      // A shorthand property is expanded, and an existing runtime import is not added twice.
      filename,
      code: `import { pseudonymize } from 'piiguard/runtime';
${header}export function onSignup(user: User) {
  const phone = user.phone;
  trackEvent('Verified', { plan: user.plan, phone });
}
`,
      errors: [
        {
          // A shorthand property: the value is its name.
          messageId: 'unapproved-flow',
          line: 6,
          column: 45,
          endLine: 6,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'pseudonymize',
              data: { category: 'phone' },
              output: `import { pseudonymize } from 'piiguard/runtime';
${header}export function onSignup(user: User) {
  const phone = user.phone;
  trackEvent('Verified', { plan: user.plan, phone: pseudonymize(phone, 'phone') });
}
`,
            },
            {
              messageId: 'removeProperty',
              data: { property: 'phone' },
              output: `import { pseudonymize } from 'piiguard/runtime';
${header}export function onSignup(user: User) {
  const phone = user.phone;
  trackEvent('Verified', { plan: user.plan });
}
`,
            },
          ],
        },
      ],
    },
    {
      // A property on a line of its own is removed with its line and the comment that ends it.
      filename,
      code: `${header}export function onSignup(user: User) {
  trackEvent('Signed Up', {
    email: user.email, // the address, for the welcome mail
    plan: user.plan,
  });
}
`,
      errors: [
        {
          messageId: 'unapproved-flow',
          line: 5,
          column: 12,
          suggestions: [
            {
              messageId: 'pseudonymize',
              data: { category: 'email' },
              output: `import { pseudonymize } from 'piiguard/runtime';
${header}export function onSignup(user: User) {
  trackEvent('Signed Up', {
    email: pseudonymize(user.email, 'email'), // the address, for the welcome mail
    plan: user.plan,
  });
}
`,
            },
            {
              messageId: 'removeProperty',
              data: { property: 'email' },
              output: `${header}export function onSignup(user: User) {
  trackEvent('Signed Up', {
    plan: user.plan,
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
