// The calls that browser.test.ts runs both in Node and, bundled with the runtime, in Chromium.
// It receives the runtime as an argument so that each side passes in its own copy.
import type * as Runtime from '../../runtime/index.js';

export function runScenario(r: typeof Runtime, key: string, now: number): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const rotation of ['none', 'daily', 'weekly', 'monthly'] as const) {
    r.configure({ key, rotation });
    results[rotation] = [
      r.pseudonymize('  Ada.Lovelace@Example.COM ', 'email', { now }),
      r.pseudonymize('+44 20 7946 0958', 'phone', { now }),
      r.pseudonymize('u_42', 'user-id', { now }),
      r.pseudonymize(42, 'user-id', { now }),
      r.pseudonymize('Zoë 山田', 'person-name', { now }),
    ];
  }
  r.configure({ key: new Uint8Array(32).map((_, i) => i), rotation: 'none' });
  results.bytesKey = r.pseudonymize('u_42', 'user-id');
  results.generalized = [
    r.truncateIp('203.0.113.77'),
    r.truncateIp('2001:db8:85a3::8a2e:370:7334'),
    r.truncateIp('::ffff:198.51.100.7'),
    r.truncateIp('nope'),
    r.coarsenLocation(52.520008, 13.404954, 2),
    r.ageBand('1990-05-17', now),
    r.postalPrefix('sw1a 1aa'),
    r.binTime(now, 'hour'),
    r.binTime('2024-05-17T10:20:30', 'day'),
    r.binTime(now, 'week'),
    r.redact('x'),
  ];
  results.minimized = r.minimize(
    'Signup Completed',
    { userId: 'u_42', ip: '203.0.113.77', plan: 'pro', email: 'ada@example.com' },
    { properties: { userId: 'pseudonymize:user-id', ip: 'generalize:ip-address', plan: 'keep' } },
  );
  const draws = Array.from({ length: 2000 }, () => r.laplaceNoise(0, 1, 1));
  results.noise = {
    integers: draws.every(Number.isInteger),
    spread: new Set(draws).size > 5,
    responses: new Set(Array.from({ length: 200 }, () => r.randomizedResponse(true, 0.1))).size,
  };
  r.setConsent('analytics', true);
  r.setConsent('marketing', false);
  results.consent = r.CONSENT_PURPOSES.map((purpose) => r.hasConsent(purpose));
  const privacy = r.budget({ epsilon: 1, period: 'day', now: () => now });
  results.budget = [privacy.laplaceNoise(5, 1, 0.75, { granularity: 0.5 }) !== undefined, privacy.spend(0.5), privacy.dropped];
  results.estimates = [r.estimateRate({ positives: 600, total: 1000 }, Math.log(3)), r.estimateSum([1, 2, 3.5], 1, 1)];
  return results;
}

/**
 * Sufficient statistics of many noise draws, for the statistical checks of browser.test.ts: the
 * counts of each noise step in −4…4, the sum and sum of squares of the noise, and how many
 * results fell off the granularity's lattice; and how many randomized responses were truthful.
 */
export function noiseStatistics(
  r: typeof Runtime,
  draws: number,
  {
    value,
    sensitivity,
    epsilon,
    granularity,
    rounded,
  }: { value: number; sensitivity: number; epsilon: number; granularity: number; rounded: number },
): { counts: number[]; sum: number; sumSquares: number; offLattice: number; truthful: number } {
  const counts = Array.from({ length: 9 }, () => 0);
  let sum = 0;
  let sumSquares = 0;
  let offLattice = 0;
  let truthful = 0;
  for (let i = 0; i < draws; i++) {
    const result = r.laplaceNoise(value, sensitivity, epsilon, { granularity });
    const k = Math.round(result / granularity);
    if (k * granularity !== result) offLattice++;
    const noise = k - rounded;
    if (Math.abs(noise) <= 4) counts[noise + 4]!++;
    sum += noise;
    sumSquares += noise * noise;
    if (r.randomizedResponse(false, epsilon) === false) truthful++;
  }
  return { counts, sum, sumSquares, offLattice, truthful };
}
