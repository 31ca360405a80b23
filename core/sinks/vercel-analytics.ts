import type { SinkPack } from './types.js';

/** Vercel Web Analytics: `track(name, properties)` from `@vercel/analytics` and `@vercel/analytics/server`. */
export default {
  id: 'vercel-analytics',
  vendor: 'Vercel Analytics',
  purpose: 'analytics',
  packages: ['@vercel/analytics'],
  calls: [{ name: 'track', event: 0 }],
} satisfies SinkPack;
