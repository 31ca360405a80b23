/**
 * Baselines (`piiguard check --baseline file`, `--update-baseline`): an existing code base adopts
 * piiguard from today's state. The findings recorded in the baseline no longer fail the run;
 * every new one does.
 *
 * Findings are matched by fingerprint alone. The engine builds it from the flow (rule, file,
 * enclosing function, callee, category, form, sink, event, source), never from line numbers,
 * so it survives lines added above and code reformatted elsewhere, and changes when the flow
 * itself does. The file lists each finding's rule, file and message too, for the reviewer of
 * the diff; they play no part in matching. No line numbers and no dates: updating the baseline
 * after unrelated edits gives the same bytes.
 */
import { countBySeverity, PiiguardError, type AnalysisResult, type Finding } from '../core/index.js';
import { compareFindings } from './reporters/order.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = 'piiguard-baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  message: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/** The text of a baseline that records `findings`, sorted so the file diffs well. */
export function formatBaseline(findings: readonly Finding[]): string {
  const entries = [...findings].sort(compareFindings).map((finding) => ({
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    file: finding.location.file,
    message: finding.message,
  }));
  const unique = entries.filter((entry, index) => entries.findIndex((other) => other.fingerprint === entry.fingerprint) === index);
  const baseline: Baseline = { version: BASELINE_VERSION, findings: unique };
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Parses a baseline file's text; `name` is how the error messages call the file. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PiiguardError(`${name}: not a piiguard baseline (invalid JSON: ${(error as Error).message})`);
  }
  if (!isRecord(data) || data.version !== BASELINE_VERSION || !Array.isArray(data.findings)) {
    throw new PiiguardError(
      `${name}: not a piiguard baseline (expected {"version": ${BASELINE_VERSION}, "findings": [...]}); recreate it with --update-baseline`,
    );
  }
  data.findings.forEach((entry, index) => {
    if (!isRecord(entry) || typeof entry.fingerprint !== 'string' || entry.fingerprint === '') {
      throw new PiiguardError(
        `${name}: findings[${index}].fingerprint — expected a string, got ${JSON.stringify(isRecord(entry) ? entry.fingerprint : entry) ?? 'nothing'}`,
      );
    }
  });
  return data as unknown as Baseline;
}

export interface BaselineOutcome {
  /** The result without the findings the baseline records; counts recomputed. */
  result: AnalysisResult;
  /** How many findings the baseline accepted. */
  accepted: number;
  /** Baseline entries that match no finding any more (fixed, or the flow changed). */
  stale: number;
}

export function applyBaseline<T extends AnalysisResult>(result: T, baseline: Baseline): BaselineOutcome & { result: T } {
  const recorded = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const findings = result.findings.filter((finding) => !recorded.has(finding.fingerprint));
  const present = new Set(result.findings.map((finding) => finding.fingerprint));
  return {
    result: {
      ...result,
      findings,
      summary: { ...result.summary, ...countBySeverity(findings) },
    },
    accepted: result.findings.length - findings.length,
    stale: [...recorded].filter((fingerprint) => !present.has(fingerprint)).length,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
