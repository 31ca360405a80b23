import { describeFlow, defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/unapproved-flow',
  severity: 'error',
  description: 'A tagged value reaches a sink in a form, sink or event that no allow entry approves.',
  scope: 'flow',
  editor: 'no-unapproved-pii-flow',
  build: 'fail',
  message: (d: FlowData) => `${describeFlow(d)}; no allow entry approves it`,
  docs: {
    meaning:
      'A value tagged as personal data (a piiguard type such as Email, a @pii JSDoc tag, or a source in the config) reaches a telemetry or logging call in a form, to a sink or with an event that no allow entry of the config approves. By default nothing is approved: every flow of personal data out of the app is a decision someone has to write down.',
    example: `import posthog from 'posthog-js';
import type { User } from './model'; // email: Email

export function signedUp(user: User) {
  posthog.capture('Signed Up', { email: user.email }); // reported: email reaches posthog raw
}`,
    fix: `Send less, or send it in a safer form:
- drop the property if the analysis does not need it;
- send a pseudonym instead: pseudonymize(user.email, 'email') from piiguard/runtime (keyed HMAC, rotates);
- generalise it: truncateIp, coarsenLocation, ageBand, postalPrefix, binTime.`,
    approve: `If the flow is intended, approve it in piiguard.config.json with a reason (and an owner and an expiry date for the review):
{ "allow": [{ "category": "email", "form": "pseudonymized", "sink": "posthog", "events": ["Signed Up"],
              "reason": "join marketing signups with the CRM", "owner": "growth", "expires": "2027-06-30" }] }`,
  },
});
