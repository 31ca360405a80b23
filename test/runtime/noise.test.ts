// Statistical tests for the local-DP mechanisms, with a fixed number of draws and a fixed pass
// probability: every check is a two-sided bound at six standard errors of the statistic it tests,
// so under the normal approximation (each statistic is an average of ≥ 50 000 draws) a correct
// sampler fails one check with probability 2·10⁻⁹, and this file's ~120 checks together less than
// once in 4·10⁶ runs. The usual mistakes (ε halved or doubled, ⌈sensitivity/granularity⌉ off by
// one, the flip probability inverted, Gaussian or continuous noise) miss by dozens of errors.
// The expected moments are computed here from the probability mass function, independently of
// runtime/noise.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { laplaceNoise, laplaceNoiseVariance, MAX_EPSILON, randomizedResponse } from '../../runtime/index.js';

const SIGMAS = 6;

/** |observed − expected| < 6 standard errors. */
function expectWithin(observed: number, expected: number, standardError: number, what: string): void {
  expect(Math.abs(observed - expected), `${what}: observed ${observed}, expected ${expected} ± ${SIGMAS}·${standardError}`).toBeLessThan(
    SIGMAS * standardError,
  );
}

describe('randomizedResponse', () => {
  const DRAWS = 100_000;
  for (const epsilon of [0.5, 1, Math.log(3), 3]) {
    it(`reports the truth with probability e^ε/(1+e^ε) for ε = ${epsilon.toFixed(3)}`, () => {
      const p = Math.exp(epsilon) / (1 + Math.exp(epsilon));
      const standardError = Math.sqrt((p * (1 - p)) / DRAWS);
      let truthfulTrue = 0;
      let truthfulZero = 0;
      for (let i = 0; i < DRAWS; i++) {
        if (randomizedResponse(true, epsilon) === true) truthfulTrue++;
        if (randomizedResponse(0, epsilon) === 0) truthfulZero++;
      }
      expectWithin(truthfulTrue / DRAWS, p, standardError, 'true');
      expectWithin(truthfulZero / DRAWS, p, standardError, '0');
    });
  }

  it('lies rarely at MAX_EPSILON (probability e^-10 / (1 + e^-10): 4.5 in 100,000)', () => {
    let lies = 0;
    for (let i = 0; i < 100_000; i++) if (randomizedResponse(false, MAX_EPSILON)) lies++;
    expect(lies).toBeLessThan(30);
  });

  it('answers in the type it was asked in', () => {
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) {
      seen.add(randomizedResponse(false, 0.1));
      seen.add(randomizedResponse(1, 0.1));
    }
    expect([...seen].sort()).toEqual([0, 1, false, true].sort());
  });

  it('rejects bits that are not and epsilons that are not finite and positive', () => {
    expect(() => randomizedResponse('yes' as never, 1)).toThrow(/bit must be a boolean, 0 or 1/);
    expect(() => randomizedResponse(2 as never, 1)).toThrow(TypeError);
    for (const epsilon of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      expect(() => randomizedResponse(true, epsilon as never), String(epsilon)).toThrow(
        /epsilon must be a number greater than 0 and at most 10/,
      );
    }
  });
});

/**
 * The discrete Laplace distribution in steps: P(k) = (1 − p)/(1 + p) · p^|k| with
 * p = exp(−ε / ⌈sensitivity / granularity⌉), and its moments, summed from the mass function.
 */
function discreteLaplace(epsilon: number, steps: number) {
  const p = Math.exp(-epsilon / steps);
  const pmf = (k: number) => ((1 - p) / (1 + p)) * p ** Math.abs(k);
  let variance = 0;
  let fourth = 0;
  for (let k = 1; pmf(k) > 1e-300; k++) {
    variance += 2 * pmf(k) * k ** 2;
    fourth += 2 * pmf(k) * k ** 4;
  }
  return { pmf, variance, fourth };
}

describe('laplaceNoise', () => {
  const DRAWS = 50_000;
  const cases = [
    { value: 0, sensitivity: 1, epsilon: 1, granularity: 1, rounded: 0, steps: 1 },
    { value: 100, sensitivity: 1, epsilon: 0.5, granularity: 1, rounded: 100, steps: 1 },
    // −7.5 rounds away from zero; one person moves the value by up to 10 steps.
    { value: -7.5, sensitivity: 10, epsilon: 2, granularity: 1, rounded: -8, steps: 10 },
    // 3.3 / 0.1 is 32.99… in binary and rounds to 33 steps; ⌈1 / 0.1⌉ is 10 (0.1 is a hair above a tenth).
    { value: 3.3, sensitivity: 1, epsilon: Math.log(3), granularity: 0.1, rounded: 33, steps: 10 },
    // ⌈1 / 0.3⌉ = 4 steps of 0.3: the rounding costs a little accuracy, never privacy.
    { value: 1, sensitivity: 1, epsilon: 1, granularity: 0.3, rounded: 3, steps: 4 },
  ];

  for (const { value, sensitivity, epsilon, granularity, rounded, steps } of cases) {
    it(`draws discrete Laplace noise in steps of ${granularity} for value ${value}, s ${sensitivity}, ε ${epsilon.toFixed(3)}`, () => {
      const { pmf, variance, fourth } = discreteLaplace(epsilon, steps);
      expect(laplaceNoiseVariance(sensitivity, epsilon, { granularity }) / granularity ** 2).toBeCloseTo(variance, 9);
      const counts = new Map<number, number>();
      let sum = 0;
      let sumSquares = 0;
      let offLattice = 0;
      for (let i = 0; i < DRAWS; i++) {
        const result = laplaceNoise(value, sensitivity, epsilon, { granularity });
        const k = Math.round(result / granularity);
        if (k * granularity !== result) offLattice++;
        const noise = k - rounded;
        counts.set(noise, (counts.get(noise) ?? 0) + 1);
        sum += noise;
        sumSquares += noise * noise;
      }
      expect(offLattice).toBe(0);
      for (let k = -4; k <= 4; k++) {
        const expected = pmf(k);
        expectWithin((counts.get(k) ?? 0) / DRAWS, expected, Math.sqrt((expected * (1 - expected)) / DRAWS), `P(noise = ${k})`);
      }
      const mean = sum / DRAWS;
      expectWithin(mean, 0, Math.sqrt(variance / DRAWS), 'mean');
      // The sample variance's standard error: √((E[X⁴] − σ⁴) / n).
      expectWithin(sumSquares / DRAWS - mean * mean, variance, Math.sqrt((fourth - variance ** 2) / DRAWS), 'variance');
    });
  }

  it('can give the same result for different values: the set of results does not depend on the value (Mironov 2012)', () => {
    // A floating-point sampler's results for 0.3 and 0.4 never coincide, which tells them apart.
    const fromLow = new Set(Array.from({ length: 2000 }, () => laplaceNoise(0.3, 1, 1, { granularity: 0.1 })));
    const fromHigh = Array.from({ length: 2000 }, () => laplaceNoise(0.4, 1, 1, { granularity: 0.1 }));
    expect(fromHigh.filter((result) => fromLow.has(result)).length).toBeGreaterThan(1500);
    const integers = Array.from({ length: 2000 }, () => laplaceNoise(0.5, 1, 1));
    expect(integers.every(Number.isInteger)).toBe(true);
  });

  it('rounds the value exactly to the nearest step, halves away from zero', () => {
    // At MAX_EPSILON a draw's noise is 0 but about once in 11,000: the median of 9 draws is the rounded value.
    const rounded = (value: number, options?: { granularity: number }) =>
      Array.from({ length: 9 }, () => laplaceNoise(value, 1, MAX_EPSILON, options)).sort((a, b) => a - b)[4];
    expect(rounded(-7.5)).toBe(-8);
    expect(rounded(2.5)).toBe(3);
    // 0.49999999999999994 + 0.5 is 1 in floating point; the exact rounding is 0.
    expect(rounded(0.49999999999999994)).toBe(0);
    expect(rounded(1.25, { granularity: 0.5 })).toBe(1.5);
    expect(rounded(2 ** 40 + 0.5)).toBe(2 ** 40 + 1);
  });

  it('rejects non-finite values and non-positive sensitivity, epsilon or granularity, without echoing the value', () => {
    expect(() => laplaceNoise(Number.NaN, 1, 1)).toThrow(/value must be a finite number/);
    expect(() => laplaceNoise('5' as never, 1, 1)).toThrow(RangeError);
    expect(() => laplaceNoise(5, 0, 1)).toThrow(/sensitivity must be a finite number greater than 0, got an integer$/);
    expect(() => laplaceNoise(5, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
    expect(() => laplaceNoise(5, 1, -0.5)).toThrow(/epsilon must be a number greater than 0 and at most 10, got a number with a fraction$/);
    expect(() => laplaceNoise(5, 1, 1, { granularity: 0 })).toThrow(/granularity must be a finite number greater than 0, got an integer$/);
    expect(() => laplaceNoise(123_456_789, 1, 1, { granularity: 1e-12 })).toThrow(/value \/ granularity must be below 2\^52 in magnitude$/);
    expect(() => laplaceNoise(5, 1e6, 1, { granularity: 1e-9 })).toThrow(/sensitivity \/ granularity must each be at most 2\^44/);
    expect(() => laplaceNoise(Number.POSITIVE_INFINITY, 1, 1)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('Infinity') }),
    );
  });

  it(`refuses an epsilon above MAX_EPSILON (${MAX_EPSILON}), where the noised result would be the raw value`, () => {
    expect(() => laplaceNoise(5, 1, 11)).toThrow(
      'piiguard laplaceNoise: epsilon must be a number greater than 0 and at most 10, got an integer',
    );
    expect(() => laplaceNoise(5, 1, 1e300)).toThrow(RangeError);
    expect(() => randomizedResponse(true, 40)).toThrow(
      'piiguard randomizedResponse: epsilon must be a number greater than 0 and at most 10, got an integer',
    );
    expect(randomizedResponse(true, MAX_EPSILON)).toBeTypeOf('boolean');
  });

  it('never returns Infinity or NaN: a value or scale beyond exact integer steps is refused', () => {
    expect(() => laplaceNoise(Number.MAX_VALUE, 1, 1)).toThrow(
      'piiguard laplaceNoise: value / granularity must be below 2^52 in magnitude',
    );
    expect(() => laplaceNoise(0, 1e300, 1)).toThrow(
      'piiguard laplaceNoise: epsilon and sensitivity / granularity must each be at most 2^44',
    );
    expect(() => laplaceNoise(0, Number.MAX_VALUE, 1e-300)).toThrow(RangeError);
    expect(() => laplaceNoise(Number.MAX_VALUE / 2, 1e300, 1)).toThrow(RangeError);
    for (let i = 0; i < 2000; i++) expect(Number.isFinite(laplaceNoise(2 ** 51, 2 ** 40, 1))).toBe(true);
  });
});

describe('random source', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('draws from crypto.getRandomValues and never from Math.random', async () => {
    vi.resetModules();
    const { laplaceNoise: fresh, randomizedResponse: freshResponse } = await import('../../runtime/noise.js');
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const mathRandom = vi.spyOn(Math, 'random');
    for (let i = 0; i < 1000; i++) fresh(0, 1, 1);
    for (let i = 0; i < 1000; i++) freshResponse(true, 1);
    expect(getRandomValues).toHaveBeenCalled();
    expect(mathRandom).not.toHaveBeenCalled();
  });

  it('throws a clear error when no cryptographic random source exists', async () => {
    vi.resetModules();
    const { randomizedResponse: fresh } = await import('../../runtime/noise.js');
    vi.stubGlobal('crypto', undefined);
    expect(() => fresh(true, 1)).toThrow(/crypto\.getRandomValues is not available/);
  });
});
