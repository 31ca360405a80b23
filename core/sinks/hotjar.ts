import type { SinkPack } from './types.js';

/** Hotjar: `Hotjar.identify(userId, attributes)`, `event(action)`, `stateChange(path)`; the snippet's global `hj('identify', …)`. */
export default {
  id: 'hotjar',
  vendor: 'Hotjar',
  purpose: 'analytics',
  packages: ['@hotjar/browser'],
  globals: ['hj'],
  calls: [
    { name: 'identify' },
    { name: 'event', event: 0 },
    { name: 'stateChange' },
    { name: '()', when: { arg: 0, oneOf: ['identify', 'event', 'stateChange', 'tagRecording'] } },
  ],
} satisfies SinkPack;
