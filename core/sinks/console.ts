import type { SinkPack } from './types.js';

/**
 * The global `console`, as TypeScript's lib and @types/node declare it: every method that prints
 * its arguments (`console.log.call(console, …)` and `.apply` are the same calls).
 */
export default {
  id: 'console',
  vendor: 'console',
  purpose: 'logging',
  packages: ['typescript', 'node'],
  globals: ['console'],
  calls: ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir', 'dirxml', 'assert', 'group', 'groupCollapsed', 'timeLog'].map(
    (name) => ({ name, owner: 'Console' }),
  ),
} satisfies SinkPack;
