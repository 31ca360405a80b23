/**
 * A privacy budget (SPEC §12, Runtime): ε-differentially private reports compose — k reports at
 * ε each lose at most k·ε about a person — so an app that reports every minute loses everything
 * in a day. A budget caps the total per user and period; a report that would exceed it is
 * dropped (the mechanism is not even run) and counted, so dashboards can show how much was lost.
 */
import { describeOption } from './describe-option.js';
import { checkLaplaceArguments, checkResponseArguments, laplaceNoise, randomizedResponse, type LaplaceNoiseOptions } from './noise.js';
import { rotationEpoch } from './pseudonymize.js';

/** How long a budget lasts: it refills at each UTC hour, day, week (Thursday 00:00 UTC, as rotation) or month, or never. */
export type BudgetPeriod = 'hour' | 'day' | 'week' | 'month' | 'lifetime';

/** Where a budget keeps what it spent, so that a reload does not refill it: `localStorage` fits. */
export interface BudgetStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What {@link budget} accepts. */
export interface BudgetOptions {
  /** The privacy loss each user may spend per period, a finite number > 0. */
  epsilon: number;
  /** When the budget refills (see {@link BudgetPeriod}). */
  period: BudgetPeriod;
  /** Keeps the spending across page loads or restarts (default: memory only). */
  storage?: BudgetStorage;
  /** The storage key (default `'piiguard:budget'`). */
  storageKey?: string;
  /** The clock, epoch milliseconds (default `Date.now`); for tests. */
  now?: () => number;
}

/** A per-user privacy budget; see {@link budget}. */
export interface PrivacyBudget {
  /**
   * Spends `epsilon` of `user`'s budget (default: the one user of this app instance) and returns
   * true, or, when that would exceed the budget, spends nothing, counts a drop and returns false.
   */
  spend(epsilon: number, user?: string): boolean;
  /** {@link laplaceNoise} charged to the budget: `undefined` (the report is dropped) when over it. */
  laplaceNoise(value: number, sensitivity: number, epsilon: number, options?: LaplaceNoiseOptions & { user?: string }): number | undefined;
  /** {@link randomizedResponse} charged to the budget: `undefined` (the report is dropped) when over it. */
  randomizedResponse<B extends boolean | 0 | 1>(
    bit: B,
    epsilon: number,
    options?: { user?: string },
  ): (B extends boolean ? boolean : 0 | 1) | undefined;
  /** What `user` has left in the current period. */
  remaining(user?: string): number;
  /** Reports dropped for being over budget since the budget was created (or, with storage, first stored). */
  readonly dropped: number;
}

interface State {
  period: number;
  spent: Record<string, number>;
  dropped: number;
  /** The stored state could not be read: every user counts as having spent this period's budget. */
  exhausted?: true;
}

const PERIODS: readonly BudgetPeriod[] = ['hour', 'day', 'week', 'month', 'lifetime'];
const DEFAULT_USER = '';
/**
 * Sums of ε in floating point drift by a few ulps (0.1 ten times is 0.9999999999999999); a
 * report that fits up to a relative 10^-9 is let through rather than dropped for rounding.
 */
const SLACK = 1e-9;

function periodNumber(period: BudgetPeriod, now: number): number {
  switch (period) {
    case 'hour':
      return Math.floor(now / 3_600_000);
    case 'day':
      return rotationEpoch('daily', now);
    case 'week':
      return rotationEpoch('weekly', now);
    case 'month':
      return rotationEpoch('monthly', now);
    case 'lifetime':
      return 0;
  }
}

/**
 * Creates a privacy budget of `epsilon` per user and `period`. Report through its
 * `laplaceNoise` and `randomizedResponse` (same arguments as the plain ones), or gate a whole
 * event on `spend(ε)`; each report spends its ε (sequential composition). In a browser there is
 * one user, this one; on a server, pass the (pseudonymized) user as `user`.
 *
 * With `storage`, spending survives reloads; a stored state that cannot be read counts as the
 * current period's budget spent (the safe reading), and a user who clears storage gets a new
 * budget — the budget protects users from the app's over-reporting, not from themselves.
 *
 * @throws RangeError when `epsilon` is not a finite number > 0; TypeError on an unknown period.
 *
 * @example
 * ```ts
 * const privacy = budget({ epsilon: 4, period: 'day', storage: localStorage });
 * posthog.capture('Pulse', { bpm: privacy.laplaceNoise(heartRate, 5, 0.5) }); // bpm left out when over budget
 * ```
 */
export function budget(options: BudgetOptions): PrivacyBudget {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('piiguard budget: expected an options object { epsilon, period }');
  }
  const { epsilon: total, period, storage, storageKey = 'piiguard:budget', now = Date.now } = options;
  if (typeof total !== 'number' || !Number.isFinite(total) || total <= 0) {
    throw new RangeError(`piiguard budget: epsilon must be a finite number greater than 0, got ${describeOption(total)}`);
  }
  if (!PERIODS.includes(period)) {
    throw new TypeError(`piiguard budget: period must be one of ${PERIODS.join(', ')}, got ${describeOption(period)}`);
  }
  let state: State | undefined;

  function current(): State {
    const thisPeriod = periodNumber(period, now());
    state ??= load(thisPeriod);
    // A new period refills every user (and forgets the users of the last one).
    if (state.period !== thisPeriod) state = { period: thisPeriod, spent: {}, dropped: state.dropped };
    return state;
  }

  function load(thisPeriod: number): State {
    const fresh: State = { period: thisPeriod, spent: {}, dropped: 0 };
    const text = storage?.getItem(storageKey);
    if (text === null || text === undefined) return fresh;
    try {
      const stored = JSON.parse(text) as State;
      const valid =
        Number.isInteger(stored.period) &&
        Number.isInteger(stored.dropped) &&
        typeof stored.spent === 'object' &&
        stored.spent !== null &&
        Object.values(stored.spent).every((spent) => typeof spent === 'number' && spent >= 0);
      if (valid) {
        return {
          period: stored.period,
          spent: { ...stored.spent },
          dropped: stored.dropped,
          ...(stored.exhausted === true && { exhausted: true }),
        };
      }
    } catch {
      // unreadable: fall through to the safe reading
    }
    return { ...fresh, exhausted: true };
  }

  function spentBy(s: State, user: string): number {
    if (s.exhausted) return total;
    return Object.hasOwn(s.spent, user) ? s.spent[user] : 0;
  }

  function save(s: State): void {
    storage?.setItem(storageKey, JSON.stringify(s));
  }

  function spend(epsilon: number, user: string = DEFAULT_USER): boolean {
    if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
      throw new RangeError(`piiguard budget: epsilon must be a finite number greater than 0, got ${describeOption(epsilon)}`);
    }
    if (typeof user !== 'string') throw new TypeError('piiguard budget: user must be a string');
    const s = current();
    const after = spentBy(s, user) + epsilon;
    if (after > total * (1 + SLACK)) {
      s.dropped++;
      save(s);
      return false;
    }
    s.spent[user] = after;
    save(s);
    return true;
  }

  return {
    spend,
    laplaceNoise(value, sensitivity, epsilon, noiseOptions) {
      // Check the arguments before spending: a call that throws must not use up budget.
      checkLaplaceArguments(value, sensitivity, epsilon, noiseOptions, 'piiguard budget.laplaceNoise');
      if (!spend(epsilon, noiseOptions?.user)) return undefined;
      return laplaceNoise(value, sensitivity, epsilon, noiseOptions);
    },
    randomizedResponse(bit, epsilon, responseOptions) {
      checkResponseArguments(bit, epsilon, 'piiguard budget.randomizedResponse');
      if (!spend(epsilon, responseOptions?.user)) return undefined;
      return randomizedResponse(bit, epsilon) as never;
    },
    remaining(user = DEFAULT_USER) {
      return Math.max(0, total - spentBy(current(), user));
    },
    get dropped() {
      return current().dropped;
    },
  };
}
