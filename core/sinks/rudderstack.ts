import { getSegmentSpecCalls } from './segment.js';
import type { SinkPack } from './types.js';

/** RudderStack: the Segment-compatible JS and Node SDKs. */
export default {
  id: 'rudderstack',
  vendor: 'RudderStack',
  purpose: 'analytics',
  packages: ['@rudderstack/analytics-js', '@rudderstack/rudder-sdk-node', 'rudder-sdk-js'],
  globals: ['rudderanalytics'],
  calls: getSegmentSpecCalls('@rudderstack/rudder-sdk-node'),
} satisfies SinkPack;
