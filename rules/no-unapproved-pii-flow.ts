import { ESLintUtils } from '@typescript-eslint/utils';
import { createRule } from './create-rule.js';
import { getFindingsForFile } from './program-analysis.js';

/** The check rules the editor shows through this rule: what `piiguard check` fails CI on in a file. */
const REPORTED = new Set([
  'piiguard/unapproved-flow',
  'piiguard/expired-approval',
  'piiguard/weak-hash',
  'piiguard/secret-flow',
  'piiguard/quasi-identifiers',
  'piiguard/untagged-pii',
  'piiguard/unplanned-property',
]);

export default createRule({
  name: 'no-unapproved-pii-flow',
  meta: {
    type: 'problem',
    docs: { description: 'Reports the flows of personal data into telemetry that `piiguard check` reports for this file.' },
    messages: { flow: '{{message}} ({{ruleId}})' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const findings = getFindingsForFile(services.program, context.filename).filter((f) => REPORTED.has(f.ruleId));
    if (findings.length === 0) return {};
    return {
      Program() {
        for (const finding of findings) {
          context.report({
            loc: { line: finding.location.line, column: finding.location.column - 1 },
            messageId: 'flow',
            data: { message: finding.message, ruleId: finding.ruleId },
          });
        }
      },
    };
  },
});
