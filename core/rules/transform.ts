import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/transform',
  severity: 'error',
  description: 'The build cannot rewrite a telemetry call as the policy requires, or cannot pseudonymize at all.',
  scope: 'flow',
  // The value out of reach is a fact of the code (core/rewrite.ts): check and the editor report it
  // as the build does. The key is a fact of the build's environment, which only the build reports.
  editor: 'no-unapproved-pii-flow',
  build: 'fail',
  message: (d: { problem: string }) => d.problem,
  docs: {
    meaning:
      'With `"transform": true`, verdicts are about what the build sends after its rewrite, so they hold only where the rewrite reaches the value. `piiguard check`, the editor and the build report the same flows here, with the same message: a value the policy wants rewritten sits where the rewrite cannot reach it (inside a variable, a spread or a computed payload, so neither a wrapper nor minimize() can be applied to it alone; or a `generalize:precise-location` value, which only minimize() can generalize, in a payload minimize() cannot wrap), so the build would fail on it. The build also reports it when it has no usable pseudonymization key (`pseudonymization.keyEnv` names a variable that is not set, or the key is too short): piiguard never falls back to an unkeyed hash, so the build fails.',
    example: `// piiguard.config.json: { "transform": true, "allow": [{ "category": "email", "form": "pseudonymized", … }] }
posthog.capture('Signed Up', { ...user }); // reported: the email inside the spread cannot be wrapped`,
    fix: "Pass the value as its own property (`{ email: user.email }`), or wrap it by hand: pseudonymize(user.email, 'email'). For the key: set the variable that pseudonymization.keyEnv names in the build's environment (32 random bytes).",
  },
});
