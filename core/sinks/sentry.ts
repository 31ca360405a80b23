import type { SinkPack } from './types.js';

/** Sentry: every `@sentry/*` SDK re-exports these from `@sentry/core`. */
export default {
  id: 'sentry',
  vendor: 'Sentry',
  packages: ['@sentry/*'],
  calls: [
    { name: 'setUser' },
    { name: 'setTag' },
    { name: 'setTags' },
    { name: 'setExtra' },
    { name: 'setExtras' },
    { name: 'setContext' },
    { name: 'captureMessage' },
    { name: 'captureException' },
    { name: 'addBreadcrumb' },
  ],
} satisfies SinkPack;
