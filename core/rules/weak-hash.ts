import { describeFlow, defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/weak-hash',
  severity: 'error',
  description: 'A low-entropy category reaches a sink hashed without a key (a dictionary reverses it) and no entry approves hashed for it.',
  scope: 'flow',
  editor: 'no-unapproved-pii-flow',
  build: 'fail',
  message: (d: FlowData) =>
    `${describeFlow(d)}; an unkeyed hash of ${d.category} is reversed by a dictionary — use pseudonymize(value, '${d.category}')`,
  docs: {
    meaning:
      'A low-entropy identifier (email, phone, user or device id, IP address, postal code, date of birth) reaches a sink hashed without a key (crypto.createHash, crypto.subtle.digest). Anyone with the hash and a list of candidate values (every phone number, a leaked email list) recovers the value, so an unkeyed hash is not pseudonymisation.',
    example: `import { createHash } from 'node:crypto';

posthog.capture('Profile Opened', {
  user: createHash('sha256').update(user.email).digest('hex'), // reported: email reaches posthog hashed
});`,
    fix: "Use a keyed pseudonym: pseudonymize(user.email, 'email') from piiguard/runtime (HMAC-SHA-256 with a secret key and rotation), or crypto.createHmac with a key the telemetry vendor never sees.",
    approve:
      'Only if the hash is really not reversible for this data, approve form "hashed" explicitly: { "category": "email", "form": "hashed", "sink": "posthog", "events": "*", "reason": "…" }.',
  },
});
