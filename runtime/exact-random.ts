/**
 * Exact random draws in integers, for the noise mechanisms: uniform integers from
 * `globalThis.crypto.getRandomValues` (Web Crypto: Node 20+ and every browser, never
 * `Math.random`, whose output can be predicted from a few samples), Bernoulli draws with rational
 * and with exp(−rational) probabilities, and the discrete Laplace distribution — the algorithms
 * of Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020,
 * arXiv:2004.00010), Algorithms 1 and 2. Every probability is a ratio of integers below 2^53, so
 * nothing is rounded: the distribution is the one the proofs are about, which is what closes
 * Mironov's floating-point attack (CCS 2012) on the textbook Laplace sampler.
 */

const POOL_WORDS = 2048;
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

const TWO_32 = 4_294_967_296;
const TWO_53 = 9_007_199_254_740_992;

/**
 * A uniform integer in [0, n), for an integer 1 ≤ n ≤ 2^53, by rejection: no modulo bias. Below
 * 2^32 it costs one word per try, above two (53 bits); a try is rejected with probability < 1/2.
 */
export function randomBelow(n: number): number {
  if (n === 1) return 0;
  if (n <= TWO_32) {
    const limit = TWO_32 - (TWO_32 % n); // the largest multiple of n that fits in 32 bits
    for (;;) {
      const word = randomUint32();
      if (word < limit) return word % n;
    }
  }
  const limit = TWO_53 - (TWO_53 % n);
  for (;;) {
    const word = (randomUint32() >>> 11) * TWO_32 + randomUint32(); // 21 + 32 bits, exact
    if (word < limit) return word % n;
  }
}

/** true with probability numerator / denominator (integers, 0 ≤ numerator ≤ denominator ≤ 2^53). */
export function bernoulli(numerator: number, denominator: number): boolean {
  return randomBelow(denominator) < numerator;
}

/**
 * true with probability exp(−γ) for γ = numerator / denominator ∈ [0, 1]: CKS Algorithm 1, which
 * counts k while Bernoulli(γ/k) draws succeed and answers whether k ended odd. Bernoulli(γ/k) is
 * drawn as Bernoulli(γ) and Bernoulli(1/k), so no denominator grows.
 */
function bernoulliExpUnit(numerator: number, denominator: number): boolean {
  let k = 1;
  while (bernoulli(numerator, denominator) && (k === 1 || bernoulli(1, k))) k++;
  return k % 2 === 1;
}

/** true with probability exp(−numerator / denominator), for any rational ≥ 0 (CKS Algorithm 1). */
export function bernoulliExp(numerator: number, denominator: number): boolean {
  const whole = (numerator - (numerator % denominator)) / denominator;
  for (let i = 0; i < whole; i++) {
    if (!bernoulliExpUnit(1, 1)) return false;
  }
  return bernoulliExpUnit(numerator % denominator, denominator);
}

/**
 * A draw of the discrete Laplace distribution with P(Y = y) ∝ exp(−|y|·s/t), for integers
 * 1 ≤ s, t < 2^45 (CKS Algorithm 2): X = U + t·V is geometric with parameter exp(−1/t) (U uniform
 * below t accepted with probability exp(−U/t), V geometric with parameter exp(−1)); Y = ⌊X/s⌋ with
 * a random sign, where a negative zero is redrawn so that 0 is not counted twice.
 */
export function discreteLaplace(s: number, t: number): number {
  for (;;) {
    const u = randomBelow(t);
    if (!bernoulliExpUnit(u, t)) continue;
    let v = 0;
    while (bernoulliExpUnit(1, 1)) v++;
    const x = u + t * v;
    const y = (x - (x % s)) / s; // exact integer division: both are integers below 2^53
    const negative = randomBelow(2) === 1;
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** The greatest common divisor of two non-negative safe integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
