import type { SinkPack } from './types.js';

/** Umami: the tracker script's global `umami.track(name, data)` and `umami.identify(…)` (typed by @types/umami). */
export default {
  id: 'umami',
  vendor: 'Umami',
  purpose: 'analytics',
  packages: ['umami', 'umami-browser', '@umami/node'],
  globals: ['umami'],
  calls: [{ name: 'track', event: 0 }, { name: 'identify' }],
} satisfies SinkPack;
