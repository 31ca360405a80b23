import { compareFindings, type Finding } from '../../core/index.js';

export { compareFindings };

/** Findings in the one order of core/findings.ts, for results made elsewhere than `analyze()`. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
