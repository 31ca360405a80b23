import type { SinkPack } from './types.js';

/**
 * Plausible: custom events with properties (`trackEvent(name, { props })` of plausible-tracker,
 * `track(name, { props })` of @plausible-analytics/tracker, the script's global `plausible(name, { props })`).
 */
export default {
  id: 'plausible',
  vendor: 'Plausible',
  purpose: 'analytics',
  packages: ['plausible-tracker', '@plausible-analytics/tracker'],
  globals: ['plausible'],
  calls: [{ name: 'trackEvent', event: 0 }, { name: 'trackPageview' }, { name: 'track', event: 0 }, { name: '()', event: 0 }],
} satisfies SinkPack;
