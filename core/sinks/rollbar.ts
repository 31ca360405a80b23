import type { SinkPack } from './types.js';

/** Rollbar: the level methods, `captureEvent`, and `configure({ payload: { person } })`, whose options go with every item. */
export default {
  id: 'rollbar',
  vendor: 'Rollbar',
  purpose: 'diagnostics',
  packages: ['rollbar'],
  globals: ['Rollbar'],
  calls: ['log', 'debug', 'info', 'warn', 'warning', 'error', 'critical', 'captureEvent', 'configure', 'global'].map((name) => ({ name })),
} satisfies SinkPack;
