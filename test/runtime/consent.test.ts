// setConsent / hasConsent: the check that the rewrite puts in front of sinks that need consent.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshRuntime, type Runtime } from './fresh.js';

// The runtime as an app starts with it: nothing granted (no other test file has set consent on it).
let CONSENT_PURPOSES: Runtime['CONSENT_PURPOSES'];
let hasConsent: Runtime['hasConsent'];
let setConsent: Runtime['setConsent'];
beforeAll(async () => {
  ({ CONSENT_PURPOSES, hasConsent, setConsent } = await freshRuntime());
});

afterEach(() => {
  for (const purpose of CONSENT_PURPOSES) setConsent(purpose, false);
});

describe('consent', () => {
  it('grants nothing until setConsent says so, per purpose, and can be withdrawn', () => {
    expect(CONSENT_PURPOSES).toEqual(['analytics', 'diagnostics', 'marketing', 'ai', 'logging']);
    expect(CONSENT_PURPOSES.map(hasConsent)).toEqual([false, false, false, false, false]);
    setConsent('analytics', true);
    setConsent('ai', true);
    expect(CONSENT_PURPOSES.map(hasConsent)).toEqual([true, false, false, true, false]);
    setConsent('analytics', false);
    expect(hasConsent('analytics')).toBe(false);
    expect(hasConsent('ai')).toBe(true);
  });

  it('guards a call the way the rewrite does', () => {
    const sent: string[] = [];
    const capture = (event: string) => sent.push(event);
    hasConsent('analytics') && capture('Before');
    setConsent('analytics', true);
    hasConsent('analytics') && capture('After');
    expect(sent).toEqual(['After']);
  });

  it('rejects unknown purposes and non-boolean answers: a typo must not read as "no consent" forever', () => {
    expect(() => hasConsent('analytic' as never)).toThrow(
      /^piiguard hasConsent: purpose must be one of analytics, diagnostics, marketing, ai, logging, got a string of 8 characters$/,
    );
    expect(() => setConsent('marketing', 'yes' as never)).toThrow(/granted must be true or false, got a string of 3 characters/);
    expect(() => setConsent(undefined as never, true)).toThrow(/got undefined/);
  });
});
