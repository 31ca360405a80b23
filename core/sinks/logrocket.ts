import type { SinkPack } from './types.js';

/** LogRocket: `identify(uid, traits)`, `track(event, properties)`, captured messages and exceptions, and its console-like log. */
export default {
  id: 'logrocket',
  vendor: 'LogRocket',
  purpose: 'analytics',
  packages: ['logrocket'],
  globals: ['LogRocket'],
  calls: [
    { name: 'identify' },
    { name: 'track', event: 0 },
    ...['captureMessage', 'captureException', 'log', 'info', 'warn', 'error', 'debug'].map((name) => ({ name })),
  ],
} satisfies SinkPack;
