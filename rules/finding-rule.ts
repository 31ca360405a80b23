/**
 * The ESLint rules that show findings of `piiguard check` (core/rules/): each is this adapter,
 * named in the registry as the check rules' `editor`. It reports each finding of those check
 * rules in the linted file at the leaking value as written in the call (the call when there is
 * none), with one message id per check rule and the finding's data, plus the suggestions of a
 * flow: wrap the value in pseudonymize(), or remove the property.
 */
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { EDITOR_RULES, getFindingSite, getRulesShownBy, type EditorRule, type Finding, type RuleId } from '../core/index.js';
import { createRule } from './create-rule.js';
import { getFindingsForFile, getProblemsForFile } from './program-analysis.js';

const RUNTIME = 'piiguard/runtime';
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
      const findings = getFindingsForFile(services.program, context.filename).filter((f) => shown.includes(f.ruleId));
      const problems = reportsProblems ? getProblemsForFile(services.program, context.filename) : [];
      if (findings.length === 0 && problems.length === 0) return {};
      const sourceCode = context.sourceCode;

      /** The value and (when it is one) the payload property that carries the finding. */
      const findValue = (finding: Finding): { value: TSESTree.Node; property?: TSESTree.Property } | undefined => {
        const site = getFindingSite(finding);
        const value = site?.value && services.tsNodeToESTreeNodeMap.get(site.value);
        if (!site?.value || !value) return undefined;
        const parent = value.parent;
        // A shorthand property's one identifier may map to its key.
        const property =
          parent?.type === 'Property' && (parent.value === value || (parent.shorthand && parent.key === value)) ? parent : undefined;
        return { value, ...(property ? { property } : {}) };
      };

      const importFix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const program = sourceCode.ast;
        const existing = program.body.find(
          (s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration' && s.source.value === RUNTIME,
        );
        if (existing?.specifiers.some((s) => s.type === 'ImportSpecifier' && s.local.name === 'pseudonymize')) return [];
        const first = program.body[0];
        const line = `import { pseudonymize } from '${RUNTIME}';\n`;
        return first ? [fixer.insertTextBefore(first, line)] : [fixer.insertTextAfterRange([0, 0], line)];
      };

      const suggestionsFor = (
        finding: Finding,
        target: ReturnType<typeof findValue>,
      ): TSESLint.SuggestionReportDescriptor<Suggestion>[] => {
        if (!target || !SUGGESTING.has(finding.ruleId)) return [];
        const suggestions: TSESLint.SuggestionReportDescriptor<Suggestion>[] = [];
        const { value, property } = target;
        if (finding.category !== 'credential') {
          suggestions.push({
            messageId: 'pseudonymize',
            data: { category: finding.category },
            fix: (fixer) => {
              const text = sourceCode.getText(value);
              const wrapped = `pseudonymize(${text}, '${finding.category}')`;
              const edit =
                property && property.shorthand ? fixer.replaceText(property, `${text}: ${wrapped}`) : fixer.replaceText(value, wrapped);
              return [edit, ...importFix(fixer)];
            },
          });
        }
        if (property) {
          suggestions.push({
            messageId: 'removeProperty',
            data: { property: sourceCode.getText(property.key) },
            fix: (fixer) => {
              const after = sourceCode.getTokenAfter(property);
              const end = after && after.value === ',' ? sourceCode.getTokenAfter(after, { includeComments: true }) : undefined;
              if (after && after.value === ',') return fixer.removeRange([property.range[0], end ? end.range[0] : after.range[1]]);
              const before = sourceCode.getTokenBefore(property);
              if (before && before.value === ',') return fixer.removeRange([before.range[0], property.range[1]]);
              return fixer.remove(property);
            },
          });
        }
        return suggestions;
      };

      return {
        Program() {
          for (const problem of problems) {
            context.report({ loc: { line: 1, column: 0 }, messageId: 'internal-error', data: { message: problem.message } });
          }
          for (const finding of findings) {
            const target = findValue(finding);
            const site = getFindingSite(finding);
            const pointed = site?.target ?? site?.node;
            const at = pointed && services.tsNodeToESTreeNodeMap.get(pointed);
            context.report({
              ...(at ? { loc: at.loc } : { loc: { line: finding.location.line, column: finding.location.column - 1 } }),
              messageId: messageIdOf(finding.ruleId),
              data: { message: finding.message, ruleId: finding.ruleId, ...site?.data },
              suggest: suggestionsFor(finding, target),
            });
          }
        },
      };
    },
  });
}
