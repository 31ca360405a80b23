import type { SinkPack } from './types.js';

/** Datadog: RUM (`datadogRum.*`, declared in browser-rum-core) and browser logs (`datadogLogs.logger.*`). */
export default {
  id: 'datadog',
  vendor: 'Datadog',
  purpose: 'diagnostics',
  packages: ['@datadog/browser-rum', '@datadog/browser-rum-core', '@datadog/browser-rum-slim', '@datadog/browser-logs'],
  globals: ['DD_RUM', 'DD_LOGS'],
  calls: [
    { name: 'addAction', event: 0 },
    { name: 'addError' },
    { name: 'setUser' },
    { name: 'setUserProperty' },
    { name: 'setGlobalContextProperty' },
    { name: 'setGlobalContext' },
    { name: 'debug', owner: 'Logger' },
    { name: 'info', owner: 'Logger' },
    { name: 'warn', owner: 'Logger' },
    { name: 'error', owner: 'Logger' },
    { name: 'log', owner: 'Logger' },
  ],
} satisfies SinkPack;
