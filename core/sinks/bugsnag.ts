import type { SinkPack } from './types.js';

/** Bugsnag: the client (`Bugsnag.notify`, `leaveBreadcrumb`, `addMetadata`, `setUser`) and the event in `onError` callbacks. */
export default {
  id: 'bugsnag',
  vendor: 'Bugsnag',
  purpose: 'diagnostics',
  packages: ['@bugsnag/*'],
  globals: ['Bugsnag'],
  calls: [
    { name: 'notify' },
    { name: 'leaveBreadcrumb', event: 0 },
    { name: 'addMetadata' },
    { name: 'setUser' },
    { name: 'setContext' },
    { name: 'addFeatureFlag' },
  ],
} satisfies SinkPack;
