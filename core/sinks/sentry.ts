import type { SinkPack } from './types.js';

/**
 * Sentry: every `@sentry/*` SDK re-exports these from `@sentry/core`; the same names on a `Scope`
 * (`getCurrentScope()`, `getIsolationScope()`, `withScope((scope) => …)`), on a span, and on
 * `Sentry.logger`. The loader script's global is `Sentry`.
 */
export default {
  id: 'sentry',
  vendor: 'Sentry',
  purpose: 'diagnostics',
  packages: ['@sentry/*'],
  globals: ['Sentry'],
  calls: [
    { name: 'setUser' },
    { name: 'setTag' },
    { name: 'setTags' },
    { name: 'setExtra' },
    { name: 'setExtras' },
    { name: 'setContext' },
    { name: 'setFingerprint' },
    { name: 'captureMessage' },
    { name: 'captureException' },
    { name: 'captureEvent' },
    { name: 'addBreadcrumb' },
    { name: 'addAttachment' },
    { name: 'startSpan' },
    { name: 'startSpanManual' },
    { name: 'startInactiveSpan' },
    { name: 'setAttribute' },
    { name: 'setAttributes' },
    { name: 'updateName' },
    ...['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((name) => ({ name })),
  ],
} satisfies SinkPack;
