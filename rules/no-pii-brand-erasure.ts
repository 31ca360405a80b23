import { EDITOR_RULES } from '../core/index.js';
import { createRule } from './create-rule.js';
import { reportFileChecks } from './program-analysis.js';

/**
 * Where a tagged value stops being visibly personal: a cast, `String()`, template literal,
 * string concatenation, standard-library method or widening assignment that drops its brand
 * outside a sanitizer. The detection is the core's (core/file-checks.ts); this maps it to ESLint.
 */
export default createRule({
  name: 'no-pii-brand-erasure',
  meta: {
    type: 'suggestion',
    docs: { description: EDITOR_RULES['no-pii-brand-erasure'].description },
    messages: {
      erasure:
        '{{category}}: the PII brand is dropped by {{construct}}; the value is still personal data, but its type ({{type}}) no longer says so. Keep the brand, or sanitize the value first.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportFileChecks(
      context,
      (checks, file) => checks.findBrandErasures(file),
      (erasure, node) =>
        context.report({
          node,
          messageId: 'erasure',
          data: { category: erasure.categories.join(', '), construct: erasure.construct, type: erasure.type },
        }),
    );
  },
});
