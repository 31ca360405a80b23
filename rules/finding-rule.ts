/**
 * The ESLint rules that show findings of `piiguard check` (core/rules/): each is this adapter,
 * named in the registry as the check rules' `editor`. It reports each finding of those check
 * rules in the linted file at the leaking value as written in the call (the call when there is
 * none), with one message id per check rule and the finding's data, plus the suggestions of a
 * flow: wrap the value in pseudonymize(), or remove the property.
 */
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  EDITOR_RULES,
  getFindingSite,
  getFixTarget,
  getRemovePropertyEdit,
  getRulesShownBy,
  getSuggestedWrapper,
  getWrapEdit,
  RUNTIME_MODULE,
  type EditorRule,
  type Finding,
  type RuleId,
} from '../core/index.js';
import { createRule } from './create-rule.js';
import { getFindingsForFile, getProblemsForFile } from './program-analysis.js';
import { getTypeScriptOf } from './typescript-of.js';

/** Flow findings that a suggestion can act on: the value is in the call, in a form it can change. */
const SUGGESTING: ReadonlySet<RuleId> = new Set(['piiguard/unapproved-flow', 'piiguard/untagged-pii']);

type Suggestion = 'pseudonymize' | 'removeProperty';

/** `piiguard/unapproved-flow` → `unapproved-flow`: the message id of the check rule. */
function messageIdOf(ruleId: RuleId): string {
  return ruleId.slice('piiguard/'.length);
}

export function createFindingRule(name: EditorRule) {
  const shown = getRulesShownBy(name);
  const messages: Record<string, string> = {
    pseudonymize: "Wrap the value in pseudonymize(value, '{{category}}')",
    removeProperty: 'Remove the property "{{property}}" from the payload',
  };
  for (const ruleId of shown) messages[messageIdOf(ruleId)] = `{{message}} (${ruleId})`;
  // The rule that says a file's flows are approved says so when the file could not be analysed.
  const reportsProblems = name === 'no-unapproved-pii-flow';
  if (reportsProblems) messages['internal-error'] = 'piiguard could not analyse this file, so its flows are unchecked: {{message}}';
  const hasSuggestions = shown.some((id) => SUGGESTING.has(id));
  return createRule<[], string>({
    name,
    meta: {
      type: 'problem',
      ...(hasSuggestions ? { hasSuggestions: true } : {}),
      docs: { description: EDITOR_RULES[name].description },
      messages,
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const services = ESLintUtils.getParserServices(context);
      const sourceCode = context.sourceCode;
      const ts = getTypeScriptOf(services.program);

      const importFix = (fixer: TSESLint.RuleFixer, name: string): TSESLint.RuleFix[] => {
        const program = sourceCode.ast;
        const existing = program.body.find(
          (s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration' && s.source.value === RUNTIME_MODULE,
        );
        if (existing?.specifiers.some((s) => s.type === 'ImportSpecifier' && s.local.name === name)) return [];
        const first = program.body[0];
        const line = `import { ${name} } from '${RUNTIME_MODULE}';\n`;
        return first ? [fixer.insertTextBefore(first, line)] : [fixer.insertTextAfterRange([0, 0], line)];
      };

      /** The edits are the core's (core/flow-fixes.ts), which `piiguard fix` applies across a project. */
      const suggestionsFor = (finding: Finding): TSESLint.SuggestionReportDescriptor<Suggestion>[] => {
        const target = SUGGESTING.has(finding.ruleId) ? getFixTarget(ts, finding) : undefined;
        if (!target || finding.category === null) return [];
        const suggestions: TSESLint.SuggestionReportDescriptor<Suggestion>[] = [];
        const wrapper = getSuggestedWrapper(finding.category);
        if (wrapper) {
          suggestions.push({
            messageId: 'pseudonymize',
            data: { category: finding.category },
            fix: (fixer) => {
              const edit = getWrapEdit(target, wrapper);
              return [fixer.replaceTextRange([edit.start, edit.end], edit.text), ...importFix(fixer, wrapper.fn)];
            },
          });
        }
        if (target.property) {
          const property = target.property;
          suggestions.push({
            messageId: 'removeProperty',
            data: { property: target.propertyName! },
            fix: (fixer) => {
              const edit = getRemovePropertyEdit(property);
              return fixer.replaceTextRange([edit.start, edit.end], edit.text);
            },
          });
        }
        return suggestions;
      };

      return {
        // At the end of the file: the program's analysis then finds the types that the file's
        // other typed rules asked the checker for (an editor's new program starts with none).
        'Program:exit'() {
          const findings = getFindingsForFile(services.program, context.filename).filter((f) => shown.includes(f.ruleId));
          const problems = reportsProblems ? getProblemsForFile(services.program, context.filename) : [];
          for (const problem of problems) {
            context.report({ loc: { line: 1, column: 0 }, messageId: 'internal-error', data: { message: problem.message } });
          }
          for (const finding of findings) {
            const site = getFindingSite(finding);
            const pointed = site?.target ?? site?.node;
            const at = pointed && services.tsNodeToESTreeNodeMap.get(pointed);
            context.report({
              ...(at ? { loc: at.loc } : { loc: { line: finding.location.line, column: finding.location.column - 1 } }),
              messageId: messageIdOf(finding.ruleId),
              data: { message: finding.message, ruleId: finding.ruleId, ...site?.data },
              suggest: suggestionsFor(finding),
            });
          }
        },
      };
    },
  });
}
