import type { SinkPack } from './types.js';

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log', 'verbose', 'silly', 'http'];

/**
 * Loggers: pino, winston, bunyan, loglevel (level methods, child loggers included) and debug.
 * `child(bindings)` is a sink too: its bindings are written into every line the child logs.
 */
export default {
  id: 'logger',
  vendor: 'logger',
  packages: ['pino', 'winston', 'bunyan', 'loglevel', 'debug', 'logform'],
  calls: [...levels.map((name) => ({ name })), { name: 'child' }, { name: '()', owner: 'Debugger' }],
} satisfies SinkPack;
