import type { SinkPack } from './types.js';

/**
 * Intercom: `Intercom({ app_id, user_id, email, name })` boots the messenger with the user's data;
 * `boot`, `update`, `trackEvent` and the snippet's `window.Intercom('boot' | 'update' | 'trackEvent', …)`.
 */
export default {
  id: 'intercom',
  vendor: 'Intercom',
  purpose: 'marketing',
  packages: ['@intercom/messenger-js-sdk'],
  globals: ['Intercom'],
  calls: [
    { name: 'Intercom', owner: 'Window', event: 1, when: { arg: 0, oneOf: ['trackEvent'] } },
    { name: 'Intercom' },
    { name: 'boot' },
    { name: 'update' },
    { name: 'trackEvent', event: 0 },
    { name: 'showNewMessage' },
    { name: '()', event: 1, when: { arg: 0, oneOf: ['trackEvent'] } },
    { name: '()', when: { arg: 0, oneOf: ['boot', 'update', 'showNewMessage'] } },
  ],
} satisfies SinkPack;
