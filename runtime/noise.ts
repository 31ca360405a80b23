/**
 * Local differential privacy (the `noised` form of SPEC §3): each app adds noise to its own
 * report before it leaves, so no single report can be trusted, while sums over many reports stay
 * accurate. Randomness comes from `globalThis.crypto.getRandomValues` (Node 20+, every browser),
 * never from `Math.random`, whose output can be predicted from a few samples.
 */
import { describeOption } from './describe-option.js';

/**
 * The largest privacy loss the noise functions accept. Beyond it the noise is no protection: at
 * ε = 10 randomized response tells the truth 99.995% of the time, and from ε ≈ 37 on its
 * probability of a flip rounds to 0, so the "noised" result is the raw value.
 */
export const MAX_EPSILON = 10;

/* ---------- argument checks (kept apart from the samplers below) ---------- */

function assertEpsilon(epsilon: unknown, where: string): asserts epsilon is number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0 || epsilon > MAX_EPSILON) {
    throw new RangeError(`${where}: epsilon must be a number greater than 0 and at most ${MAX_EPSILON}, got ${describeOption(epsilon)}`);
  }
}

/**
 * Throws unless Laplace noise on `value` stays a finite number: the largest noise a draw can
 * give is about 37 times the scale (sensitivity / ε), so a scale or value near the largest
 * double would overflow to Infinity. The messages never contain `value`.
 */
function assertLaplaceArguments(value: unknown, sensitivity: unknown, epsilon: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError('piiguard laplaceNoise: value must be a finite number');
  }
  if (typeof sensitivity !== 'number' || !Number.isFinite(sensitivity) || sensitivity <= 0) {
    throw new RangeError(`piiguard laplaceNoise: sensitivity must be a finite number greater than 0, got ${describeOption(sensitivity)}`);
  }
  assertEpsilon(epsilon, 'piiguard laplaceNoise');
  if (!Number.isFinite(Math.abs(value) + 40 * (sensitivity / epsilon))) {
    throw new RangeError('piiguard laplaceNoise: value plus noise of this sensitivity and epsilon overflows a number');
  }
}

const POOL_WORDS = 512;
let pool = new Uint32Array(0);
let poolIndex = 0;

/** 32 random bits; refills a small pool so that many draws do not each cross into the engine. */
function randomUint32(): number {
  if (poolIndex >= pool.length) {
    const crypto = globalThis.crypto;
    if (typeof crypto?.getRandomValues !== 'function') {
      throw new Error('piiguard: globalThis.crypto.getRandomValues is not available; noise needs a cryptographic random source');
    }
    if (pool.length === 0) pool = new Uint32Array(POOL_WORDS);
    crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  const word = pool[poolIndex];
  pool[poolIndex++] = 0;
  return word;
}

/**
 * A uniform draw from (0, 1): 52 random bits, centred in their cell so that neither 0 nor 1 can
 * occur (with 53 bits, the top cell's centre would round up to exactly 1).
 */
function randomOpenUnit(): number {
  const high = randomUint32() >>> 6; // 26 bits
  const low = randomUint32() >>> 6; // 26 bits
  return (high * 67_108_864 + low + 0.5) / 4_503_599_627_370_496;
}

/**
 * Randomized response, ε-locally differentially private: reports the true bit with probability
 * e^ε / (1 + e^ε) and the flipped bit otherwise. An estimate of the true rate from n reports
 * with an observed rate r is (r·(1 + e^ε) − 1) / (e^ε − 1).
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
  if (typeof bit !== 'boolean' && bit !== 0 && bit !== 1) {
    throw new TypeError('piiguard randomizedResponse: bit must be a boolean, 0 or 1');
  }
  assertEpsilon(epsilon, 'piiguard randomizedResponse');
  const truthful = randomOpenUnit() < 1 / (1 + Math.exp(-epsilon));
  if (truthful) return bit;
  return typeof bit === 'boolean' ? !bit : ((1 - bit) as 0 | 1);
}

/**
 * The Laplace mechanism, ε-locally differentially private for a value whose change by one
 * person is at most `sensitivity`: returns `value` plus noise drawn from Laplace(0, b) with
 * b = sensitivity / ε (mean 0, variance 2b²).
 *
 * The noise is sampled in floating point by inverse transform; like every textbook sampler it is
 * open to Mironov's floating-point attack (CCS 2012) in theory. Round or clamp the result when
 * that matters to you.
 *
 * @param value - the true value, a finite number.
 * @param sensitivity - how much one person can change the value, a finite number > 0.
 * @param epsilon - the privacy loss, a number > 0 and at most {@link MAX_EPSILON}.
 * @throws RangeError when an argument is not a finite number, `sensitivity` or `epsilon` is not
 *   greater than 0, `epsilon` is above {@link MAX_EPSILON}, or the result would overflow (it is
 *   always a finite number). The message never contains `value`.
 */
export function laplaceNoise(value: number, sensitivity: number, epsilon: number): number {
  assertLaplaceArguments(value, sensitivity, epsilon);
  const scale = sensitivity / epsilon;
  const u = randomOpenUnit();
  // Inverse CDF of Laplace(0, scale); u ∈ (0, 1) keeps both logarithms finite.
  const noise = u < 0.5 ? scale * Math.log(2 * u) : -scale * Math.log(2 * (1 - u));
  return value + noise;
}
