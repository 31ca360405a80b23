import type { SinkPack } from './types.js';

/** Microsoft Clarity: `Clarity.identify`, `setTag`, `event`, `upgrade`; the snippet's global `clarity('set' | 'identify' | 'event', …)`. */
export default {
  id: 'clarity',
  vendor: 'Microsoft Clarity',
  purpose: 'analytics',
  packages: ['@microsoft/clarity'],
  globals: ['clarity'],
  calls: [
    { name: 'identify' },
    { name: 'setTag' },
    { name: 'event', event: 0 },
    { name: 'upgrade' },
    { name: '()', when: { arg: 0, oneOf: ['set', 'identify', 'event', 'upgrade'] } },
  ],
} satisfies SinkPack;
