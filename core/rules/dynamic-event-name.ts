import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/dynamic-event-name',
  severity: 'warning',
  description: 'The event name is not a compile-time constant.',
  scope: 'call',
  editor: 'no-dynamic-event-name',
  build: 'ignore',
  wholeProgram: true,
  message: (d: { sink: string }) => `the event name of this ${d.sink} call is not a compile-time constant`,
  docs: {
    meaning:
      'The event name of a sink call is not a compile-time constant, so the policy cannot tell which event personal data goes to (allow entries and the tracking plan are per event), and a tagged value could even become the event name.',
    example: `posthog.capture(\`\${page} Viewed\`, { plan }); // reported: the event name is computed`,
    fix: "Use string literals for event names, or a union of literal types (type EventName = 'Signed Up' | 'Logged In') for a wrapper's name parameter: piiguard then resolves the name at each caller.",
    approve:
      'When the name really is computed and carries no personal data, review the call and record the warning in a baseline (piiguard check --update-baseline).',
  },
});
