// A fresh module with no configure() call: pseudonymize must refuse, never hash without a key.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshRuntime, type Runtime } from './fresh.js';

let minimize: Runtime['minimize'];
let pseudonymize: Runtime['pseudonymize'];
beforeAll(async () => {
  ({ minimize, pseudonymize } = await freshRuntime());
});

describe('without a configured key', () => {
  it('pseudonymize throws a clear error instead of falling back to an unkeyed hash', () => {
    expect(() => pseudonymize('ada@example.com', 'email')).toThrow(/no key is configured\. Call configure\(\{ key, rotation \}\)/);
  });

  it('throws even for values that would pass through, so the mistake shows on the first call', () => {
    expect(() => pseudonymize(undefined, 'user-id')).toThrow(/no key is configured/);
  });

  it('the message does not contain the value', () => {
    expect(() => pseudonymize('ada@example.com', 'email')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ada@example.com') }),
    );
  });

  it('minimize throws for a pseudonymize action but works for plans without one', () => {
    expect(() => minimize('Signed Up', { email: 'ada@example.com' }, { properties: { email: 'pseudonymize:email' } })).toThrow(
      /no key is configured/,
    );
    expect(minimize('Signed Up', { plan: 'pro', email: 'ada@example.com' }, { properties: { plan: 'keep' } })).toEqual({
      plan: 'pro',
    });
  });
});
