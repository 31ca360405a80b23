/**
 * Estimators for analysts: the true rate or sum behind many noised reports. Each is unbiased —
 * its expectation over the noise is the true rate or sum of the users who reported — and comes
 * with its variance, so a dashboard can show an interval (estimate ± 1.96 · standardError is
 * about 95%) instead of a number that looks exact.
 */
import { describeOption } from './describe-option.js';
import { laplaceNoiseVariance, type LaplaceNoiseOptions } from './noise.js';

/** An estimate with its variance over the noise. */
export interface Estimate {
  /** The unbiased estimate. It can fall outside the possible range (a rate below 0) when the true value is near its edge. */
  estimate: number;
  /** The variance of the estimate over the noise (the true values held fixed). */
  variance: number;
  /** √variance. */
  standardError: number;
  /** How many reports it is made of. */
  count: number;
}

/** Randomized-response reports, as the answers themselves or as counts. */
export type ResponseReports = readonly (boolean | 0 | 1)[] | { readonly positives: number; readonly total: number };

function countPositives(reports: ResponseReports): { positives: number; total: number } {
  if (Array.isArray(reports)) {
    let positives = 0;
    for (const report of reports as readonly unknown[]) {
      if (report === true || report === 1) positives++;
      else if (report !== false && report !== 0) throw new TypeError('piiguard estimateRate: every report must be a boolean, 0 or 1');
    }
    return { positives, total: reports.length };
  }
  const { positives, total } = (reports ?? {}) as { positives?: unknown; total?: unknown };
  if (
    !Number.isSafeInteger(total) ||
    !Number.isSafeInteger(positives) ||
    (positives as number) < 0 ||
    (positives as number) > (total as number)
  ) {
    throw new TypeError('piiguard estimateRate: expected an array of reports or { positives, total } with 0 ≤ positives ≤ total integers');
  }
  return { positives: positives as number, total: total as number };
}

function assertEpsilon(epsilon: unknown, where: string): asserts epsilon is number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
    throw new RangeError(`${where}: epsilon must be a finite number greater than 0, got ${describeOption(epsilon)}`);
  }
}

/**
 * The share of users whose true bit is 1, from their {@link randomizedResponse} reports at `epsilon`.
 *
 * With n reports of which a share r is 1, and p = e^ε / (1 + e^ε) the probability of a truthful
 * report: estimate = (r − (1 − p)) / (2p − 1) = (r·(e^ε + 1) − 1) / (e^ε − 1), unbiased because
 * E[r] = π(2p − 1) + (1 − p) for a true rate π. Each report is truthful independently with
 * probability p whatever its bit, so r has variance p(1 − p)/n and the estimate
 * **variance = p(1 − p) / (n(2p − 1)²) = e^ε / (n(e^ε − 1)²)** — it does not depend on the true
 * rate (ε = ln 3, n = 10 000: standard error 0.0087). If the users are themselves a random sample
 * of a larger population, add the sampling variance π(1 − π)/n for the population's rate.
 *
 * @throws TypeError on malformed reports, RangeError on a bad `epsilon` or no reports.
 */
export function estimateRate(reports: ResponseReports, epsilon: number): Estimate {
  assertEpsilon(epsilon, 'piiguard estimateRate');
  const { positives, total } = countPositives(reports);
  if (total === 0) throw new RangeError('piiguard estimateRate: no reports to estimate from');
  const e = Math.exp(epsilon);
  const em1 = Math.expm1(epsilon);
  const estimate = ((positives / total) * (e + 1) - 1) / em1;
  const variance = e / (total * em1 * em1);
  return { estimate, variance, standardError: Math.sqrt(variance), count: total };
}

/**
 * The sum of the users' true values, from their {@link laplaceNoise} reports made with these
 * `sensitivity`, `epsilon` and `granularity`. The sum of the reports is unbiased (the noise has
 * mean 0) for the sum of the values rounded to the granularity; its **variance is n times
 * {@link laplaceNoiseVariance}(sensitivity, ε, { granularity })**, n the number of reports —
 * about 2n(sensitivity/ε)². For the mean, divide the estimate by n and the variance by n².
 *
 * @throws TypeError when a report is not a finite number; RangeError on bad noise parameters.
 */
export function estimateSum(reports: readonly number[], sensitivity: number, epsilon: number, options?: LaplaceNoiseOptions): Estimate {
  const perReport = laplaceNoiseVariance(sensitivity, epsilon, options);
  if (!Array.isArray(reports)) throw new TypeError('piiguard estimateSum: reports must be an array of numbers');
  let estimate = 0;
  for (const report of reports as readonly unknown[]) {
    if (typeof report !== 'number' || !Number.isFinite(report))
      throw new TypeError('piiguard estimateSum: every report must be a finite number');
    estimate += report;
  }
  const variance = reports.length * perReport;
  return { estimate, variance, standardError: Math.sqrt(variance), count: reports.length };
}
