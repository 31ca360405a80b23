import { getSegmentSpecCalls } from './segment.js';
import type { SinkPack } from './types.js';

/**
 * Customer.io: the Track API client of customerio-node (`identify(id, attributes)`,
 * `track(id, { name, data })`) and the Segment-style CDP SDKs (`@customerio/cdp-analytics-*`).
 */
export default {
  id: 'customerio',
  vendor: 'Customer.io',
  purpose: 'marketing',
  packages: ['customerio-node', '@customerio/cdp-analytics-browser', '@customerio/cdp-analytics-core', '@customerio/cdp-analytics-node'],
  globals: ['cioanalytics'],
  calls: [
    { name: 'identify', owner: 'TrackClient' },
    { name: 'track', owner: 'TrackClient', event: { arg: 1, property: 'name' } },
    { name: 'trackAnonymous', owner: 'TrackClient', event: { arg: 1, property: 'name' } },
    { name: 'trackPageView', owner: 'TrackClient' },
    ...getSegmentSpecCalls('@customerio/cdp-analytics-node'),
  ],
} satisfies SinkPack;
