import type { SinkPack } from './types.js';

/**
 * New Relic: the Node agent (`newrelic`, typed by @types/newrelic) and the browser agent
 * (`@newrelic/browser-agent`, or the snippet's global `newrelic`).
 */
export default {
  id: 'newrelic',
  vendor: 'New Relic',
  purpose: 'diagnostics',
  packages: ['newrelic', '@newrelic/browser-agent'],
  globals: ['newrelic', 'NREUM'],
  calls: [
    { name: 'addCustomAttribute' },
    { name: 'addCustomAttributes' },
    { name: 'addCustomSpanAttribute' },
    { name: 'addCustomSpanAttributes' },
    { name: 'noticeError' },
    { name: 'recordCustomEvent', event: 0 },
    { name: 'recordLogEvent' },
    { name: 'setUserID' },
    { name: 'setTransactionName' },
    { name: 'setCustomAttribute' },
    { name: 'addPageAction', event: 0 },
    { name: 'setUserId' },
    { name: 'setPageViewName' },
    { name: 'log' },
  ],
} satisfies SinkPack;
