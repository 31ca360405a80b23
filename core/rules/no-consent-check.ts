import { defineRule, eventText } from './define.js';

export default defineRule({
  id: 'piiguard/no-consent-check',
  severity: 'error',
  description: 'With consent declared in the config, a sink whose purpose needs consent is called on a path with no consent check.',
  scope: 'call',
  editor: {
    none: 'whether a path is guarded depends on every caller of the enclosing function, across files; `piiguard check` follows them',
  },
  build: 'ignore',
  message: (d: { sink: string; purpose: string; event: string | null; check: string }) =>
    `${d.sink}${eventText(d.event)} sends data for ${d.purpose}, which needs consent, and is reached on a path with no consent check; guard it with ${d.check}`,
  docs: {
    meaning:
      'The config declares how the app knows consent (`consent: { module, call, purposes }`), and a call of a sink whose purpose (analytics, marketing, …) is listed there is reached on a path where that check was not passed. Data then leaves before, or without, the user agreeing to that purpose — what regulators and users ask about first. Off until the config declares `consent`; with `"transform": true` the build adds the guard instead.',
    example: `// piiguard.config.json: { "consent": { "module": "vanilla-cookieconsent", "call": "acceptedCategory", "purposes": ["analytics"] } }
export function onSignup(plan: string) {
  posthog.capture('Signed Up', { plan }); // reported: posthog (analytics) is called with no consent check
}`,
    fix: "Call the sink only after the check: `if (CookieConsent.acceptedCategory('analytics')) posthog.capture(…)`, `acceptedCategory('analytics') && …`, or an early `if (!acceptedCategory('analytics')) return;`. A wrapper is guarded when every call of it is. Or set `\"transform\": true` and build with piiguard's plugin, which adds the guard.",
    approve:
      'If the purpose needs no consent in your jurisdiction (legitimate interest), leave it out of `consent.purposes`; a user sink can name another `purpose`.',
  },
});
