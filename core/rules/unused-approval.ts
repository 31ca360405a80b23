import type { AllowEntry } from '../config/types.js';
import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/unused-approval',
  severity: 'warning',
  description: 'An allow entry matched no flow (policy drift).',
  scope: 'program',
  editor: { none: 'only a run over the whole program knows that no flow matched an entry; the editor sees one file at a time' },
  build: 'ignore',
  wholeProgram: true,
  message: (d: { entry: AllowEntry }) =>
    `allow[${d.entry.index}] (${d.entry.category} ${d.entry.form} to ${d.entry.sink === '*' ? 'any sink' : d.entry.sink}) matched no flow`,
  docs: {
    meaning:
      'An allow entry of the config matched no flow in the whole program. The code no longer does what the entry approves (policy drift), and a stale approval would silently approve a new flow later.',
    example: `// piiguard.config.json
{ "allow": [{ "category": "phone", "form": "pseudonymized", "sink": "amplitude", "events": "*",
              "reason": "SMS funnel (removed in 2025)" }] } // reported: matched no flow`,
    fix: 'Remove the entry, or narrow it to what the code does today.',
  },
});
