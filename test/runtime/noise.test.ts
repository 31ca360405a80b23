// Statistical tests for the local-DP mechanisms. Each tolerance is six standard errors of the
// statistic it bounds, so a correct implementation fails about once in 10^8 runs, while the usual
// mistakes (ε halved or doubled, the flip probability inverted, Gaussian instead of Laplace
// noise) miss by dozens of standard errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { laplaceNoise, MAX_EPSILON, randomizedResponse } from '../../runtime/index.js';

const DRAWS = 200_000;
const SIGMAS = 6;

describe('randomizedResponse', () => {
  for (const epsilon of [0.5, 1, Math.log(3), 3]) {
    it(`reports the truth with probability e^ε/(1+e^ε) for ε = ${epsilon.toFixed(3)}`, () => {
      const p = Math.exp(epsilon) / (1 + Math.exp(epsilon));
      const tolerance = SIGMAS * Math.sqrt((p * (1 - p)) / DRAWS);
      let truthfulTrue = 0;
      let truthfulZero = 0;
      for (let i = 0; i < DRAWS; i++) {
        if (randomizedResponse(true, epsilon) === true) truthfulTrue++;
        if (randomizedResponse(0, epsilon) === 0) truthfulZero++;
      }
      expect(Math.abs(truthfulTrue / DRAWS - p)).toBeLessThan(tolerance);
      expect(Math.abs(truthfulZero / DRAWS - p)).toBeLessThan(tolerance);
    });
  }

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

describe('laplaceNoise', () => {
  const cases = [
    { value: 0, sensitivity: 1, epsilon: 1 },
    { value: 100, sensitivity: 1, epsilon: 0.5 },
    { value: -7.5, sensitivity: 10, epsilon: 2 },
  ];

  for (const { value, sensitivity, epsilon } of cases) {
    it(`has mean value and variance 2(s/ε)² for value ${value}, s ${sensitivity}, ε ${epsilon}`, () => {
      const b = sensitivity / epsilon;
      let sum = 0;
      let sumSquares = 0;
      let withinOneScale = 0;
      let nonFinite = 0;
      for (let i = 0; i < DRAWS; i++) {
        const noise = laplaceNoise(value, sensitivity, epsilon) - value;
        if (!Number.isFinite(noise)) nonFinite++;
        sum += noise;
        sumSquares += noise * noise;
        if (Math.abs(noise) <= b) withinOneScale++;
      }
      expect(nonFinite).toBe(0);
      const mean = sum / DRAWS;
      const variance = sumSquares / DRAWS - mean * mean;
      // sd of the mean: √(2b²/n); sd of the variance: √(Var X²/n) = √(20b⁴/n) for Laplace.
      expect(Math.abs(mean)).toBeLessThan(SIGMAS * Math.sqrt((2 * b * b) / DRAWS));
      expect(Math.abs(variance - 2 * b * b)).toBeLessThan(SIGMAS * Math.sqrt((20 * b ** 4) / DRAWS));
      // Shape: P(|X| ≤ b) = 1 − 1/e for Laplace (a Gaussian of the same variance gives 0.52).
      const p = 1 - Math.exp(-1);
      expect(Math.abs(withinOneScale / DRAWS - p)).toBeLessThan(SIGMAS * Math.sqrt((p * (1 - p)) / DRAWS));
    });
  }

  it('rejects non-finite values and non-positive sensitivity or epsilon, without echoing the value', () => {
    expect(() => laplaceNoise(Number.NaN, 1, 1)).toThrow(/value must be a finite number/);
    expect(() => laplaceNoise('5' as never, 1, 1)).toThrow(RangeError);
    expect(() => laplaceNoise(5, 0, 1)).toThrow(/sensitivity must be a finite number greater than 0, got an integer$/);
    expect(() => laplaceNoise(5, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
    expect(() => laplaceNoise(5, 1, -0.5)).toThrow(/epsilon must be a number greater than 0 and at most 10, got a number with a fraction$/);
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

  it('never returns Infinity or NaN: a value or scale that would overflow is refused', () => {
    expect(() => laplaceNoise(Number.MAX_VALUE, 1e300, 1)).toThrow(
      'piiguard laplaceNoise: value plus noise of this sensitivity and epsilon overflows a number',
    );
    expect(() => laplaceNoise(0, Number.MAX_VALUE, 1e-300)).toThrow(RangeError);
    for (let i = 0; i < 2000; i++) expect(Number.isFinite(laplaceNoise(Number.MAX_VALUE / 2, 1e300, 1))).toBe(true);
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
    const { laplaceNoise: fresh } = await import('../../runtime/noise.js');
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const mathRandom = vi.spyOn(Math, 'random');
    for (let i = 0; i < 1000; i++) fresh(0, 1, 1);
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
