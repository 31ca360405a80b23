// The estimators are unbiased and their documented variance is the variance over the noise:
// a fixed population reports again and again, and the estimates' mean and spread are compared
// with the truth and the formula. Bounds are six standard errors (pass probability 1 − 2·10⁻⁹
// each under the normal approximation); the spread is checked with the χ² standard error of a
// sample variance, √(2/(R − 1)) relative.
import { describe, expect, it } from 'vitest';
import { estimateRate, estimateSum, laplaceNoise, laplaceNoiseVariance, randomizedResponse } from '../../runtime/index.js';

const SIGMAS = 6;

function meanAndVariance(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe('estimateRate', () => {
  it('is unbiased, with variance e^ε / (n(e^ε − 1)²) whatever the true rate', () => {
    const epsilon = Math.log(3);
    const bits = Array.from({ length: 500 }, (_, i) => i % 10 < 3); // true rate 0.3
    const ROUNDS = 400;
    const estimates = Array.from({ length: ROUNDS }, () => {
      const result = estimateRate(
        bits.map((bit) => randomizedResponse(bit, epsilon)),
        epsilon,
      );
      return result.estimate;
    });
    const documented = estimateRate({ positives: 0, total: 500 }, epsilon);
    expect(documented.variance).toBeCloseTo(3 / (500 * 4), 12);
    expect(documented.standardError).toBe(Math.sqrt(documented.variance));
    const { mean, variance } = meanAndVariance(estimates);
    expect(Math.abs(mean - 0.3)).toBeLessThan(SIGMAS * Math.sqrt(documented.variance / ROUNDS));
    expect(Math.abs(variance / documented.variance - 1)).toBeLessThan(SIGMAS * Math.sqrt(2 / (ROUNDS - 1)));
  });

  it('inverts the expected share of 1s exactly, and accepts counts or reports', () => {
    const epsilon = 1;
    const p = Math.exp(epsilon) / (1 + Math.exp(epsilon));
    // A true rate of 0.2 yields 1s at 0.2p + 0.8(1 − p).
    const total = 1_000_000;
    const positives = Math.round(total * (0.2 * p + 0.8 * (1 - p)));
    expect(estimateRate({ positives, total }, epsilon).estimate).toBeCloseTo(0.2, 5);
    expect(estimateRate([true, 1, false, 0], 2)).toEqual(estimateRate({ positives: 2, total: 4 }, 2));
    expect(estimateRate({ positives: 2, total: 4 }, 2).estimate).toBeCloseTo(0.5, 12);
    // Unbiased means unclamped: all 0s estimate a rate below 0.
    expect(estimateRate({ positives: 0, total: 10 }, Math.log(3)).estimate).toBeCloseTo(-0.5, 12);
  });

  it('rejects malformed reports', () => {
    expect(() => estimateRate(['yes'] as never, 1)).toThrow(/every report must be a boolean, 0 or 1/);
    expect(() => estimateRate({ positives: 5, total: 3 }, 1)).toThrow(/0 ≤ positives ≤ total/);
    expect(() => estimateRate([], 1)).toThrow(/no reports/);
    expect(() => estimateRate([true], 0)).toThrow(/epsilon must be a finite number greater than 0/);
  });
});

describe('estimateSum', () => {
  it('is unbiased for the sum of the values rounded to the granularity, with variance n · laplaceNoiseVariance', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 7) * 1.25); // multiples of 0.25
    const truth = values.reduce((a, b) => a + b, 0);
    const options = { granularity: 0.25 };
    const ROUNDS = 200;
    const estimates = Array.from(
      { length: ROUNDS },
      () =>
        estimateSum(
          values.map((value) => laplaceNoise(value, 2, 0.5, options)),
          2,
          0.5,
          options,
        ).estimate,
    );
    const documented = estimateSum(values, 2, 0.5, options);
    expect(documented.count).toBe(200);
    expect(documented.variance).toBe(200 * laplaceNoiseVariance(2, 0.5, options));
    // about 2n(s/ε)² = 6400 for a fine granularity
    expect(documented.variance / 6400).toBeCloseTo(1, 2);
    const { mean, variance } = meanAndVariance(estimates);
    expect(Math.abs(mean - truth)).toBeLessThan(SIGMAS * Math.sqrt(documented.variance / ROUNDS));
    expect(Math.abs(variance / documented.variance - 1)).toBeLessThan(SIGMAS * Math.sqrt(2 / (ROUNDS - 1)));
  });

  it('rejects reports that are not finite numbers', () => {
    expect(() => estimateSum([1, Number.NaN], 1, 1)).toThrow(/^piiguard estimateSum: every report must be a finite number$/);
    expect(() => estimateSum('12' as never, 1, 1)).toThrow(/reports must be an array/);
    expect(() => estimateSum([1], 0, 1)).toThrow(/sensitivity must be a finite number greater than 0/);
  });
});
