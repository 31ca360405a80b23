import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERALIZERS } from '../../core/taxonomy.js';
import { configure, GENERALIZED_CATEGORIES, minimize, type PlanEntry } from '../../runtime/index.js';

const KEY = 'piiguard-test-key-0123456789abcdef';
const pseudonym = (message: string) => createHmac('sha256', KEY).update(message).digest('hex');

beforeAll(() => configure({ key: KEY, rotation: 'none' }));

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

describe('minimize', () => {
  it('applies every action and drops every property the plan does not list', () => {
    const payload = {
      userId: 'u_42',
      email: ' Ada@Example.com ',
      phone: '+1 555 010 9999',
      ip: '203.0.113.77',
      ipv6: '2001:db8:85a3::8a2e:370:7334',
      location: { lat: 52.520008, lng: 13.404954, accuracy: 12 },
      dateOfBirth: '1990-05-17',
      zip: '90210',
      signedUpAt: '2024-05-17T10:20:30Z',
      lastSeen: Date.UTC(2024, 4, 17, 10, 20),
      firstSeen: new Date(Date.UTC(2024, 4, 17, 10, 20)),
      plan: 'pro',
      seats: 3,
      password: 'hunter2',
      notes: 'call me at home',
    };
    const plan: PlanEntry = {
      properties: {
        userId: 'pseudonymize:user-id',
        email: 'pseudonymize:email',
        phone: 'pseudonymize:phone',
        ip: 'generalize:ip-address',
        ipv6: 'generalize:ip-address',
        location: 'generalize:precise-location',
        dateOfBirth: 'generalize:date-of-birth',
        zip: 'generalize:postal-code',
        signedUpAt: 'bin:hour',
        lastSeen: 'bin:day',
        firstSeen: 'bin:week',
        plan: 'keep',
        seats: 'keep',
        password: 'drop',
      },
    };
    vi.useFakeTimers({ now: Date.UTC(2024, 4, 17, 12) });
    try {
      expect(minimize('Signup Completed', deepFreeze(payload), deepFreeze(plan))).toStrictEqual({
        userId: pseudonym('user-id:0:u_42'),
        email: pseudonym('email:0:ada@example.com'),
        phone: pseudonym('phone:0:15550109999'),
        ip: '203.0.113.0',
        ipv6: '2001:db8:85a3::',
        location: { lat: 52.52, lng: 13.4 },
        dateOfBirth: '25-34',
        zip: '902',
        signedUpAt: Date.UTC(2024, 4, 17, 10),
        lastSeen: Date.UTC(2024, 4, 17),
        firstSeen: Date.UTC(2024, 4, 13),
        plan: 'pro',
        seats: 3,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not mutate the payload or the plan', () => {
    const payload = { email: 'ada@example.com', nested: { a: 1 }, extra: true };
    const plan = { properties: { email: 'pseudonymize:email', nested: 'keep' } };
    const payloadBefore = structuredClone(payload);
    const planBefore = structuredClone(plan);
    const result = minimize('E', payload, plan);
    expect(payload).toStrictEqual(payloadBefore);
    expect(plan).toStrictEqual(planBefore);
    expect(result).not.toBe(payload);
    // keep shares nested values rather than copying them
    expect(result.nested).toBe(payload.nested);
  });

  it('leaves out planned properties the payload does not have, but keeps explicit undefined and null', () => {
    const plan = { properties: { a: 'keep', b: 'pseudonymize:user-id', c: 'generalize:ip-address', d: 'bin:day' } };
    expect(minimize('E', {}, plan)).toStrictEqual({});
    expect(minimize('E', { a: undefined, b: null, c: null, d: undefined }, plan)).toStrictEqual({
      a: undefined,
      b: null,
      c: null,
      d: undefined,
    });
  });

  it('gives an empty object for an empty plan', () => {
    expect(minimize('E', { email: 'ada@example.com', plan: 'pro' }, { properties: {} })).toStrictEqual({});
  });

  it('redacts values the action cannot make safe', () => {
    const plan = {
      properties: {
        id: 'pseudonymize:user-id',
        ip: 'generalize:ip-address',
        where: 'generalize:precise-location',
        dob: 'generalize:date-of-birth',
        zip: 'generalize:postal-code',
        at: 'bin:hour',
      },
    };
    expect(
      minimize('E', { id: { nested: 'u_42' }, ip: 'not-an-ip', where: { lat: 99, lng: 0 }, dob: 'soon', zip: '12', at: 'later' }, plan),
    ).toStrictEqual({
      id: '[redacted]',
      ip: '[redacted]',
      where: '[redacted]',
      dob: '[redacted]',
      zip: '[redacted]',
      at: '[redacted]',
    });
  });

  it('coarsens every shape a position property takes', () => {
    const plan = {
      properties: {
        a: 'generalize:precise-location',
        b: 'generalize:precise-location',
        c: 'generalize:precise-location',
        d: 'generalize:precise-location',
        e: 'generalize:precise-location',
        f: 'generalize:precise-location',
      },
    };
    expect(
      minimize(
        'E',
        {
          a: 52.520008,
          b: [52.520008, 13.404954],
          c: { latitude: -33.86882, longitude: 151.209296, altitude: 58 },
          d: { lat: 40.748817, lon: -73.985428 },
          e: [1, 2, 3],
          f: 'Berlin',
        },
        plan,
      ),
    ).toStrictEqual({
      a: 52.52,
      b: [52.52, 13.4],
      c: { latitude: -33.87, longitude: 151.21 },
      d: { lat: 40.75, lon: -73.99 },
      e: '[redacted]',
      f: '[redacted]',
    });
  });

  it('reads only own properties and cannot be steered into the prototype', () => {
    const inherited = Object.create({ email: 'ada@example.com' }) as Record<string, unknown>;
    expect(minimize('E', inherited, { properties: { email: 'keep' } })).toStrictEqual({});

    const payload = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    // A literal `{ __proto__: 'keep' }` would set a prototype, not a key: parse it as a config would.
    const plan = JSON.parse('{"properties": {"__proto__": "keep", "ok": "keep"}}') as PlanEntry;
    const result = minimize('E', payload, plan);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.ok).toBe(1);
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('handles payloads that are not objects', () => {
    const plan = { properties: { email: 'keep' } };
    expect(minimize('E', undefined, plan)).toBeUndefined();
    expect(minimize('E', null, plan)).toBeNull();
    expect(minimize('E', 'ada@example.com', plan)).toStrictEqual({});
    expect(minimize('E', 42, plan)).toStrictEqual({});
    expect(minimize('E', ['ada@example.com'], plan)).toStrictEqual({});
  });

  it('rejects malformed plans and unknown actions, naming event, property and action', () => {
    const payload = { email: 'ada@example.com' };
    expect(() => minimize('Signed Up', payload, undefined as never)).toThrow(/plan entry for event "Signed Up" must be \{ properties/);
    expect(() => minimize('Signed Up', payload, { properties: ['keep'] } as never)).toThrow(TypeError);
    expect(() => minimize('Signed Up', payload, { properties: { email: 'hash' } })).toThrow(
      /event "Signed Up", property "email"\): unknown action "hash"/,
    );
    expect(() => minimize('Signed Up', payload, { properties: { email: 'generalize:email' } })).toThrow(
      /no generaliser for "email"; expected one of ip-address, precise-location, date-of-birth, postal-code/,
    );
    expect(() => minimize('Signed Up', payload, { properties: { at: 'bin:minute' } })).toThrow(
      /bin unit must be hour, day or week, got "minute"/,
    );
    expect(() => minimize('Signed Up', payload, { properties: { email: 'pseudonymize:' } })).toThrow(TypeError);
    expect(() => minimize('Signed Up', payload, { properties: { pw: 'pseudonymize:credential' } })).toThrow(
      /credential may not leave the app/,
    );
    expect(() => minimize('Signed Up', payload, { properties: { email: 42 } } as never)).toThrow(/unknown action 42/);
  });

  it('checks the whole plan even when the payload lacks the bad property', () => {
    expect(() => minimize('E', { plan: 'pro' }, { properties: { plan: 'keep', missing: 'nope' } })).toThrow(/property "missing"/);
  });

  it('error messages never contain payload values', () => {
    expect(() => minimize('E', { email: 'ada@example.com' }, { properties: { email: 'hash' } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ada@example.com') }),
    );
  });

  it('knows the same generalisers as the core taxonomy', () => {
    expect([...GENERALIZED_CATEGORIES].sort()).toEqual(Object.keys(GENERALIZERS).sort());
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

  it('minimize never writes to the console, whatever the data', () => {
    minimize(
      'E',
      { a: 'ada@example.com', b: 'nope', c: {}, d: 'x' },
      { properties: { a: 'pseudonymize:email', b: 'generalize:ip-address', c: 'bin:day', d: 'generalize:date-of-birth' } },
    );
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
