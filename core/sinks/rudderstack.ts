import type { SinkPack } from './types.js';

/** RudderStack: the Segment-compatible JS and Node SDKs. */
export default {
  id: 'rudderstack',
  vendor: 'RudderStack',
  packages: ['@rudderstack/analytics-js', '@rudderstack/rudder-sdk-node', 'rudder-sdk-js'],
  calls: [
    { name: 'track', package: '@rudderstack/rudder-sdk-node', event: { arg: 0, property: 'event' } },
    { name: 'track', event: 0 },
    { name: 'identify' },
    { name: 'page' },
    { name: 'screen' },
    { name: 'group' },
    { name: 'alias' },
  ],
} satisfies SinkPack;
