import path from 'node:path';
import rule from '../../rules/no-untagged-pii.js';
import { createRuleTester } from './rule-tester.js';

// No tags anywhere: the heuristics judge names.
const { ruleTester, project } = createRuleTester('analyzer/heuristics-untagged');
const filename = path.join(project, 'src/app.ts');
const header = `import posthog from 'posthog-js';
`;

ruleTester.run('no-untagged-pii', rule, {
  valid: [
    {
      // A look-alike: a boolean about an email carries none of it.
      filename,
      code: `${header}export function run(form: { emailVerified: boolean; plan: string }) {
  posthog.capture('Verified', { verified: form.emailVerified, plan: form.plan });
}
`,
    },
  ],
  invalid: [
    {
      // An untagged value named like an email reaches PostHog: underlined where it is written.
      filename,
      code: `${header}export function run(form: { email: string }) {
  posthog.capture('Signed Up', { email: form.email });
}
`,
      errors: [
        {
          messageId: 'untagged-pii',
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 51,
          data: {
            message:
              '"email" looks like email and reaches posthog (event "Signed Up") untagged; tag it (a piiguard type or @pii email) or stop sending it',
          },
          suggestions: [
            {
              messageId: 'pseudonymize',
              data: { category: 'email' },
              output: `import { pseudonymize } from 'piiguard/runtime';
${header}export function run(form: { email: string }) {
  posthog.capture('Signed Up', { email: pseudonymize(form.email, 'email') });
}
`,
            },
            {
              messageId: 'removeProperty',
              data: { property: 'email' },
              output: `${header}export function run(form: { email: string }) {
  posthog.capture('Signed Up', {  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
