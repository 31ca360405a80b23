import type { SinkPack } from './types.js';

/**
 * Google Analytics: the global `gtag('event' | 'set' | 'config', …)`, Google Tag Manager's
 * `dataLayer.push({ event, … })`, and react-ga4.
 */
export default {
  id: 'google-analytics',
  vendor: 'Google Analytics',
  purpose: 'analytics',
  packages: ['gtag.js', 'react-ga4'],
  globals: ['gtag', 'dataLayer'],
  calls: [
    { name: 'gtag', event: 1, when: { arg: 0, oneOf: ['event'] } },
    { name: 'gtag', when: { arg: 0, oneOf: ['set', 'config'] } },
    { name: '()', owner: 'Gtag', event: 1, when: { arg: 0, oneOf: ['event'] } },
    { name: '()', owner: 'Gtag', when: { arg: 0, oneOf: ['set', 'config'] } },
    { name: 'event', owner: 'GA4', event: 0 },
    { name: 'set', owner: 'GA4' },
    { name: 'push', global: 'dataLayer', event: { arg: 0, property: 'event' } },
  ],
} satisfies SinkPack;
