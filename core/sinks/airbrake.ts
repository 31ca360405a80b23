import type { SinkPack } from './types.js';

/** Airbrake: `notifier.notify(error | { error, params, context, session })`, browser and Node. */
export default {
  id: 'airbrake',
  vendor: 'Airbrake',
  purpose: 'diagnostics',
  packages: ['@airbrake/browser', '@airbrake/node'],
  calls: [{ name: 'notify' }],
} satisfies SinkPack;
