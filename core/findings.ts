/**
 * The finding model (SPEC §7): what every front end reports. Rule ids, default severities and
 * message texts live here and nowhere else.
 */
import type { Form } from './taxonomy.js';

export type Severity = 'error' | 'warning';

export const RULES = {
  'piiguard/unapproved-flow': {
    severity: 'error',
    description: 'A tagged value reaches a sink in a form, sink or event that no allow entry approves.',
  },
  'piiguard/expired-approval': {
    severity: 'error',
    description: 'The only allow entry that would approve the flow has expired.',
  },
  'piiguard/weak-hash': {
    severity: 'error',
    description:
      'A low-entropy category reaches a sink hashed without a key (a dictionary reverses it) and no entry approves hashed for it.',
  },
  'piiguard/secret-flow': { severity: 'error', description: 'A credential reaches a sink.' },
  'piiguard/quasi-identifiers': {
    severity: 'warning',
    description: 'One event carries three or more quasi-identifiers together.',
  },
  'piiguard/untagged-pii': {
    severity: 'warning',
    description: 'Heuristic: an untagged, personal-looking value reaches a sink.',
  },
  'piiguard/unknown-event': {
    severity: 'error',
    description: 'With strictEvents, the event is not in the tracking plan.',
  },
  'piiguard/dynamic-event-name': {
    severity: 'warning',
    description: 'The event name is not a compile-time constant.',
  },
  'piiguard/unused-approval': {
    severity: 'warning',
    description: 'An allow entry matched no flow (policy drift).',
  },
  'piiguard/unplanned-property': {
    severity: 'warning',
    description: 'With "transform": true, a tagged property that the tracking plan drops at run time.',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleId = keyof typeof RULES;

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
  kind: 'unreadable-file' | 'internal-error' | 'config-error' | 'project-error';
  file?: string;
  message: string;
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
