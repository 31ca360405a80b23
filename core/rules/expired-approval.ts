import type { AllowEntry } from '../config/types.js';
import { describeFlow, defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/expired-approval',
  severity: 'error',
  description: 'The only allow entry that would approve the flow has expired.',
  scope: 'flow',
  editor: 'no-unapproved-pii-flow',
  build: 'fail',
  message: (d: FlowData & { entry: AllowEntry }) => `${describeFlow(d)}; allow[${d.entry.index}] approved it until ${d.entry.expires}`,
  docs: {
    meaning:
      'The only allow entry that would approve this flow has an "expires" date in the past. Approvals expire so that each flow of personal data is reviewed again; until it is, the flow counts as unapproved.',
    example: `// piiguard.config.json: { "category": "postal-code", "form": "generalized", "sink": "posthog",
//                         "events": "*", "reason": "regional dashboards", "expires": "2024-06-30" }
posthog.capture('Checkout Completed', { region: postalPrefix(user.postalCode) }); // reported after 2024-06-30`,
    fix: 'Stop sending the value (then remove the entry, or piiguard/unused-approval reports it), or send it in a form that another, current entry approves.',
    approve:
      'Review the flow with its owner and move "expires" to the next review date; update "reason" if the purpose changed. The entry is named in the message as allow[n].',
  },
});
