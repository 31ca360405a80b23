import { eventText, defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/quasi-identifiers',
  severity: 'warning',
  description: 'One event carries three or more quasi-identifiers together.',
  scope: 'call',
  editor: 'data-minimization',
  build: 'ignore',
  message: (d: { categories: string[]; sink: string; event: string | null }) =>
    `one ${d.sink} call${eventText(d.event)} carries ${d.categories.length} quasi-identifiers together (${d.categories.join(', ')}); combined they can single out a person`,
  docs: {
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
});
