import { createFindingRule } from './finding-rule.js';

/** An event name that is not a compile-time constant (a warning in `check`). */
export default createFindingRule('no-dynamic-event-name');
