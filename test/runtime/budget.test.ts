// budget({ epsilon, period }): reports spend ε per user and period; one that would exceed the
// budget is dropped (the mechanism does not run) and counted.
import { describe, expect, it } from 'vitest';
import { budget, type BudgetStorage } from '../../runtime/index.js';

const DAY = 86_400_000;

function memoryStorage(): BudgetStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('budget', () => {
  it('lets reports through until the budget is spent, then drops and counts them', () => {
    const privacy = budget({ epsilon: 1, period: 'day', now: () => 0 });
    const results = Array.from({ length: 12 }, () => privacy.laplaceNoise(10, 1, 0.1));
    // 0.1 ten times is 0.9999999999999999 in floating point: the tenth report still fits.
    expect(results.slice(0, 10).every((result) => typeof result === 'number')).toBe(true);
    expect(results.slice(10)).toEqual([undefined, undefined]);
    expect(privacy.dropped).toBe(2);
    expect(privacy.remaining()).toBeLessThan(1e-9);
  });

  it('drops randomized responses over budget the same way, and lets a smaller one through', () => {
    const privacy = budget({ epsilon: 0.6, period: 'lifetime' });
    expect(privacy.randomizedResponse(true, 0.5)).toBeTypeOf('boolean');
    expect(privacy.randomizedResponse(true, 0.5)).toBeUndefined();
    expect(privacy.randomizedResponse(1, 0.1)).toBeTypeOf('number');
    expect(privacy.randomizedResponse(1, 0.1)).toBeUndefined();
    expect(privacy.dropped).toBe(2);
  });

  it('keeps one budget per user, and a new period refills every user', () => {
    let now = Date.UTC(2024, 4, 17, 23, 0);
    const privacy = budget({ epsilon: 2, period: 'day', now: () => now });
    expect(privacy.spend(2, 'user-a')).toBe(true);
    expect(privacy.spend(1, 'user-a')).toBe(false);
    expect(privacy.spend(1.5, 'user-b')).toBe(true);
    expect(privacy.remaining('user-b')).toBe(0.5);
    expect(privacy.remaining()).toBe(2);
    now += 3_600_000; // 00:00 UTC the next day
    expect(privacy.remaining('user-a')).toBe(2);
    expect(privacy.spend(2, 'user-a')).toBe(true);
    expect(privacy.dropped).toBe(1);
  });

  it('refills at each UTC hour, day, ISO-aligned week (Thursdays, as rotation) and calendar month', () => {
    const cases = [
      { period: 'hour', last: Date.UTC(2024, 4, 17, 10, 59, 59, 999), next: Date.UTC(2024, 4, 17, 11) },
      { period: 'day', last: Date.UTC(2024, 4, 17, 23, 59, 59, 999), next: Date.UTC(2024, 4, 18) },
      { period: 'week', last: Date.UTC(2024, 4, 15, 23, 59, 59, 999), next: Date.UTC(2024, 4, 16) }, // Wed → Thu
      { period: 'month', last: Date.UTC(2024, 1, 29, 23, 59, 59, 999), next: Date.UTC(2024, 2, 1) },
    ] as const;
    for (const { period, last, next } of cases) {
      let now = last - DAY / 48;
      const privacy = budget({ epsilon: 1, period, now: () => now });
      privacy.spend(1);
      now = last;
      expect(privacy.spend(1), `${period} before`).toBe(false);
      now = next;
      expect(privacy.spend(1), `${period} after`).toBe(true);
    }
    let now = 0;
    const lifetime = budget({ epsilon: 1, period: 'lifetime', now: () => now });
    lifetime.spend(1);
    now = 100 * 365 * DAY;
    expect(lifetime.spend(0.1)).toBe(false);
  });

  it('survives a reload through storage, and reads an unreadable store as spent', () => {
    const storage = memoryStorage();
    const first = budget({ epsilon: 1, period: 'day', storage, now: () => 0 });
    first.spend(0.75);
    first.spend(0.5);
    expect(JSON.parse(storage.items.get('piiguard:budget')!)).toEqual({ period: 0, spent: { '': 0.75 }, dropped: 1 });
    const reloaded = budget({ epsilon: 1, period: 'day', storage, now: () => 0 });
    expect(reloaded.remaining()).toBe(0.25);
    expect(reloaded.dropped).toBe(1);
    expect(budget({ epsilon: 1, period: 'day', storage, now: () => DAY }).remaining()).toBe(1);

    storage.items.set('piiguard:budget', '{"period": "garbage"');
    const broken = budget({ epsilon: 1, period: 'day', storage, now: () => 0 });
    expect(broken.spend(0.1)).toBe(false);
    expect(budget({ epsilon: 1, period: 'day', storage, now: () => 0 }).remaining()).toBe(0);
    expect(budget({ epsilon: 1, period: 'day', storage, now: () => DAY }).spend(0.1)).toBe(true);
  });

  it('spends nothing on a call with bad arguments, and rejects bad options without echoing values', () => {
    const privacy = budget({ epsilon: 1, period: 'day' });
    expect(() => privacy.laplaceNoise(Number.NaN, 1, 0.5)).toThrow(/^piiguard budget\.laplaceNoise: value must be a finite number$/);
    expect(() => privacy.randomizedResponse('yes' as never, 0.5)).toThrow(/bit must be a boolean, 0 or 1/);
    expect(() => privacy.spend(-1)).toThrow(/epsilon must be a finite number greater than 0, got an integer$/);
    expect(privacy.remaining()).toBe(1);
    expect(() => budget({ epsilon: 0, period: 'day' })).toThrow(/epsilon must be a finite number greater than 0, got an integer$/);
    expect(() => budget({ epsilon: 1, period: 'fortnight' as never })).toThrow(
      /period must be one of hour, day, week, month, lifetime, got a string of 9 characters/,
    );
    expect(() => budget(undefined as never)).toThrow(/expected an options object/);
  });
});
