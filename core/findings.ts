/**
 * The finding model (SPEC §7): what every front end reports.
 */
import type { Form } from './taxonomy.js';

// Rule ids, default severities, messages and docs live in the registry (core/rules/), one file per rule.
export { RULES, type RuleId, type Severity } from './rules/index.js';
import type { RuleId, Severity } from './rules/index.js';

export interface SourceLocation {
  /** Relative to the config's directory (or the tsconfig's), forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface TraceStep extends SourceLocation {
  note: string;
}

/** A stretch of one file: 1-based, `endColumn` the column just after the last character. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  category: string | null;
  form: Form | null;
  sink: string | null;
  event: string | null;
  location: SourceLocation;
  trace: TraceStep[];
  fingerprint: string;
  /**
   * What in the call at `location` the finding is about, for code frames: the leaking value as
   * written (`user.postalCode` in the payload), or the callee for a finding about the call as a
   * whole (quasi-identifiers, event names). Absent when nothing narrower is known. Not part of
   * the SPEC §7 object: the json and sarif reporters leave it out.
   */
  span?: SourceSpan;
}

export interface Summary {
  files: number;
  sinks: number;
  flows: number;
  errors: number;
  warnings: number;
}

/** Something that kept piiguard from analysing part of the input; never a finding. */
export interface Problem {
  /** `built-package` is a warning: the run is complete but for what the package's calls send. */
  kind: 'unreadable-file' | 'unparsable-file' | 'internal-error' | 'config-error' | 'project-error' | 'built-package';
  file?: string;
  message: string;
}

/** Whether a problem makes the run fail (exit 2): all but the warning that a workspace package was seen through its declarations only. */
export function isFailingProblem(problem: Problem): boolean {
  return problem.kind !== 'built-package';
}

export interface AnalysisResult {
  tool: { name: 'piiguard'; version: string };
  findings: Finding[];
  summary: Summary;
  /** Problems that did not stop the run; the CLI prints them on stderr and exits 2. */
  problems: Problem[];
  /** Absolute directory that finding paths are relative to (never printed by the json reporter). */
  root: string;
  /** Phase timings in milliseconds, when asked for (`--timings`). */
  timings?: Array<{ phase: string; ms: number }>;
}

/**
 * The one order of findings, in every output: by file, then position, then rule and fingerprint,
 * compared by code unit (never by locale) so the same findings give the same bytes everywhere.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** The summary's counts of findings: the one place they are counted. */
export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
