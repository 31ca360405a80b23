import { describeFlow, defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/secret-flow',
  severity: 'error',
  description: 'A credential reaches a sink.',
  scope: 'flow',
  editor: 'no-unapproved-pii-flow',
  build: 'fail',
  message: (d: FlowData & { name?: string }) =>
    `${describeFlow(d)}${d.name ? ` (found by its name "${d.name}")` : ''}; credentials may never leave the app, in any form`,
  docs: {
    meaning:
      'A credential (password, token, API key, session id: category "credential") reaches a sink. Secrets never belong in telemetry, logs or error reports, in any form: a hashed or truncated token still leaks information, and logs are kept long and read widely.',
    example: `Sentry.setContext('billing', { token: user.apiToken }); // reported: credential reaches sentry raw`,
    fix: 'Remove the value from the call. To tell sessions or keys apart in logs, send an id that is not itself a secret (a key id, a session number).',
    approve:
      'It cannot be approved: a credential may reach no sink in any form, and an allow entry for the category "credential" is a config error.',
  },
});
