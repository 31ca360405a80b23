import { createFindingRule } from './finding-rule.js';

/** Values that a bound of the analysis cut short (`piiguard/analysis-incomplete`): said, not silent. */
export default createFindingRule('analysis-complete');
