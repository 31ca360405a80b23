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
    finite: draws.every(Number.isFinite),
    distinct: new Set(draws).size > 1900,
    responses: new Set(Array.from({ length: 200 }, () => r.randomizedResponse(true, 0.1))).size,
  };
  return results;
}
