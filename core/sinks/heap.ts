import type { SinkPack } from './types.js';

/** Heap: a snippet only (no SDK package), so its global `heap` (`window.heap.track(…)`) is all there is to match. */
export default {
  id: 'heap',
  vendor: 'Heap',
  purpose: 'analytics',
  packages: [],
  globals: ['heap'],
  calls: [{ name: 'track', event: 0 }, { name: 'identify' }, { name: 'addUserProperties' }, { name: 'addEventProperties' }],
} satisfies SinkPack;
