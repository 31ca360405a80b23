import type { SinkPack } from './types.js';

/** Honeybadger: `notify`, `setContext`, `addBreadcrumb` and Insights events (`event(type, data)`), declared in @honeybadger-io/core. */
export default {
  id: 'honeybadger',
  vendor: 'Honeybadger',
  purpose: 'diagnostics',
  packages: ['@honeybadger-io/*'],
  globals: ['Honeybadger'],
  calls: ['notify', 'notifyAsync', 'setContext', 'addBreadcrumb', 'event', 'logEvent'].map((name) => ({ name })),
} satisfies SinkPack;
