/**
 * Verdicts (SPEC §5, §7): given a flow of one category, in one form, to one sink and event, which
 * rule (if any) it breaks. Also the texts of every message, so all front ends say the same.
 */
import type { AllowEntry, PiiguardConfig } from './config/types.js';
import type { RuleId, Severity } from './findings.js';
import { RULES } from './findings.js';
import { LOW_ENTROPY_CATEGORIES, getTier, type Form } from './taxonomy.js';

export interface FlowFacts {
  category: string;
  form: Form;
  sink: string;
  event: string | null;
}

export interface Verdict {
  ruleId: RuleId;
  severity: Severity;
  message: string;
}

/** Tracks which allow entries approved something, for `unused-approval` after a whole run. */
export class Policy {
  readonly used = new Set<number>();

  constructor(
    private readonly config: PiiguardConfig,
    private readonly today: string,
  ) {}

  /** The verdict for one flow, or undefined when an entry approves it. */
  judge(flow: FlowFacts): Verdict | undefined {
    const where = describeFlow(flow);
    if (getTier(flow.category, this.config.categories) === 'secret') {
      return verdict('piiguard/secret-flow', `${where}; credentials may never leave the app, in any form`);
    }
    const matching = this.config.allow.filter((entry) => matches(entry, flow));
    const valid = matching.filter((entry) => !isExpired(entry, this.today));
    if (valid.length > 0) {
      for (const entry of valid) this.used.add(entry.index);
      return undefined;
    }
    if (matching.length > 0) {
      for (const entry of matching) this.used.add(entry.index);
      const entry = matching[0]!;
      return verdict('piiguard/expired-approval', `${where}; allow[${entry.index}] approved it until ${entry.expires}`);
    }
    if (flow.form === 'hashed' && LOW_ENTROPY_CATEGORIES.has(flow.category)) {
      return verdict(
        'piiguard/weak-hash',
        `${where}; an unkeyed hash of ${flow.category} is reversed by a dictionary — use pseudonymize(value, '${flow.category}')`,
      );
    }
    return verdict('piiguard/unapproved-flow', `${where}; no allow entry approves it`);
  }

  getUnusedEntries(): AllowEntry[] {
    return this.config.allow.filter((entry) => !this.used.has(entry.index));
  }
}

function matches(entry: AllowEntry, flow: FlowFacts): boolean {
  if (entry.category !== flow.category || entry.form !== flow.form) return false;
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

function eventText(event: string | null): string {
  return event === null ? '' : ` (event ${JSON.stringify(event)})`;
}

/** `email reaches posthog (event "Signed Up") raw` */
export function describeFlow(flow: FlowFacts): string {
  return `${flow.category} reaches ${flow.sink}${eventText(flow.event)} ${flow.form}`;
}

export const messages = {
  untaggedPii: (name: string, category: string, sink: string, event: string | null) =>
    `"${name}" looks like ${category} and reaches ${sink}${eventText(event)} untagged; tag it (a piiguard type or @pii ${category}) or stop sending it`,
  quasiIdentifiers: (categories: string[], sink: string, event: string | null) =>
    `one ${sink} call${eventText(event)} carries ${categories.length} quasi-identifiers together (${categories.join(', ')}); combined they can single out a person`,
  unknownEvent: (event: string, sink: string) => `event ${JSON.stringify(event)} sent to ${sink} is not in the tracking plan`,
  dynamicEventName: (sink: string) => `the event name of this ${sink} call is not a compile-time constant`,
  unusedApproval: (entry: AllowEntry) =>
    `allow[${entry.index}] (${entry.category} ${entry.form} to ${entry.sink === '*' ? 'any sink' : entry.sink}) matched no flow`,
  unplannedProperty: (category: string, property: string, event: string, sink: string) =>
    `${category} in property "${property}" of event ${JSON.stringify(event)} to ${sink} is not in the tracking plan; minimize() drops it at run time`,
};
