/**
 * No error message of the runtime contains an argument (runtime/index.ts promises it): an
 * argument passed in the wrong place may be the personal data itself, and error messages end up
 * in logs and error trackers. Each message describes the argument's type and size only.
 */
import { describe, expect, it } from 'vitest';
import {
  binTime,
  coarsenLocation,
  configure,
  laplaceNoise,
  postalPrefix,
  pseudonymize,
  randomizedResponse,
  rotationEpoch,
} from '../../runtime/index.js';

const POSTCODE = 'SW1A 1AA';
const EMAIL = 'ada@example.com';

/** The message of what `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('messages describe a misplaced argument by type and size, never by content', () => {
  const cases: Array<[string, () => unknown, string]> = [
    [
      'postalPrefix',
      () => postalPrefix(3 as never, POSTCODE as never),
      'piiguard postalPrefix: length must be a positive integer, got a string of 8 characters',
    ],
    [
      'postalPrefix (a number)',
      () => postalPrefix('x', 90210.5),
      'piiguard postalPrefix: length must be a positive integer, got a number with a fraction',
    ],
    [
      'coarsenLocation',
      () => coarsenLocation(51.5, -0.1, EMAIL as never),
      'piiguard coarsenLocation: decimals must be an integer from 0 to 10, got a string of 15 characters',
    ],
    [
      'binTime',
      () => binTime(Date.now(), EMAIL as never),
      "piiguard binTime: unit must be 'hour', 'day' or 'week', got a string of 15 characters",
    ],
    [
      'configure',
      () => configure({ key: 'a key of sixteen bytes', rotation: EMAIL as never }),
      "piiguard configure: rotation must be 'none', 'daily', 'weekly' or 'monthly', got a string of 15 characters",
    ],
    [
      'rotationEpoch',
      () => rotationEpoch(POSTCODE as never, 0),
      "piiguard rotationEpoch: rotation must be 'none', 'daily', 'weekly' or 'monthly', got a string of 8 characters",
    ],
    [
      'pseudonymize',
      () => pseudonymize('x', EMAIL.replace('@', ':')),
      "piiguard pseudonymize: category must be a non-empty string without ':', got a string of 15 characters",
    ],
    [
      'laplaceNoise (sensitivity)',
      () => laplaceNoise(1, 19851017 * -1, 1),
      'piiguard laplaceNoise: sensitivity must be a finite number greater than 0, got an integer',
    ],
    [
      'laplaceNoise (epsilon)',
      () => laplaceNoise(1, 1, POSTCODE as never),
      'piiguard laplaceNoise: epsilon must be a number greater than 0 and at most 10, got a string of 8 characters',
    ],
    [
      'randomizedResponse',
      () => randomizedResponse(true, [EMAIL] as never),
      'piiguard randomizedResponse: epsilon must be a number greater than 0 and at most 10, got an array of 1 elements',
    ],
  ];
  it.each(cases)('%s', (_name, run, message) => {
    const text = messageOf(run);
    expect(text).toBe(message);
    for (const value of [POSTCODE, EMAIL, '90210', '19851017']) expect(text).not.toContain(value);
  });
});
