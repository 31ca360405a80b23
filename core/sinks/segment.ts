import type { SinkPack } from './types.js';

/** Segment: analytics.js (browser) and analytics-node. `track(event, properties)` in the browser,
 * `track({ event, userId, properties })` on the server — every argument counts either way. */
export default {
  id: 'segment',
  vendor: 'Segment',
  packages: ['@segment/analytics-next', '@segment/analytics-node', '@segment/analytics-core', '@segment/analytics.js-core'],
  calls: [
    { name: 'track', package: '@segment/analytics-node', event: { arg: 0, property: 'event' } },
    { name: 'track', event: 0 },
    { name: 'identify' },
    { name: 'page' },
    { name: 'screen' },
    { name: 'group' },
    { name: 'alias' },
  ],
} satisfies SinkPack;
