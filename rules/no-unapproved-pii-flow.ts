import { createFindingRule } from './finding-rule.js';

/** What `piiguard check` fails CI on in a file: the check rules whose `editor` is this rule. */
export default createFindingRule('no-unapproved-pii-flow');
