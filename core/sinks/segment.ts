import type { SinkCall, SinkPack } from './types.js';

/**
 * The Segment spec's calls; a server SDK's `track` takes one object (`{ event, userId, properties }`).
 * RudderStack implements the same spec.
 */
export function getSegmentSpecCalls(serverPackage: string): SinkCall[] {
  return [
    { name: 'track', package: serverPackage, event: { arg: 0, property: 'event' } },
    { name: 'track', event: 0 },
    { name: 'identify' },
    { name: 'page' },
    { name: 'screen' },
    { name: 'group' },
    { name: 'alias' },
  ];
}

/** Segment: analytics.js (browser, analytics-next, the snippet's `window.analytics`) and analytics-node. */
export default {
  id: 'segment',
  vendor: 'Segment',
  purpose: 'analytics',
  packages: [
    '@segment/analytics-next',
    '@segment/analytics-node',
    '@segment/analytics-core',
    '@segment/analytics.js-core',
    // @types/segment-analytics: the snippet's `analytics` global.
    'segment-analytics',
  ],
  globals: ['analytics'],
  calls: getSegmentSpecCalls('@segment/analytics-node'),
} satisfies SinkPack;
