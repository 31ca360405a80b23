/**
 * `piiguard explain <rule>`: what a rule means, an example, and how to fix or approve what it
 * reports. The same texts are the help of each rule in SARIF (code scanning shows them beside
 * the alert), so what CI shows and what the terminal explains never drift apart.
 */
import { EDITOR_RULES, getEditorSeverity, getRulesShownBy, RULES, type EditorRule, type RuleId } from '../core/index.js';

export { RULE_IDS, findRuleId } from '../core/index.js';

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

/**
 * `piiguard explain no-unapproved-pii-flow`: an ESLint rule of `piiguard/eslint` — its severity
 * in `configs.recommended`, and the check rules it shows in the editor.
 */
export function formatEditorRuleExplanation(name: EditorRule): string {
  const shown = getRulesShownBy(name);
  const severity = getEditorSeverity(name) === 'error' ? 'error' : 'warn';
  const sections = [`piiguard/${name}  (ESLint rule, '${severity}' in configs.recommended)`, '', EDITOR_RULES[name].description];
  if (shown.length > 0) {
    sections.push('', 'It shows in the editor what piiguard check reports as:', ...shown.map((id) => `  ${id}  ${RULES[id].description}`));
    sections.push('', `Run 'piiguard explain <rule>' with one of those for what it means and how to fix or approve it.`);
  } else {
    sections.push('', `A check of the editor's own (piiguard check has no rule of this name); its page is docs/rules/${name}.md.`);
  }
  return sections.join('\n') + '\n';
}
