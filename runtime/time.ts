/**
 * Instants and time bins, always in UTC so that a browser in Tokyo and a server in Virginia put
 * the same event in the same bin.
 */
import { describeOption } from './describe-option.js';

/** Something that names an instant: a `Date`, epoch milliseconds, or an ISO 8601 string. */
export type Instant = Date | number | string;

/** The units `binTime` rounds down to (the `bin:<unit>` actions of a tracking plan). */
export type TimeBin = 'hour' | 'day' | 'week';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// 2024-05-17, 2024-05-17T10:20, 2024-05-17 10:20:30.123456+02:00, …Z
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Reads an instant as epoch milliseconds, or returns `undefined` when it names none.
 *
 * Strings must be ISO 8601 calendar dates or date-times; one without an offset is read as UTC
 * (unlike `Date.parse`, which reads a date-time without offset as local time, so the same string
 * would land in different bins on differently configured machines). Impossible dates such as
 * `2023-02-29` are rejected rather than rolled over.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) return finiteOrUndefined(value.getTime());
  if (typeof value === 'number') return finiteOrUndefined(value);
  if (typeof value === 'string') return parseIsoInstant(value.trim());
  return undefined;
}

/** ±100,000,000 days around 1970, the range a `Date` can hold. */
const MAX_TIME_MS = 8.64e15;

function finiteOrUndefined(ms: number): number | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? ms : undefined;
}

function parseIsoInstant(text: string): number | undefined {
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', , sign, offsetHours, offsetMinutes] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  let epochMs = date.getTime();
  if (sign) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    const offsetMs = (oh * 60 + om) * 60_000;
    epochMs += sign === '+' ? -offsetMs : offsetMs;
  }
  return finiteOrUndefined(epochMs);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch milliseconds of the Monday 00:00 UTC that starts the ISO week holding `ms`. */
function startOfIsoWeek(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: three days after a Monday.
  const daysSinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - daysSinceMonday) * DAY_MS;
}

function isTimeBin(unit: unknown): unit is TimeBin {
  return unit === 'hour' || unit === 'day' || unit === 'week';
}

/**
 * Rounds an instant down to the start of its UTC hour, UTC day or ISO week (Monday 00:00 UTC),
 * the `binned` form of SPEC §3.
 *
 * @param value - a `Date`, epoch milliseconds, or an ISO 8601 date or date-time string (read as
 *   UTC when it carries no offset). `null` and `undefined` are returned unchanged, so an absent
 *   value stays absent.
 * @param unit - `'hour'`, `'day'` or `'week'`.
 * @returns epoch milliseconds of the start of the bin.
 * @throws TypeError when `unit` is not one of the three units.
 * @throws RangeError when `value` names no instant (an invalid `Date`, `NaN`, a string that is not
 *   ISO 8601). The message never contains the value.
 *
 * @example
 * ```ts
 * binTime('2024-05-17T10:20:30Z', 'hour'); // Date.UTC(2024, 4, 17, 10)
 * binTime(Date.UTC(2024, 4, 17, 10), 'week'); // Date.UTC(2024, 4, 13), a Monday
 * ```
 */
export function binTime(value: Instant, unit: TimeBin): number;
export function binTime<T extends null | undefined>(value: T, unit: TimeBin): T;
export function binTime(value: Instant | null | undefined, unit: TimeBin): number | null | undefined;
export function binTime(value: unknown, unit: TimeBin): number | null | undefined {
  if (!isTimeBin(unit)) {
    throw new TypeError(`piiguard binTime: unit must be 'hour', 'day' or 'week', got ${describeOption(unit)}`);
  }
  if (value === null || value === undefined) return value;
  const ms = toEpochMs(value);
  if (ms === undefined) {
    throw new RangeError('piiguard binTime: the value is not a valid Date, epoch milliseconds or ISO 8601 string');
  }
  switch (unit) {
    case 'hour':
      return Math.floor(ms / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'week':
      return startOfIsoWeek(ms);
  }
}
