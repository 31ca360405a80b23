import { createFindingRule } from './finding-rule.js';

/** Payloads that carry more than they need: quasi-identifiers together, properties the plan drops. */
export default createFindingRule('data-minimization');
