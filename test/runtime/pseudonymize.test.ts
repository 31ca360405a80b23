// Known answers for pseudonymize: each expected pseudonym is computed independently with
// node:crypto's createHmac over the message SPEC §11 defines, `${category}:${epoch}:${normalized}`.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { configure, MIN_KEY_BYTES, normalizeForPseudonym, pseudonymize, rotationEpoch } from '../../runtime/index.js';

const KEY = 'piiguard-test-key-0123456789abcdef';
const expected = (message: string, key: string | Uint8Array = KEY) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

const DAY = 86_400_000;

describe('pseudonymize with rotation none', () => {
  beforeEach(() => configure({ key: KEY, rotation: 'none' }));

  it('is the lower-case hex HMAC-SHA-256 of category:0:value', () => {
    const pseudonym = pseudonymize('u_42', 'user-id');
    expect(pseudonym).toBe(expected('user-id:0:u_42'));
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises emails by trimming and lower-casing', () => {
    const canonical = expected('email:0:ada.lovelace@example.com');
    expect(pseudonymize('ada.lovelace@example.com', 'email')).toBe(canonical);
    expect(pseudonymize('  Ada.Lovelace@EXAMPLE.com\n', 'email')).toBe(canonical);
  });

  it('normalises phones to their digits, dropping the + as well', () => {
    const canonical = expected('phone:0:15550109999');
    expect(pseudonymize('+1 (555) 010-9999', 'phone')).toBe(canonical);
    expect(pseudonymize('1.555.010.9999', 'phone')).toBe(canonical);
    expect(pseudonymize(15550109999, 'phone')).toBe(canonical);
  });

  it('trims other categories but keeps their case', () => {
    expect(pseudonymize('  Ada Lovelace ', 'person-name')).toBe(expected('person-name:0:Ada Lovelace'));
    expect(pseudonymize('ABC', 'device-id')).not.toBe(pseudonymize('abc', 'device-id'));
  });

  it('turns numbers and bigints into their String() text', () => {
    expect(pseudonymize(42, 'user-id')).toBe(expected('user-id:0:42'));
    expect(pseudonymize(12345678901234567890n, 'user-id')).toBe(expected('user-id:0:12345678901234567890'));
  });

  it('refuses values that are no data: every blank email would otherwise be one pseudonym, one "person"', () => {
    const refused = (kind: string) =>
      `piiguard pseudonymize: the value is ${kind}, not data to pseudonymize (it would give every such value one pseudonym); pass null for an absent value`;
    expect(() => pseudonymize(Number.NaN, 'user-id')).toThrow(refused('NaN'));
    expect(() => pseudonymize(true, 'gender')).toThrow(refused('a boolean'));
    expect(() => pseudonymize('', 'email')).toThrow(refused('an empty string'));
    expect(() => pseudonymize(' \t\n ', 'email')).toThrow(refused('a string with nothing to keep as email (only whitespace)'));
    expect(() => pseudonymize('   ', 'user-id')).toThrow(refused('a string with nothing to keep as user-id (only whitespace)'));
    expect(() => pseudonymize('n/a', 'phone')).toThrow(refused('a string with nothing to keep as a phone number (no digit)'));
    expect(() => pseudonymize('n/a', 'phone')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('n/a') }));
  });

  it('encodes the message as UTF-8', () => {
    expect(pseudonymize('Zoë Ångström 山田', 'person-name')).toBe(expected('person-name:0:Zoë Ångström 山田'));
  });

  it('separates categories: the same text as email and as user id gives two pseudonyms', () => {
    expect(pseudonymize('a@b.example', 'email')).not.toBe(pseudonymize('a@b.example', 'user-id'));
  });

  it('passes null and undefined through, so an absent value stays absent', () => {
    expect(pseudonymize(null, 'user-id')).toBeNull();
    expect(pseudonymize(undefined, 'user-id')).toBeUndefined();
  });

  it('keeps an optional value optional in its type, so wrapping one where it is sent still type-checks', () => {
    const optional = (email?: string) => pseudonymize(email, 'email');
    const nullable = (email: string | null) => pseudonymize(email, 'email');
    expectTypeOf(optional).returns.toEqualTypeOf<string | undefined>();
    expectTypeOf(nullable).returns.toEqualTypeOf<string | null>();
    expect(optional(undefined)).toBeUndefined();
    expect(nullable(null)).toBeNull();
  });

  it('redacts values with no canonical text instead of hashing "[object Object]"', () => {
    expect(pseudonymize({ id: 1 } as unknown, 'user-id')).toBe('[redacted]');
    expect(pseudonymize(['a'] as unknown, 'user-id')).toBe('[redacted]');
    expect(pseudonymize(Symbol('x') as unknown, 'user-id')).toBe('[redacted]');
  });

  it('rejects an empty category, one with ":" and credentials', () => {
    expect(() => pseudonymize('x', '')).toThrow(TypeError);
    expect(() => pseudonymize('x', 'a:b')).toThrow(/without ':'/);
    expect(() => pseudonymize('hunter2', 'credential')).toThrow(/credential may not leave the app/);
  });

  it('ignores `now` when rotation is none', () => {
    expect(pseudonymize('u_42', 'user-id', { now: Date.UTC(2031, 0, 1) })).toBe(expected('user-id:0:u_42'));
  });
});

describe('configure', () => {
  it('accepts a Uint8Array key, used as raw bytes, and copies it', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const copy = Uint8Array.from(key);
    configure({ key, rotation: 'none' });
    key.fill(0);
    expect(pseudonymize('u_42', 'user-id')).toBe(expected('user-id:0:u_42', copy));
  });

  it('uses a string key as its UTF-8 bytes', () => {
    const key = 'clé-secrète-🔑-0123456789';
    configure({ key });
    expect(pseudonymize('u_42', 'user-id')).toBe(expected('user-id:0:u_42', Buffer.from(key, 'utf8')));
  });

  it('defaults rotation to none and replaces the key when called again', () => {
    configure({ key: KEY });
    const first = pseudonymize('u_42', 'user-id');
    configure({ key: `${KEY}-2`, rotation: 'none' });
    expect(pseudonymize('u_42', 'user-id')).toBe(expected('user-id:0:u_42', `${KEY}-2`));
    expect(first).toBe(expected('user-id:0:u_42'));
  });

  it('rejects keys that are missing, of the wrong type or shorter than 16 bytes', () => {
    expect(MIN_KEY_BYTES).toBe(16);
    expect(() => configure(undefined as never)).toThrow(/expected an options object/);
    expect(() => configure({} as never)).toThrow(/key must be a string or a Uint8Array, got undefined/);
    expect(() => configure({ key: 42 } as never)).toThrow(/got number/);
    expect(() => configure({ key: '' })).toThrow(/at least 16 bytes .* got 0/);
    expect(() => configure({ key: 'fifteen-bytes!!' })).toThrow(RangeError);
    expect(() => configure({ key: 'sixteen-bytes!!!' })).not.toThrow();
  });

  it('rejects unknown rotations', () => {
    expect(() => configure({ key: KEY, rotation: 'hourly' as never })).toThrow(
      /rotation must be 'none', 'daily', 'weekly' or 'monthly', got a string of 6 characters$/,
    );
  });

  it('does not put the key in its error messages', () => {
    const secret = 'short-secret';
    expect(() => configure({ key: secret })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });
});

describe('rotationEpoch', () => {
  it('counts whole UTC days, weeks and calendar months since 1970-01-01', () => {
    const at = Date.UTC(2024, 4, 17, 12, 30); // Friday 2024-05-17
    expect(rotationEpoch('none', at)).toBe(0);
    expect(rotationEpoch('daily', at)).toBe(19860);
    expect(rotationEpoch('weekly', at)).toBe(2837);
    expect(rotationEpoch('monthly', at)).toBe((2024 - 1970) * 12 + 4);
    expect(rotationEpoch('daily', 0)).toBe(0);
    expect(rotationEpoch('monthly', 0)).toBe(0);
  });

  it('accepts a Date, epoch milliseconds or an ISO string', () => {
    expect(rotationEpoch('daily', new Date('2024-05-17T00:00:00Z'))).toBe(19860);
    expect(rotationEpoch('daily', '2024-05-17T23:59:59.999Z')).toBe(19860);
    expect(rotationEpoch('daily', '2024-05-18T01:00:00+02:00')).toBe(19860);
  });

  it('rejects unknown rotations and instants that are not', () => {
    expect(() => rotationEpoch('yearly' as never, 0)).toThrow(TypeError);
    expect(() => rotationEpoch('daily', Number.NaN)).toThrow(RangeError);
    expect(() => rotationEpoch('monthly', 1e20)).toThrow(RangeError);
    expect(() => rotationEpoch('daily', 'yesterday')).toThrow(RangeError);
  });
});

describe('rotation boundaries in UTC', () => {
  // Each pair: the last millisecond of a period and the first of the next, with their epochs.
  const cases = [
    {
      rotation: 'daily' as const,
      last: Date.UTC(2024, 4, 16, 23, 59, 59, 999),
      first: Date.UTC(2024, 4, 17),
      epochs: [19859, 19860],
    },
    {
      // Weeks count from Thursday 1970-01-01, so they turn over on Thursdays: 2024-05-16.
      rotation: 'weekly' as const,
      last: Date.UTC(2024, 4, 15, 23, 59, 59, 999),
      first: Date.UTC(2024, 4, 16),
      epochs: [2836, 2837],
    },
    {
      rotation: 'monthly' as const,
      last: Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      first: Date.UTC(2024, 2, 1),
      epochs: [649, 650],
    },
    {
      rotation: 'monthly' as const,
      last: Date.UTC(2023, 11, 31, 23, 59, 59, 999),
      first: Date.UTC(2024, 0, 1),
      epochs: [647, 648],
    },
  ];

  for (const { rotation, last, first, epochs } of cases) {
    it(`${rotation}: ${new Date(last).toISOString()} → ${new Date(first).toISOString()}`, () => {
      configure({ key: KEY, rotation });
      expect([rotationEpoch(rotation, last), rotationEpoch(rotation, first)]).toEqual(epochs);
      expect(pseudonymize('Ada@Example.com', 'email', { now: last })).toBe(expected(`email:${epochs[0]}:ada@example.com`));
      expect(pseudonymize('Ada@Example.com', 'email', { now: first })).toBe(expected(`email:${epochs[1]}:ada@example.com`));
      // Within one period the pseudonym is stable.
      expect(pseudonymize('ada@example.com', 'email', { now: first + DAY / 2 - 1 })).toBe(
        pseudonymize('ada@example.com', 'email', { now: first }),
      );
    });
  }

  it('uses the current time when no `now` is given', () => {
    vi.useFakeTimers({ now: Date.UTC(2024, 4, 17, 8) });
    try {
      configure({ key: KEY, rotation: 'daily' });
      expect(pseudonymize('u_42', 'user-id')).toBe(expected('user-id:19860:u_42'));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('normalizeForPseudonym', () => {
  it('is the documented per-category normalisation', () => {
    expect(normalizeForPseudonym(' A@B.Example ', 'email')).toBe('a@b.example');
    expect(normalizeForPseudonym('+44 (0)20 7946-0958', 'phone')).toBe('4402079460958');
    expect(normalizeForPseudonym('  X y ', 'user-id')).toBe('X y');
  });
});

describe('logging', () => {
  let spies: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));

  it('never writes to the console', () => {
    configure({ key: KEY, rotation: 'monthly' });
    pseudonymize('ada@example.com', 'email');
    pseudonymize({}, 'email');
    expect(() => pseudonymize('x', 'credential')).toThrow();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
