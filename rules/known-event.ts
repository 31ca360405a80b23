import { ESLintUtils } from '@typescript-eslint/utils';
import { createRule } from './create-rule.js';
import { getFindingsForFile } from './program-analysis.js';

/**
 * The tracking plan in the editor: with `strictEvents`, an event name that is not in `events`
 * (`piiguard/unknown-event`); always, an event name that is not a compile-time constant
 * (`piiguard/dynamic-event-name`, a warning in `check`).
 */
export default createRule({
  name: 'known-event',
  meta: {
    type: 'problem',
    docs: { description: 'Event names are compile-time constants, and with strictEvents they are in the tracking plan.' },
    messages: {
      unknown: '{{message}} (piiguard/unknown-event)',
      dynamic: '{{message}} (piiguard/dynamic-event-name)',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const findings = getFindingsForFile(services.program, context.filename).filter(
      (f) => f.ruleId === 'piiguard/unknown-event' || f.ruleId === 'piiguard/dynamic-event-name',
    );
    if (findings.length === 0) return {};
    return {
      Program() {
        for (const finding of findings) {
          context.report({
            loc: { line: finding.location.line, column: finding.location.column - 1 },
            messageId: finding.ruleId === 'piiguard/unknown-event' ? 'unknown' : 'dynamic',
            data: { message: finding.message },
          });
        }
      },
    };
  },
});
