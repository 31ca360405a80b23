/**
 * `piiguard explain <rule>`: what a rule means, an example, and how to fix or approve what it
 * reports. The same texts are the help of each rule in SARIF (code scanning shows them beside
 * the alert), so what CI shows and what the terminal explains never drift apart.
 */
import { RULES, type RuleId } from '../core/findings.js';

export interface RuleDoc {
  /** What the rule reports and why it matters, in a few sentences. */
  meaning: string;
  /** Code that the rule reports, with the reported line marked. */
  example: string;
  /** How to make the finding go away by changing the code. */
  fix: string;
  /** How to accept the flow instead, when that is the right call; absent when it never is. */
  approve?: string;
}

// Keyed by every rule: a new rule without docs does not compile.
export const RULE_DOCS: Record<RuleId, RuleDoc> = {
  'piiguard/unapproved-flow': {
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
  'piiguard/expired-approval': {
    meaning:
      'The only allow entry that would approve this flow has an "expires" date in the past. Approvals expire so that each flow of personal data is reviewed again; until it is, the flow counts as unapproved.',
    example: `// piiguard.config.json: { "category": "postal-code", "form": "generalized", "sink": "posthog",
//                         "events": "*", "reason": "regional dashboards", "expires": "2024-06-30" }
posthog.capture('Checkout Completed', { region: postalPrefix(user.postalCode) }); // reported after 2024-06-30`,
    fix: 'Stop sending the value (then remove the entry, or piiguard/unused-approval reports it), or send it in a form that another, current entry approves.',
    approve:
      'Review the flow with its owner and move "expires" to the next review date; update "reason" if the purpose changed. The entry is named in the message as allow[n].',
  },
  'piiguard/weak-hash': {
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
  'piiguard/secret-flow': {
    meaning:
      'A credential (password, token, API key, session id: category "credential") reaches a sink. Secrets never belong in telemetry, logs or error reports, in any form: a hashed or truncated token still leaks information, and logs are kept long and read widely.',
    example: `Sentry.setContext('billing', { token: user.apiToken }); // reported: credential reaches sentry raw`,
    fix: 'Remove the value from the call. To tell sessions or keys apart in logs, send an id that is not itself a secret (a key id, a session number).',
    approve: 'It cannot be approved: a credential may reach no sink in any form, and an allow entry for the category "credential" is a config error.',
  },
  'piiguard/quasi-identifiers': {
    meaning:
      'One event carries three or more quasi-identifiers together (date of birth, postal code, gender, precise time …). Each is harmless alone; together they single out most people (87% of Americans are unique by ZIP code, birth date and gender).',
    example: `posthog.capture('Profile Completed', {
  birthDate: user.birthDate, // date-of-birth
  zip: user.postalCode,      // postal-code
  gender: user.gender,       // gender — reported: three quasi-identifiers in one event
});`,
    fix: "Send fewer of them, or coarsen them until they no longer combine: ageBand(user.birthDate), postalPrefix(user.postalCode), binTime(at, 'day').",
    approve:
      'This warning is not suppressed by allow entries: each value still needs its own approval. Generalise the values, or accept the warning in a baseline (piiguard check --update-baseline) after a review.',
  },
  'piiguard/untagged-pii': {
    meaning:
      'Heuristic: a value whose property or variable name looks personal (email, phone, firstName, address, ip, lat/lng, password, token …) reaches a sink, but nothing tags it as personal data. It lets adoption start with no tags: each warning is a value to tag (then the policy judges it) or a name that only looks personal.',
    example: `export function loggedIn(ip: string) {
  logger.info({ ip }, 'login'); // reported: "ip" looks like ip-address and reaches logger untagged
}`,
    fix: "Tag the value where it is declared: a piiguard type (ip: IpAddress), a JSDoc tag (/** @pii ip-address */), or a config source for types you cannot edit. Or stop sending it. Set \"heuristics\": \"off\" in the config once the code base is tagged.",
    approve:
      'An untagged value is not judged by allow entries: tag it, then approve the tagged flow. While the code base is being tagged, record the current warnings in a baseline (piiguard check --update-baseline) so only new ones are reported.',
  },
  'piiguard/unknown-event': {
    meaning:
      'With "strictEvents": true, an event name that the tracking plan ("events" in the config) does not list is sent. The tracking plan is the list of events the product has agreed to collect, with what each may carry.',
    example: `// piiguard.config.json: { "strictEvents": true, "events": { "Signed Up": { "properties": { "plan": "keep" } } } }
posthog.capture('Sign Up Clicked', { plan }); // reported: not in the tracking plan`,
    fix: 'Use an event name from the plan, or add the event to "events" with the properties it may carry.',
    approve: 'Add the event to the tracking plan: "events": { "Sign Up Clicked": { "properties": { "plan": "keep" } } }.',
  },
  'piiguard/dynamic-event-name': {
    meaning:
      'The event name of a sink call is not a compile-time constant, so the policy cannot tell which event personal data goes to (allow entries and the tracking plan are per event), and a tagged value could even become the event name.',
    example: 'posthog.capture(`${page} Viewed`, { plan }); // reported: the event name is computed',
    fix: "Use string literals for event names, or a union of literal types (type EventName = 'Signed Up' | 'Logged In') for a wrapper's name parameter: piiguard then resolves the name at each caller.",
    approve: 'When the name really is computed and carries no personal data, review the call and record the warning in a baseline (piiguard check --update-baseline).',
  },
  'piiguard/unused-approval': {
    meaning:
      'An allow entry of the config matched no flow in the whole program. The code no longer does what the entry approves (policy drift), and a stale approval would silently approve a new flow later.',
    example: `// piiguard.config.json
{ "allow": [{ "category": "phone", "form": "pseudonymized", "sink": "amplitude", "events": "*",
              "reason": "SMS funnel (removed in 2025)" }] } // reported: matched no flow`,
    fix: 'Remove the entry, or narrow it to what the code does today.',
  },
  'piiguard/unplanned-property': {
    meaning:
      'With "transform": true, a tagged property of an event in the tracking plan is not listed for that event, so minimize() drops it at run time. Nothing leaks, but the code collects personal data for nothing.',
    example: `// piiguard.config.json: { "transform": true, "events": { "Signed Up": { "properties": { "plan": "keep" } } } }
posthog.capture('Signed Up', { plan, email: user.email }); // reported: "email" is dropped by minimize()`,
    fix: 'Remove the property from the payload, or list it in the plan with what should happen to it ("pseudonymize:email", "drop").',
    approve: 'List it in the plan: "events": { "Signed Up": { "properties": { "email": "pseudonymize:email" } } }, plus an allow entry for the resulting form.',
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** `unapproved-flow` and `piiguard/unapproved-flow` both name the rule. */
export function findRuleId(name: string): RuleId | undefined {
  const id = name.startsWith('piiguard/') ? name : `piiguard/${name}`;
  return (RULE_IDS as string[]).includes(id) ? (id as RuleId) : undefined;
}

/** The text `piiguard explain <rule>` prints. */
export function formatExplanation(ruleId: RuleId): string {
  const doc = RULE_DOCS[ruleId];
  const rule = RULES[ruleId];
  const sections = [
    `${ruleId}  (${rule.severity} by default)`,
    '',
    rule.description,
    '',
    doc.meaning,
    '',
    'Example:',
    indent(doc.example),
    '',
    'How to fix:',
    indent(doc.fix),
  ];
  if (doc.approve) sections.push('', 'How to approve:', indent(doc.approve));
  return sections.join('\n') + '\n';
}

/** The same, as markdown: the help that SARIF attaches to the rule. */
export function formatExplanationMarkdown(ruleId: RuleId): string {
  const doc = RULE_DOCS[ruleId];
  const sections = [doc.meaning, '', '**Example**', '', '```ts', doc.example, '```', '', '**How to fix**', '', doc.fix];
  if (doc.approve) sections.push('', '**How to approve**', '', doc.approve);
  return sections.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}
