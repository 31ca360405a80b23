import type { SinkPack } from './types.js';

/** Axiom through next-axiom: `log.info(message, fields)` and `log.with(fields)` ship to Axiom. */
export default {
  id: 'axiom',
  vendor: 'Axiom',
  purpose: 'logging',
  packages: ['next-axiom'],
  calls: ['debug', 'info', 'warn', 'error', 'with', 'logHttpRequest'].map((name) => ({ name, owner: 'Logger' })),
} satisfies SinkPack;
