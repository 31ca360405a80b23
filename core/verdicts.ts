/**
 * Verdicts (SPEC §5, §7): given a flow of one category, in one form, to one sink and event, which
 * rule (if any) it breaks and which allow entry approves it. The flow rules are tried in the order
 * below; each says in its file (core/rules/) what its message is.
 */
import type { AllowEntry, PiiguardConfig } from './config/types.js';
import { RULES, type RuleId, type Severity } from './rules/index.js';
import type { FlowData } from './rules/define.js';
import { LOW_ENTROPY_CATEGORIES, getTier } from './taxonomy.js';

export type FlowFacts = FlowData;

export interface Verdict {
  ruleId: RuleId;
  severity: Severity;
  message: string;
}

/** What the policy says of one flow. */
export interface Judgement {
  /** The rule the flow breaks; absent when an entry approves it. */
  verdict?: Verdict;
  /** The entry that approves it — or, for `expired-approval`, the expired entry that did. */
  entry?: AllowEntry;
}

/** Tracks which allow entries approved something, for `unused-approval` after a whole run. */
export class Policy {
  readonly used = new Set<number>();
  private recording?: Set<number>;

  constructor(
    private readonly config: PiiguardConfig,
    private readonly today: string,
  ) {}

  judge(flow: FlowFacts): Judgement {
    if (getTier(flow.category, this.config.categories) === 'secret') {
      return { verdict: verdict('piiguard/secret-flow', RULES['piiguard/secret-flow'].message(flow)) };
    }
    const matching = this.config.allow.filter((entry) => matchesFlow(entry, flow));
    const valid = matching.filter((entry) => !isExpired(entry, this.today));
    for (const entry of valid.length > 0 ? valid : matching) {
      this.used.add(entry.index);
      this.recording?.add(entry.index);
    }
    if (valid.length > 0) return { entry: valid[0] };
    if (matching.length > 0) {
      const entry = matching[0];
      return { entry, verdict: verdict('piiguard/expired-approval', RULES['piiguard/expired-approval'].message({ ...flow, entry })) };
    }
    if (flow.form === 'hashed' && LOW_ENTROPY_CATEGORIES.has(flow.category)) {
      return { verdict: verdict('piiguard/weak-hash', RULES['piiguard/weak-hash'].message(flow)) };
    }
    return { verdict: verdict('piiguard/unapproved-flow', RULES['piiguard/unapproved-flow'].message(flow)) };
  }

  /** Runs `work` and returns the entries its judgements used (to use them again when they are kept). */
  record(work: () => void): number[] {
    const outer = this.recording;
    const recording = (this.recording = new Set());
    try {
      work();
    } finally {
      this.recording = outer;
    }
    if (outer) for (const index of recording) outer.add(index);
    return [...recording];
  }

  getUnusedEntries(): AllowEntry[] {
    return this.config.allow.filter((entry) => !this.used.has(entry.index));
  }
}

/**
 * Whether an entry speaks of the flow (SPEC §5): its category, sink and event, and its form
 * unless `anyForm` (the rewrite looks for an entry in a form it can produce).
 */
export function matchesFlow(entry: AllowEntry, flow: Omit<FlowFacts, 'form'> & { form?: FlowFacts['form'] }): boolean {
  if (entry.category !== flow.category) return false;
  if (flow.form !== undefined && entry.form !== flow.form) return false;
  if (entry.sink !== '*' && entry.sink !== flow.sink) return false;
  if (entry.events === '*') return true;
  return flow.event !== null && entry.events.includes(flow.event);
}

/** An entry approves through the whole day of its `expires` date (UTC). */
export function isExpired(entry: AllowEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

export function verdict(ruleId: RuleId, message: string, severity: Severity = RULES[ruleId].severity): Verdict {
  return { ruleId, severity, message };
}
