/**
 * What a rule is, as data: one file per rule in core/rules/, each a `defineRule({...})`. Every
 * list of rules in piiguard — the finding model's ids and severities, `piiguard explain`, SARIF's
 * rule table, which ESLint rule shows a finding and at what severity, what a build does with it —
 * is derived from the registry in core/rules/index.ts.
 */
import type { Form } from '../taxonomy.js';

export type Severity = 'error' | 'warning';

/**
 * Where the engine finds it: at one flow of a value into a sink, at a sink call, in a file, or
 * only after the whole program (unused approvals).
 */
export type RuleScope = 'flow' | 'call' | 'file' | 'program';

/**
 * The ESLint rules of `piiguard/eslint`. Those that show findings of check rules (the rules below
 * name them in `editor`) take their severity from them; the file checks, which only the editor
 * runs, say theirs here.
 */
export const EDITOR_RULES = {
  'no-unapproved-pii-flow': {
    description: 'Reports the flows of tagged personal data into telemetry that `piiguard check` fails on, in this file.',
  },
  'no-untagged-pii': {
    description: 'Reports untagged values whose names look personal and that reach telemetry (the heuristics of `piiguard check`).',
  },
  'data-minimization': {
    description: 'Reports payloads that carry more than they need: quasi-identifiers together, properties the tracking plan drops.',
  },
  'known-event': { description: 'With strictEvents, event names are in the tracking plan.' },
  'no-dynamic-event-name': { description: 'Event names of telemetry calls are compile-time constants.' },
  'no-weak-pii-hash': { description: 'Disallow unkeyed hashes of low-entropy personal data.', severity: 'error' },
  'no-pii-brand-erasure': { description: 'Disallow dropping the PII brand of a tagged value outside a sanitizer.', severity: 'warning' },
  'analysis-complete': {
    description:
      'Reports values that piiguard could not analyse completely (a bound of the analysis cut it short), so nothing is missed in silence.',
  },
} as const satisfies Record<string, { description: string; severity?: Severity }>;
export type EditorRule = keyof typeof EDITOR_RULES;

export interface RuleDocs {
  /** What the rule reports and why it matters, in a few sentences. */
  meaning: string;
  /** Code that the rule reports, with the reported line marked. */
  example: string;
  /** How to make the finding go away by changing the code. */
  fix: string;
  /** How to accept the flow instead, when that is the right call; absent when it never is. */
  approve?: string;
}

export interface RuleDefinition<Id extends string = `piiguard/${string}`, Data = never> {
  id: Id;
  /** The default severity in `piiguard check` (and so of the ESLint rule that shows it). */
  severity: Severity;
  /** One sentence: SARIF's short description, the README table. */
  description: string;
  scope: RuleScope;
  /** The ESLint rule that shows it in the editor, or why the editor cannot. */
  editor: EditorRule | { none: string };
  /**
   * What a build with piiguard's transformer does with it: `fail` follows `onUnapproved` (a build
   * error by default); `ignore` leaves it to `check` and the editor.
   */
  build: 'fail' | 'ignore';
  /**
   * Judged across every project of a solution: the finding stands only when each project that
   * analysed its file reported it (a wrapper's event name resolved in one project is not dynamic).
   */
  wholeProgram?: boolean;
  /** Reported by the transformer and bundler plugins only, never by `piiguard check`. */
  buildOnly?: boolean;
  /** The finding's message from its data; the only place its text is written. */
  message: (data: Data) => string;
  /** What `piiguard explain` prints, and SARIF's help. */
  docs: RuleDocs;
}

export function defineRule<const Id extends `piiguard/${string}`, Data>(rule: RuleDefinition<Id, Data>): RuleDefinition<Id, Data> {
  return rule;
}

/** The facts of one judged flow of a tagged value. */
export interface FlowData {
  category: string;
  form: Form;
  sink: string;
  event: string | null;
}

export function eventText(event: string | null): string {
  return event === null ? '' : ` (event ${JSON.stringify(event)})`;
}

/** `email reaches posthog (event "Signed Up") raw` */
export function describeFlow(flow: FlowData): string {
  return `${flow.category} reaches ${flow.sink}${eventText(flow.event)} ${flow.form}`;
}
