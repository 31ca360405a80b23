import type { SinkPack } from './types.js';

/** Amplitude: the browser and Node SDKs export `track`, `identify`, `setUserId`, `setGroup`. */
export default {
  id: 'amplitude',
  vendor: 'Amplitude',
  purpose: 'analytics',
  packages: ['@amplitude/analytics-browser', '@amplitude/analytics-node', '@amplitude/analytics-core', '@amplitude/analytics-types'],
  globals: ['amplitude'],
  calls: [{ name: 'track', event: 0 }, { name: 'identify' }, { name: 'setUserId' }, { name: 'setGroup' }],
} satisfies SinkPack;
