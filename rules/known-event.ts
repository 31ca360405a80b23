import { createFindingRule } from './finding-rule.js';

/** The tracking plan in the editor: with `strictEvents`, an event name that is not in `events`. */
export default createFindingRule('known-event');
