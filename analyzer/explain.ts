/**
 * `piiguard explain <rule>`: what a rule means, an example, and how to fix or approve what it
 * reports. The same texts are the help of each rule in SARIF (code scanning shows them beside
 * the alert), so what CI shows and what the terminal explains never drift apart.
 */
import { RULES, type RuleId } from '../core/rules/index.js';

export type { RuleDocs as RuleDoc } from '../core/rules/define.js';
export { RULE_IDS, findRuleId } from '../core/rules/index.js';

/** The text `piiguard explain <rule>` prints. */
export function formatExplanation(ruleId: RuleId): string {
  const rule = RULES[ruleId];
  const doc = rule.docs;
  const sections = [
    `${ruleId}  (${rule.severity} by default)`,
    '',
    rule.description,
    '',
    doc.meaning,
    '',
    'Example:',
    indent(doc.example),
    '',
    'How to fix:',
    indent(doc.fix),
  ];
  if (doc.approve) sections.push('', 'How to approve:', indent(doc.approve));
  return sections.join('\n') + '\n';
}

/** The same, as markdown: the help that SARIF attaches to the rule. */
export function formatExplanationMarkdown(ruleId: RuleId): string {
  const doc = RULES[ruleId].docs;
  const sections = [doc.meaning, '', '**Example**', '', '```ts', doc.example, '```', '', '**How to fix**', '', doc.fix];
  if (doc.approve) sections.push('', '**How to approve**', '', doc.approve);
  return sections.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}
