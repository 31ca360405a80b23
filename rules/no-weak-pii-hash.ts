import { EDITOR_RULES } from '../core/index.js';
import { createRule } from './create-rule.js';
import { reportFileChecks } from './program-analysis.js';

/**
 * An unkeyed hash of a tagged low-entropy value (an identifier, email, phone, IP, postal code,
 * date of birth …), reported at the hash call whether or not the hash then reaches a sink: a
 * dictionary of likely values reverses it. The engine recognises the hash (core/file-checks.ts).
 */
export default createRule({
  name: 'no-weak-pii-hash',
  meta: {
    type: 'problem',
    docs: { description: EDITOR_RULES['no-weak-pii-hash'].description },
    messages: {
      weakHash:
        "{{hash}} hashes {{category}} without a key: a dictionary of likely values reverses it. Use pseudonymize(value, '{{firstCategory}}') from piiguard/runtime (a keyed HMAC) instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportFileChecks(
      context,
      (checks, file) => checks.findWeakHashes(file),
      (hash, node) =>
        context.report({
          node,
          messageId: 'weakHash',
          data: { hash: hash.hash, category: hash.categories.join(', '), firstCategory: hash.categories[0] },
        }),
    );
  },
});
