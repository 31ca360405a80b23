import { describe, expect, it } from 'vitest';
import { binTime } from '../../runtime/index.js';

const at = Date.UTC(2024, 4, 17, 10, 20, 30, 456); // Friday 2024-05-17 10:20:30.456 UTC

describe('binTime', () => {
  it('rounds down to the start of the UTC hour, day and ISO week (Monday)', () => {
    expect(binTime(at, 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime(at, 'day')).toBe(Date.UTC(2024, 4, 17));
    expect(binTime(at, 'week')).toBe(Date.UTC(2024, 4, 13));
    expect(new Date(binTime(at, 'week')).getUTCDay()).toBe(1);
  });

  it('puts Monday 00:00 in its own week and Sunday 23:59:59.999 in the previous one', () => {
    expect(binTime(Date.UTC(2024, 4, 13), 'week')).toBe(Date.UTC(2024, 4, 13));
    expect(binTime(Date.UTC(2024, 4, 12, 23, 59, 59, 999), 'week')).toBe(Date.UTC(2024, 4, 6));
    expect(binTime(Date.UTC(2024, 4, 19, 23, 59, 59, 999), 'week')).toBe(Date.UTC(2024, 4, 13));
  });

  it('bins across month and year ends and before 1970', () => {
    expect(binTime(Date.UTC(2025, 0, 1, 5), 'week')).toBe(Date.UTC(2024, 11, 30));
    expect(binTime(0, 'week')).toBe(Date.UTC(1969, 11, 29));
    expect(binTime(Date.UTC(1969, 11, 31, 23, 30), 'hour')).toBe(Date.UTC(1969, 11, 31, 23));
    expect(binTime(Date.UTC(1969, 11, 31, 23, 30), 'day')).toBe(Date.UTC(1969, 11, 31));
  });

  it('accepts a Date and ISO strings, reading a string without offset as UTC', () => {
    expect(binTime(new Date(at), 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime('2024-05-17T10:20:30.456Z', 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime('2024-05-17T10:20:30', 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime('2024-05-17 10:20', 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime('2024-05-17T01:20:30+02:00', 'day')).toBe(Date.UTC(2024, 4, 16));
    expect(binTime('2024-05-16T23:20:30-0200', 'day')).toBe(Date.UTC(2024, 4, 17));
    expect(binTime('2024-05-17T10:20:30.123456789Z', 'hour')).toBe(Date.UTC(2024, 4, 17, 10));
    expect(binTime('2024-05-17', 'week')).toBe(Date.UTC(2024, 4, 13));
  });

  it('passes null and undefined through', () => {
    expect(binTime(null, 'day')).toBeNull();
    expect(binTime(undefined, 'day')).toBeUndefined();
  });

  it('rejects instants that are not, without echoing them', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      8.64e15 + 1,
      new Date('nope'),
      'May 17, 2024',
      '2024-02-30',
      '2024-05-17T24:00',
      {},
    ]) {
      expect(() => binTime(value as never, 'day'), String(value)).toThrow(RangeError);
    }
    expect(() => binTime('May 17, 2024', 'day')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('May 17') }));
  });

  it('rejects unknown units', () => {
    expect(() => binTime(at, 'minute' as never)).toThrow(/unit must be 'hour', 'day' or 'week', got a string of 6 characters/);
  });
});
