import path from 'node:path';
import rule from '../../rules/data-minimization.js';
import { createRuleTester } from './rule-tester.js';

const quasi = createRuleTester('analyzer/rules-quasi-identifiers');
const quasiHeader = `import ReactGA from 'react-ga4';
import { ageBand } from 'piiguard/runtime';
import type { Profile } from './model';
`;

quasi.ruleTester.run('data-minimization (quasi-identifiers)', rule, {
  valid: [
    {
      // Coarsened, the three no longer combine to single a person out.
      filename: path.join(quasi.project, 'src/app.ts'),
      code: `${quasiHeader}export function report(profile: Profile) {
  ReactGA.event('profile_coarse', { age: ageBand(profile.birthDate), zip: profile.postalCode, gender: profile.gender });
}
`,
    },
  ],
  invalid: [
    {
      // Date of birth, postal code and gender in one event: reported at the callee.
      filename: path.join(quasi.project, 'src/app.ts'),
      code: `${quasiHeader}export function report(profile: Profile) {
  ReactGA.event('profile_completed', { birth: profile.birthDate, zip: profile.postalCode, gender: profile.gender });
}
`,
      errors: [
        {
          messageId: 'quasi-identifiers',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 16,
          data: {
            message:
              'one google-analytics call (event "profile_completed") carries 3 quasi-identifiers together (date-of-birth, gender, postal-code); combined they can single out a person',
          },
        },
      ],
    },
  ],
});

const plan = createRuleTester('analyzer/rules-unplanned-property');
const planHeader = `import posthog from 'posthog-js';
import type { User } from './model';
`;

plan.ruleTester.run('data-minimization (unplanned-property)', rule, {
  valid: [
    {
      // Every property is in the plan of "Signup Completed".
      filename: path.join(plan.project, 'src/app.ts'),
      code: `${planHeader}export function report(user: User) {
  posthog.capture('Signup Completed', { userId: user.id, plan: user.plan });
}
`,
    },
  ],
  invalid: [
    {
      // The plan does not list the email: minimize() drops it at run time; it is collected for nothing.
      filename: path.join(plan.project, 'src/app.ts'),
      code: `${planHeader}export function report(user: User) {
  posthog.capture('Signup Completed', { userId: user.id, email: user.email });
}
`,
      errors: [
        {
          messageId: 'unplanned-property',
          line: 4,
          column: 65,
          endLine: 4,
          endColumn: 75,
          data: {
            message:
              'email in property "email" of event "Signup Completed" to posthog is not in the tracking plan; minimize() drops it at run time',
          },
        },
      ],
    },
  ],
});
