import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/transform',
  severity: 'error',
  description: 'The build cannot rewrite a telemetry call as the policy requires, or cannot pseudonymize at all.',
  scope: 'call',
  editor: {
    none: 'a build-time problem: it depends on how the build rewrites the call (and on its environment, for the key), which the editor does not run',
  },
  build: 'fail',
  buildOnly: true,
  message: (d: { problem: string }) => `${d.problem} (piiguard/transform)`,
  docs: {
    meaning:
      'Reported by the transformer and the bundler plugins, never by `piiguard check`: a value the policy wants rewritten sits where the rewrite cannot reach it (for example inside a spread or a computed payload, so neither a wrapper nor minimize() can be applied to it alone), or the build has no usable pseudonymization key (`pseudonymization.keyEnv` names a variable that is not set, or the key is too short). piiguard never falls back to an unkeyed hash, so the build fails.',
    example: `// piiguard.config.json: { "transform": true, "allow": [{ "category": "email", "form": "pseudonymized", … }] }
posthog.capture('Signed Up', { ...user }); // reported by the build: the email inside the spread cannot be wrapped`,
    fix: "Pass the value as its own property (`{ email: user.email }`), or wrap it by hand: pseudonymize(user.email, 'email'). For the key: set the variable that pseudonymization.keyEnv names in the build's environment (32 random bytes).",
  },
});
