/**
 * Generalisers (the `generalized` form of SPEC §3) for locations, dates of birth and postal
 * codes: each keeps a coarse, useful part of the value and drops what singles a person out.
 * `truncateIp`, the fourth, lives in `ip.ts`.
 */
import { describeOption } from './describe-option.js';
import { REDACTED } from './redact.js';
import { toEpochMs, type Instant } from './time.js';

/** A latitude and longitude in decimal degrees. */
export interface Coordinates {
  lat: number;
  lng: number;
}

/** The default number of decimals {@link coarsenLocation} keeps: 0.01° ≈ 1.1 km of latitude. */
export const DEFAULT_LOCATION_DECIMALS = 2;

/**
 * Rounds a position to a grid of `decimals` decimal places of a degree (2 ≈ 1.1 km, 1 ≈ 11 km,
 * 0 ≈ 111 km, north–south; east–west cells shrink towards the poles).
 *
 * @param decimals - an integer from 0 to 10 (default {@link DEFAULT_LOCATION_DECIMALS}).
 * @returns `{ lat, lng }`, each rounded half up to the grid (`-0` is returned as `0`).
 * @throws TypeError when `decimals` is not an integer from 0 to 10.
 * @throws RangeError when a coordinate is not a finite number, or the latitude is outside
 *   [-90, 90] or the longitude outside [-180, 180]. The message never contains the coordinates.
 *
 * @example
 * ```ts
 * coarsenLocation(52.520008, 13.404954, 2); // { lat: 52.52, lng: 13.4 }
 * ```
 */
export function coarsenLocation(lat: number, lng: number, decimals: number = DEFAULT_LOCATION_DECIMALS): Coordinates {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new TypeError(`piiguard coarsenLocation: decimals must be an integer from 0 to 10, got ${describeOption(decimals)}`);
  }
  if (!isCoordinate(lat, 90) || !isCoordinate(lng, 180)) {
    throw new RangeError('piiguard coarsenLocation: lat must be a number in [-90, 90] and lng a number in [-180, 180]');
  }
  const scale = 10 ** decimals;
  // n / 10^d is the double nearest to the decimal n·10^-d, so 52.52 prints as 52.52.
  return { lat: Math.round(lat * scale) / scale + 0, lng: Math.round(lng * scale) / scale + 0 };
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

/** The bands {@link ageBand} returns, youngest first; the first two keep minors apart. */
export const AGE_BANDS = ['0-12', '13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];

const AGE_BAND_FLOORS = [0, 13, 18, 25, 35, 45, 55, 65];

/** Ages at or above this are taken as data errors. */
const MAX_AGE = 130;

/**
 * Replaces a date of birth with an age band: `'0-12'`, `'13-17'`, `'18-24'`, `'25-34'`,
 * `'35-44'`, `'45-54'`, `'55-64'` or `'65+'` (see {@link AGE_BANDS}).
 *
 * The age is the number of whole years between the two UTC calendar dates (someone born on
 * 29 February turns a year older on 1 March in common years).
 *
 * @param dateOfBirth - a `Date`, epoch milliseconds, or an ISO 8601 date (`'1990-05-17'`) or
 *   date-time (read as UTC without an offset). `null` and `undefined` are returned unchanged.
 *   A value that is not a date, lies after `now`, or gives an age of 130 or more becomes the
 *   redaction marker `'[redacted]'`.
 * @param now - the instant to compute the age at (default: the current time).
 * @throws RangeError when `now` names no instant.
 *
 * @example
 * ```ts
 * ageBand('1990-05-17', '2024-05-16'); // '25-34' (33 years old)
 * ```
 */
export function ageBand(dateOfBirth: Instant, now?: Instant): AgeBand | typeof REDACTED;
export function ageBand<T extends null | undefined>(dateOfBirth: T, now?: Instant): T;
export function ageBand(dateOfBirth: unknown, now?: Instant): AgeBand | typeof REDACTED | null | undefined;
export function ageBand(dateOfBirth: unknown, now: Instant = Date.now()): AgeBand | typeof REDACTED | null | undefined {
  const nowMs = toEpochMs(now);
  if (nowMs === undefined) {
    throw new RangeError('piiguard ageBand: `now` is not a valid Date, epoch milliseconds or ISO 8601 string');
  }
  if (dateOfBirth === null || dateOfBirth === undefined) return dateOfBirth;
  const birthMs = toEpochMs(dateOfBirth);
  if (birthMs === undefined || birthMs > nowMs) return REDACTED;
  const age = wholeYearsBetween(new Date(birthMs), new Date(nowMs));
  if (age >= MAX_AGE) return REDACTED;
  let band = 0;
  while (band + 1 < AGE_BAND_FLOORS.length && age >= AGE_BAND_FLOORS[band + 1]) band++;
  return AGE_BANDS[band];
}

function wholeYearsBetween(birth: Date, now: Date): number {
  const years = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

/** The default number of characters {@link postalPrefix} keeps (a US ZIP3, a UK `SW1`). */
export const DEFAULT_POSTAL_PREFIX_LENGTH = 3;

const POSTAL_CODE = /^[0-9A-Za-z]+$/;

/**
 * Keeps the first `length` characters of a postal code: `'90210'` → `'902'`,
 * `'sw1a 1aa'` → `'SW1'`, `'12345-6789'` → `'123'`.
 *
 * Spaces and hyphens are removed first and the prefix is upper-cased. The result is always
 * shorter than the code: a code of `length` characters or fewer would come out whole, so it
 * becomes the redaction marker `'[redacted]'` instead — as does anything that is not a string of
 * ASCII letters and digits (numbers too: `02134` stored as a number has lost its leading zero).
 * `null` and `undefined` are returned unchanged.
 *
 * @param length - how many characters to keep, a positive integer (default
 *   {@link DEFAULT_POSTAL_PREFIX_LENGTH}).
 * @throws TypeError when `length` is not a positive integer.
 */
export function postalPrefix(code: string, length?: number): string;
export function postalPrefix<T extends null | undefined>(code: T, length?: number): T;
export function postalPrefix(code: unknown, length?: number): string | null | undefined;
export function postalPrefix(code: unknown, length: number = DEFAULT_POSTAL_PREFIX_LENGTH): string | null | undefined {
  if (!Number.isInteger(length) || length < 1) {
    throw new TypeError(`piiguard postalPrefix: length must be a positive integer, got ${describeOption(length)}`);
  }
  if (code === null || code === undefined) return code;
  if (typeof code !== 'string') return REDACTED;
  const compact = code.replace(/[\s-]/g, '');
  // Checked before upper-casing, which turns non-ASCII letters such as ß into ASCII ones.
  if (!POSTAL_CODE.test(compact) || compact.length <= length) return REDACTED;
  return compact.slice(0, length).toUpperCase();
}
