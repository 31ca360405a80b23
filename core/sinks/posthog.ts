import type { SinkPack } from './types.js';

/** PostHog: posthog-js `capture(event, properties)` and posthog-node `capture({ distinctId, event, properties })`. */
export default {
  id: 'posthog',
  vendor: 'PostHog',
  purpose: 'analytics',
  packages: ['posthog-js', 'posthog-node', '@posthog/core', 'posthog-react-native'],
  globals: ['posthog'],
  calls: [
    { name: 'capture', owner: 'PostHogBackendClient', event: { arg: 0, property: 'event' } },
    { name: 'capture', owner: 'PostHog', event: 0 },
    { name: 'capture', event: 0 },
    { name: 'identify' },
    { name: 'alias' },
    { name: 'group' },
    { name: 'groupIdentify' },
    { name: 'setPersonProperties' },
    { name: 'register' },
    { name: 'register_once' },
  ],
} satisfies SinkPack;
