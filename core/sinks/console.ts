import type { SinkPack } from './types.js';

/** The global `console`, as TypeScript's lib and @types/node declare it. */
export default {
  id: 'console',
  vendor: 'console',
  packages: ['typescript', 'node'],
  globals: ['console'],
  calls: ['log', 'info', 'warn', 'error', 'debug', 'trace'].map((name) => ({ name, owner: 'Console' })),
} satisfies SinkPack;
