import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/unknown-event',
  severity: 'error',
  description: 'With strictEvents, the event is not in the tracking plan.',
  scope: 'call',
  editor: 'known-event',
  build: 'ignore',
  message: (d: { event: string; sink: string }) => `event ${JSON.stringify(d.event)} sent to ${d.sink} is not in the tracking plan`,
  docs: {
    meaning:
      'With "strictEvents": true, an event name that the tracking plan ("events" in the config) does not list is sent. The tracking plan is the list of events the product has agreed to collect, with what each may carry.',
    example: `// piiguard.config.json: { "strictEvents": true, "events": { "Signed Up": { "properties": { "plan": "keep" } } } }
posthog.capture('Sign Up Clicked', { plan }); // reported: not in the tracking plan`,
    fix: 'Use an event name from the plan, or add the event to "events" with the properties it may carry.',
    approve: 'Add the event to the tracking plan: "events": { "Sign Up Clicked": { "properties": { "plan": "keep" } } }.',
  },
});
