import { createFindingRule } from './finding-rule.js';

/** The heuristics: an untagged, personal-looking value that reaches telemetry (a warning in `check`). */
export default createFindingRule('no-untagged-pii');
