/**
 * Local differential privacy (the `noised` form of SPEC §3): each app adds noise to its own
 * report before it leaves, so no single report can be trusted, while sums over many reports stay
 * accurate. Both mechanisms sample exactly, in integers (see ./exact-random.ts): no floating-point
 * number is ever between the random bits and the noise, so the privacy guarantee is the one the
 * proofs give and Mironov's attack on floating-point Laplace samplers (CCS 2012) has nothing to
 * read. Randomness comes from `globalThis.crypto.getRandomValues`, never from `Math.random`.
 */
import { describeOption } from './describe-option.js';
import { bernoulli, bernoulliExp, discreteLaplace, gcd } from './exact-random.js';

/** Options of {@link laplaceNoise}. */
export interface LaplaceNoiseOptions {
  /**
   * The spacing of the results (default `1`: integers). The value is rounded to the nearest
   * multiple of `granularity` (halves away from zero) and noise comes in whole multiples of it,
   * so every result is `k · granularity` for an integer k. Pick it as coarse as the data allows:
   * `0.01` for amounts in cents, `1` for counts.
   */
  granularity?: number;
}

/** Numerators and denominators stay at or below 2^44, so every integer in the samplers is exact. */
const MAX_RATIONAL = 17_592_186_044_416;

/**
 * The largest privacy loss the noise functions accept. Beyond it the noise is no protection: at
 * ε = 10 randomized response tells the truth 99.995% of the time, and from ε ≈ 37 on its
 * probability of a flip rounds to 0, so the "noised" result is the raw value.
 */
export const MAX_EPSILON = 10;

function assertEpsilon(epsilon: unknown, where: string): asserts epsilon is number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0 || epsilon > MAX_EPSILON) {
    throw new RangeError(`${where}: epsilon must be a number greater than 0 and at most ${MAX_EPSILON}, got ${describeOption(epsilon)}`);
  }
}

function assertPositive(option: unknown, name: string, where: string): asserts option is number {
  if (typeof option !== 'number' || !Number.isFinite(option) || option <= 0) {
    throw new RangeError(`${where}: ${name} must be a finite number greater than 0, got ${describeOption(option)}`);
  }
}

/**
 * `x / unit` as the largest fraction `s / t` not above it with s, t ≤ 2^44, t a power of two
 * times `unit` (x > 0, unit a positive integer), reduced. A double is a dyadic rational, so the
 * fraction is x itself whenever x has few enough bits (0.5, 1, 2); otherwise x loses at most a
 * relative 2^-43 — always downwards, so the mechanism is at least as private as asked.
 */
function fractionBelow(x: number, unit: number, where: string): { s: number; t: number } {
  if (x > MAX_RATIONAL || unit > MAX_RATIONAL) {
    throw new RangeError(`${where}: epsilon and sensitivity / granularity must each be at most 2^44`);
  }
  let scale = 1;
  while (x * scale * 2 <= MAX_RATIONAL && unit * scale * 2 <= MAX_RATIONAL) scale *= 2;
  const s = Math.floor(x * scale); // exact: scaling by a power of two, then an integer part
  if (s === 0) {
    throw new RangeError(`${where}: epsilon is too small for this sensitivity / granularity (the noise would exceed 2^44 steps)`);
  }
  const t = unit * scale;
  const divisor = gcd(s, t);
  return { s: s / divisor, t: t / divisor };
}

/**
 * Randomized response, ε-locally differentially private: reports the true bit with probability
 * e^ε / (1 + e^ε) and the flipped bit otherwise. The draw is exact: a fair coin says "tell the
 * truth" or "lie with probability e^−ε, else toss again", which gives exactly 1 / (1 + e^−ε) in
 * integers (e^−ε by CKS's Bernoulli(exp(−γ)) sampler, ε rounded down by at most a relative 2^-43,
 * which only makes it more private). Estimate the true rate from many reports with
 * {@link estimateRate}.
 *
 * @param bit - the true answer, a boolean or `0`/`1`; the answer comes back in the same type.
 * @param epsilon - the privacy loss, a number > 0 and at most {@link MAX_EPSILON} (ln 3 ≈ 1.1:
 *   truthful 3 times in 4).
 * @throws TypeError when `bit` is not a boolean, `0` or `1`; RangeError on a bad `epsilon`.
 */
export function randomizedResponse(bit: boolean, epsilon: number): boolean;
export function randomizedResponse(bit: 0 | 1, epsilon: number): 0 | 1;
export function randomizedResponse(bit: boolean | 0 | 1, epsilon: number): boolean | 0 | 1;
export function randomizedResponse(bit: boolean | 0 | 1, epsilon: number): boolean | 0 | 1 {
  const { s, t } = checkResponseArguments(bit, epsilon, 'piiguard randomizedResponse');
  let truthful: boolean;
  for (;;) {
    if (bernoulli(1, 2)) {
      truthful = true;
      break;
    }
    if (bernoulliExp(s, t)) {
      truthful = false;
      break;
    }
  }
  if (truthful) return bit;
  return typeof bit === 'boolean' ? !bit : ((1 - bit) as 0 | 1);
}

/** Throws unless {@link randomizedResponse} accepts the arguments; returns ε as the fraction s/t. */
export function checkResponseArguments(bit: unknown, epsilon: unknown, where: string): { s: number; t: number } {
  if (typeof bit !== 'boolean' && bit !== 0 && bit !== 1) {
    throw new TypeError(`${where}: bit must be a boolean, 0 or 1`);
  }
  assertEpsilon(epsilon, where);
  if (lastResponseEpsilon?.epsilon !== epsilon) lastResponseEpsilon = { epsilon, fraction: fractionBelow(epsilon, 1, where) };
  return lastResponseEpsilon.fraction;
}

let lastResponseEpsilon: { epsilon: number; fraction: { s: number; t: number } } | undefined;

/** What one call of {@link laplaceNoise} draws from, computed once per (sensitivity, ε, granularity). */
interface LaplaceParameters {
  /** P(noise = k·granularity) ∝ exp(−|k|·s/t). */
  s: number;
  t: number;
  granularity: number;
}

let lastParameters: { sensitivity: number; epsilon: number; granularity: number; parameters: LaplaceParameters } | undefined;

function getLaplaceParameters(sensitivity: unknown, epsilon: unknown, options: unknown, where: string): LaplaceParameters {
  assertPositive(sensitivity, 'sensitivity', where);
  assertEpsilon(epsilon, where);
  const granularity = (options as LaplaceNoiseOptions | undefined)?.granularity ?? 1;
  assertPositive(granularity, 'granularity', where);
  const last = lastParameters;
  if (last && last.sensitivity === sensitivity && last.epsilon === epsilon && last.granularity === granularity) {
    return last.parameters;
  }
  // One person moves the rounded value by at most ⌈sensitivity / granularity⌉ steps.
  const steps = Number(ceilQuotient(sensitivity, granularity));
  const parameters = { ...fractionBelow(epsilon, steps, where), granularity };
  lastParameters = { sensitivity, epsilon, granularity, parameters };
  return parameters;
}

/**
 * The Laplace mechanism, exactly, ε-locally differentially private for a value that one person
 * can change by at most `sensitivity`: the value rounded to a multiple of `granularity`, plus
 * discrete Laplace noise k·granularity with P(k) ∝ exp(−ε·|k| / ⌈sensitivity / granularity⌉)
 * (the geometric mechanism; Canonne, Kamath and Steinke 2020). The draw is made in integers from
 * `crypto.getRandomValues` and the result is `k · granularity` for an integer k, so the set of
 * possible results does not depend on the value — the leak that Mironov's attack (CCS 2012) reads
 * in floating-point samplers. Mean: the rounded value; variance {@link laplaceNoiseVariance}
 * (about 2(sensitivity/ε)², the continuous Laplace's, when the granularity is fine).
 *
 * @param value - the true value, a finite number.
 * @param sensitivity - how much one person can change the value, a finite number > 0.
 * @param epsilon - the privacy loss, a finite number > 0 (rounded down by at most a relative
 *   2^-43 to a fraction of integers, which only makes the result more private).
 * @param options - `granularity`, the spacing of results (default 1).
 * @throws RangeError when an argument is not a finite number, `sensitivity`, `epsilon` or
 *   `granularity` is not greater than 0, or value / granularity is 2^52 or more. The message never
 *   contains `value`.
 */
export function laplaceNoise(value: number, sensitivity: number, epsilon: number, options?: LaplaceNoiseOptions): number {
  const { s, t, granularity, steps } = checkLaplaceArguments(value, sensitivity, epsilon, options, 'piiguard laplaceNoise');
  return (steps + discreteLaplace(s, t)) * granularity;
}

/** Throws unless {@link laplaceNoise} accepts the arguments; returns its parameters and the rounded value in steps. */
export function checkLaplaceArguments(
  value: unknown,
  sensitivity: unknown,
  epsilon: unknown,
  options: unknown,
  where: string,
): LaplaceParameters & { steps: number } {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: value must be a finite number`);
  }
  const parameters = getLaplaceParameters(sensitivity, epsilon, options, where);
  const { granularity } = parameters;
  const steps = granularity === 1 && Number.isInteger(value) ? value : Number(roundQuotient(value, granularity));
  if (Math.abs(steps) >= 2 ** 52) {
    throw new RangeError(`${where}: value / granularity must be below 2^52 in magnitude`);
  }
  return { ...parameters, steps };
}

/**
 * The variance of the noise that {@link laplaceNoise} adds with these arguments:
 * granularity² · 2p / (1 − p)², with p = exp(−ε / ⌈sensitivity / granularity⌉) — the variance of
 * the discrete Laplace distribution. For analysts: a sum of n reports has n times this variance.
 *
 * @throws RangeError on the same arguments as {@link laplaceNoise}.
 */
export function laplaceNoiseVariance(sensitivity: number, epsilon: number, options?: LaplaceNoiseOptions): number {
  const { s, t, granularity } = getLaplaceParameters(sensitivity, epsilon, options, 'piiguard laplaceNoiseVariance');
  const p = Math.exp(-s / t);
  const oneMinusP = -Math.expm1(-s / t);
  return (granularity * granularity * 2 * p) / (oneMinusP * oneMinusP);
}

// ─── exact quotients of doubles ─────────────────────────────────────────────────────────────────

/** A finite double as an exact fraction numerator / 2^shift (a double is a dyadic rational). */
function toDyadic(x: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponentBits = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (exponentBits !== 0) mantissa |= 1n << 52n;
  const exponent = BigInt((exponentBits === 0 ? 1 : exponentBits) - 1075);
  const signed = high >>> 31 ? -mantissa : mantissa;
  return exponent >= 0n ? { numerator: signed << exponent, shift: 0n } : { numerator: signed, shift: -exponent };
}

/** a / b as an exact fraction n / d with d > 0, for finite doubles a and b > 0. */
function exactQuotient(a: number, b: number): { n: bigint; d: bigint } {
  const x = toDyadic(a);
  const y = toDyadic(b);
  // (xn / 2^xs) / (yn / 2^ys) = xn · 2^ys / (yn · 2^xs)
  return { n: x.numerator << y.shift, d: y.numerator << x.shift };
}

/** a / b rounded to the nearest integer, halves away from zero, exactly. */
function roundQuotient(a: number, b: number): bigint {
  const { n, d } = exactQuotient(a, b);
  const magnitude = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

/** ⌈a / b⌉ for doubles a, b > 0, exactly. */
function ceilQuotient(a: number, b: number): bigint {
  const { n, d } = exactQuotient(a, b);
  return (n + d - 1n) / d;
}
