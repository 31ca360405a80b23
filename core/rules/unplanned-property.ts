import { defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/unplanned-property',
  severity: 'warning',
  description: 'With "transform": true, a tagged property that the tracking plan drops at run time.',
  scope: 'flow',
  editor: 'data-minimization',
  build: 'ignore',
  message: (d: FlowData & { property: string; event: string }) =>
    `${d.category} in property "${d.property}" of event ${JSON.stringify(d.event)} to ${d.sink} is not in the tracking plan; minimize() drops it at run time`,
  docs: {
    meaning:
      'With "transform": true, a tagged property of an event in the tracking plan is not listed for that event, so minimize() drops it at run time. Nothing leaks, but the code collects personal data for nothing.',
    example: `// piiguard.config.json: { "transform": true, "events": { "Signed Up": { "properties": { "plan": "keep" } } } }
posthog.capture('Signed Up', { plan, email: user.email }); // reported: "email" is dropped by minimize()`,
    fix: 'Remove the property from the payload, or list it in the plan with what should happen to it ("pseudonymize:email", "drop").',
    approve:
      'List it in the plan: "events": { "Signed Up": { "properties": { "email": "pseudonymize:email" } } }, plus an allow entry for the resulting form.',
  },
});
