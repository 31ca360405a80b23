import type { SinkPack } from './types.js';

/** trigger.dev: the task `logger` (declared in @trigger.dev/core) sends each line and its attributes to the run's dashboard. */
export default {
  id: 'trigger-dev',
  vendor: 'trigger.dev',
  purpose: 'logging',
  packages: ['@trigger.dev/sdk', '@trigger.dev/core'],
  calls: ['debug', 'log', 'info', 'warn', 'error', 'trace'].map((name) => ({ name, owner: 'LoggerAPI' })),
} satisfies SinkPack;
