import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { Finding } from '../core/findings.js';
import { locateEntry } from '../core/rewrite.js';
import { createRule } from './create-rule.js';
import { getFindingsForFile, getFlowsForFile } from './program-analysis.js';

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

const RUNTIME = 'piiguard/runtime';

export default createRule({
  name: 'no-unapproved-pii-flow',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: { description: 'Reports the flows of personal data into telemetry that `piiguard check` reports for this file.' },
    messages: {
      flow: '{{message}} ({{ruleId}})',
      pseudonymize: "Wrap the value in pseudonymize(value, '{{category}}')",
      removeProperty: 'Remove the property "{{property}}" from the payload',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const findings = getFindingsForFile(services.program, context.filename).filter((f) => REPORTED.has(f.ruleId));
    if (findings.length === 0) return {};
    const flows = getFlowsForFile(services.program, context.filename);
    const sourceCode = context.sourceCode;

    /** The payload property (or argument) that carries the finding's value, as an ESTree node. */
    const findValue = (finding: Finding): { value: TSESTree.Node; property?: TSESTree.Property } | undefined => {
      if (!finding.category) return undefined;
      for (const flow of flows) {
        if (flow.category !== finding.category || flow.ruleId !== finding.ruleId) continue;
        const file = flow.call.getSourceFile();
        const start = file.getLineAndCharacterOfPosition(flow.call.getStart(file));
        if (start.line + 1 !== finding.location.line || start.character + 1 !== finding.location.column) continue;
        // The same place the transformer wraps: the value as written in the call (core/rewrite.ts).
        const location = locateEntry(ts, flow.call, flow.entry);
        const property = location?.property;
        const value = location && services.tsNodeToESTreeNodeMap.get(location.value);
        if (!value) continue;
        const estreeProperty = property && (services.tsNodeToESTreeNodeMap.get(property) as TSESTree.Property | undefined);
        return { value, ...(estreeProperty ? { property: estreeProperty } : {}) };
      }
      return undefined;
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

    const suggestionsFor = (finding: Finding): TSESLint.SuggestionReportDescriptor<'pseudonymize' | 'removeProperty'>[] => {
      const target = finding.ruleId === 'piiguard/unapproved-flow' || finding.ruleId === 'piiguard/untagged-pii' ? findValue(finding) : undefined;
      if (!target) return [];
      const suggestions: TSESLint.SuggestionReportDescriptor<'pseudonymize' | 'removeProperty'>[] = [];
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
        for (const finding of findings) {
          context.report({
            loc: { line: finding.location.line, column: finding.location.column - 1 },
            messageId: 'flow',
            data: { message: finding.message, ruleId: finding.ruleId },
            suggest: suggestionsFor(finding),
          });
        }
      },
    };
  },
});
