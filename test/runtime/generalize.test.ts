import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageBand, coarsenLocation, postalPrefix, redact, REDACTED } from '../../runtime/index.js';

describe('coarsenLocation', () => {
  it('rounds both coordinates to the given number of decimals', () => {
    expect(coarsenLocation(52.520008, 13.404954, 2)).toEqual({ lat: 52.52, lng: 13.4 });
    expect(coarsenLocation(52.520008, 13.404954, 1)).toEqual({ lat: 52.5, lng: 13.4 });
    expect(coarsenLocation(52.520008, 13.404954, 0)).toEqual({ lat: 53, lng: 13 });
    expect(coarsenLocation(-33.86882, 151.209296, 3)).toEqual({ lat: -33.869, lng: 151.209 });
  });

  it('defaults to 2 decimals and never returns -0', () => {
    expect(coarsenLocation(40.748817, -73.985428)).toEqual({ lat: 40.75, lng: -73.99 });
    const { lat, lng } = coarsenLocation(-0.001, -0.004, 2);
    expect(Object.is(lat, 0)).toBe(true);
    expect(Object.is(lng, 0)).toBe(true);
  });

  it('gives values that print as short decimals', () => {
    expect(JSON.stringify(coarsenLocation(0.29999, 0.1 + 0.2, 2))).toBe('{"lat":0.3,"lng":0.3}');
  });

  it('rejects bad decimals and impossible coordinates without echoing them', () => {
    expect(() => coarsenLocation(1, 1, 1.5)).toThrow(TypeError);
    expect(() => coarsenLocation(1, 1, -1)).toThrow(/integer from 0 to 10, got an integer$/);
    expect(() => coarsenLocation(1, 1, 11)).toThrow(TypeError);
    expect(() => coarsenLocation(90.5, 0)).toThrow(RangeError);
    expect(() => coarsenLocation(0, -180.01)).toThrow(RangeError);
    expect(() => coarsenLocation(Number.NaN, 0)).toThrow(RangeError);
    expect(() => coarsenLocation('52.5' as never, 13)).toThrow(RangeError);
    expect(() => coarsenLocation(12.3456789, 200)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('12.3456789') }));
  });
});

describe('ageBand', () => {
  const now = '2024-05-17T12:00:00Z';

  it('uses the documented bands', () => {
    expect(AGE_BANDS).toEqual(['0-12', '13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+']);
  });

  it('maps an age to its band at each edge', () => {
    const cases: [string, string][] = [
      ['2024-05-17', '0-12'], // born today: 0
      ['2011-05-18', '0-12'], // 12, turns 13 tomorrow
      ['2011-05-17', '13-17'], // 13 today
      ['2006-05-18', '13-17'], // 17
      ['2006-05-17', '18-24'], // 18 today
      ['1999-05-18', '18-24'], // 24
      ['1999-05-17', '25-34'],
      ['1989-05-18', '25-34'],
      ['1989-05-17', '35-44'],
      ['1979-05-17', '45-54'],
      ['1969-05-17', '55-64'],
      ['1959-05-18', '55-64'], // 64
      ['1959-05-17', '65+'],
      ['1895-05-18', '65+'], // 128
    ];
    for (const [dateOfBirth, band] of cases) expect(ageBand(dateOfBirth, now), dateOfBirth).toBe(band);
  });

  it('accepts a Date, epoch milliseconds and an ISO date-time', () => {
    expect(ageBand(new Date(Date.UTC(1990, 4, 17)), now)).toBe('25-34');
    expect(ageBand(Date.UTC(1990, 4, 17), new Date(now))).toBe('25-34');
    expect(ageBand('1990-05-17T08:00:00Z', Date.parse(now))).toBe('25-34');
  });

  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageBand('2004-02-29', '2022-02-28')).toBe('13-17'); // still 17
    expect(ageBand('2004-02-29', '2022-03-01')).toBe('18-24');
  });

  it('uses the current time by default', () => {
    expect(ageBand(Date.now() - 40 * 365.25 * 86_400_000)).toBe('35-44');
  });

  it('redacts what is not a plausible date of birth', () => {
    for (const value of ['2024-05-18', '1894-05-17', 'last spring', '1990-02-30', '', Number.NaN, new Date('x'), {}, true]) {
      expect(ageBand(value as unknown, now), String(value)).toBe(REDACTED);
    }
  });

  it('passes null and undefined through and rejects a bad `now`', () => {
    expect(ageBand(null, now)).toBeNull();
    expect(ageBand(undefined, now)).toBeUndefined();
    expect(() => ageBand('1990-05-17', 'tomorrow')).toThrow(RangeError);
  });
});

describe('postalPrefix', () => {
  it('keeps the first three characters by default, upper-cased, without spaces or hyphens', () => {
    expect(postalPrefix('90210')).toBe('902');
    expect(postalPrefix('12345-6789')).toBe('123');
    expect(postalPrefix(' sw1a 1aa ')).toBe('SW1');
    expect(postalPrefix('10115')).toBe('101');
    expect(postalPrefix('K1A 0B1')).toBe('K1A');
  });

  it('keeps the requested length', () => {
    expect(postalPrefix('75008', 2)).toBe('75');
    expect(postalPrefix('SW1A 1AA', 4)).toBe('SW1A');
  });

  it('redacts a code that the prefix would return whole, or that is not a postal code', () => {
    for (const value of ['902', '2000', 'SW1', '', '   ', '90-210!', 'Straße 1', 'ßß123', 90210, {}]) {
      expect(postalPrefix(value as unknown, value === '2000' ? 4 : 3), String(value)).toBe(REDACTED);
    }
  });

  it('passes null and undefined through and rejects a bad length', () => {
    expect(postalPrefix(null)).toBeNull();
    expect(postalPrefix(undefined)).toBeUndefined();
    expect(() => postalPrefix('90210', 0)).toThrow(/positive integer, got an integer$/);
    expect(() => postalPrefix('90210', 2.5)).toThrow(TypeError);
  });
});

describe('redact', () => {
  it('returns the fixed marker whatever the value', () => {
    expect(REDACTED).toBe('[redacted]');
    for (const value of ['ada@example.com', 42, { a: 1 }, null, undefined]) expect(redact(value)).toBe('[redacted]');
    expect(redact()).toBe('[redacted]');
  });
});
