import type { SinkPack } from './types.js';

/** Jitsu: `jitsuAnalytics(…)` returns a Segment-style client (declared in @jitsu/protocols); the snippet's global `jitsu`. */
export default {
  id: 'jitsu',
  vendor: 'Jitsu',
  purpose: 'analytics',
  packages: ['@jitsu/js', '@jitsu/protocols', '@jitsu/jitsu-react'],
  globals: ['jitsu'],
  calls: [{ name: 'track', event: 0 }, { name: 'identify' }, { name: 'page' }, { name: 'group' }],
} satisfies SinkPack;
