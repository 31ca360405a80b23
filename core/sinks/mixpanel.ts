import type { SinkPack } from './types.js';

/** Mixpanel: mixpanel-browser and the Node library `mixpanel`, with `people.set*`. */
export default {
  id: 'mixpanel',
  vendor: 'Mixpanel',
  purpose: 'analytics',
  packages: ['mixpanel-browser', 'mixpanel'],
  globals: ['mixpanel'],
  calls: [
    { name: 'track', owner: 'Mixpanel', event: 0 },
    { name: 'identify', owner: 'Mixpanel' },
    { name: 'register', owner: 'Mixpanel' },
    { name: 'register_once', owner: 'Mixpanel' },
    { name: 'alias', owner: 'Mixpanel' },
    { name: 'set', owner: 'People' },
    { name: 'set_once', owner: 'People' },
    { name: 'union', owner: 'People' },
    { name: 'append', owner: 'People' },
    { name: 'track', event: 0 },
    { name: 'identify' },
    { name: 'register' },
    { name: 'alias' },
    { name: 'set' },
    { name: 'set_once' },
  ],
} satisfies SinkPack;
