import { defineRule } from './define.js';

/** Which bound of the analysis cut it short, in words. */
export const BOUND_TEXTS = {
  'evaluation-depth': 'expressions nested deeper than the analysis follows (about 1.5 million)',
  'type-depth': 'its type was searched 12 levels deep and goes deeper',
  'type-properties': 'its type has more than 2,000 properties, which are not searched',
} as const;
export type Bound = keyof typeof BOUND_TEXTS;

export default defineRule({
  id: 'piiguard/analysis-incomplete',
  severity: 'warning',
  description: 'A bound of the analysis cut it short at this value: personal data beyond it is not seen.',
  scope: 'flow',
  editor: 'analysis-complete',
  build: 'ignore',
  message: (d: { bound: Bound }) => `piiguard did not analyse this value completely: ${BOUND_TEXTS[d.bound]} (bound ${d.bound})`,
  docs: {
    meaning:
      'piiguard bounds its walks so that any program tsc can check is analysed in bounded time and stack: a type is searched for tags 12 levels deep (a type that grows at every level, `Tree<Tree<T>>`, never ends), an object type with more than 2,000 properties is not searched, and expressions are followed about 1.5 million levels deep. Where a bound cuts the analysis of a value, personal data beyond it would not be found, so this finding says so instead of staying silent. It is reported at the value whose analysis was cut.',
    example: `import type { Email } from 'piiguard';

type Deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { k: { l: { m: { email: Email } } } } } } } } } } } } };
export function report(deep: Deep) { // reported: its type was searched 12 levels deep and goes deeper
  console.log(deep);
}`,
    fix: 'Send less: pick the properties the event needs (`{ plan: deep.plan }`) rather than a whole deep or huge object; or tag the data where it is sent. A type that nests deeper than 12 levels or has more than 2,000 properties is worth splitting.',
    approve:
      'It is a warning and fails no CI; record it in a baseline (`piiguard check --update-baseline`) once you have checked by hand that no personal data lies beyond the bound.',
  },
});
