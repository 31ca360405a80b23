// Rotation and joins (README, "Rotation and joins"; SPEC §11): the epoch is in the HMAC message,
// so the key holder computes any epoch's pseudonym and joins epochs through a link table with no
// raw id in the analytics data. The README's test vectors are checked against the runtime and
// node:crypto, and its Python reference implementation is run on them with python3 where the
// machine has one; without python3 the vectors and RFC 4231's published HMAC-SHA-256 vector are
// still checked against node:crypto, an implementation independent of the runtime's.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure, createPseudonymizer, epochStart, pseudonymize, rotationEpoch, type Rotation } from '../../runtime/index.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SECTION = README.slice(README.indexOf('### Rotation and joins'));
const VECTOR_KEY = /Test vectors, key\s+`([^`]+)`/.exec(SECTION)![1]!;
const VECTORS = [
  ...SECTION.matchAll(/^\| (none|daily|weekly|monthly) \| (\S+) \| (\S+) \| `([^`]+)` \| (\d+) \| `([0-9a-f]{64})` \|$/gm),
].map(([, rotation, instant, category, value, epoch, pseudonym]) => ({
  rotation: rotation as Rotation,
  instant: instant!,
  category: category!,
  value: value!,
  epoch: Number(epoch),
  pseudonym: pseudonym!,
}));
const PYTHON = /```python\n([\s\S]*?)```/.exec(SECTION)![1]!;

// RFC 4231 §4.3, test case 2.
const RFC_4231 = {
  key: 'Jefe',
  data: 'what do ya want for nothing?',
  mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
};

describe('the README test vectors', () => {
  it('are the five rows of its table, one per rotation and across a month boundary', () => {
    expect(VECTOR_KEY).toBe('piiguard-rotation-vectors-key-0123');
    expect(VECTORS.map((v) => `${v.rotation} ${v.epoch}`)).toEqual(['monthly 652', 'monthly 653', 'daily 19860', 'weekly 2837', 'none 0']);
  });

  it('match the runtime (rotationEpoch and pseudonymize) and node:crypto', () => {
    for (const vector of VECTORS) {
      expect(rotationEpoch(vector.rotation, vector.instant), vector.instant).toBe(vector.epoch);
      configure({ key: VECTOR_KEY, rotation: vector.rotation });
      expect(pseudonymize(vector.value, vector.category, { now: vector.instant })).toBe(vector.pseudonym);
      const normalized =
        vector.category === 'email'
          ? vector.value.trim().toLowerCase()
          : vector.category === 'phone'
            ? vector.value.replace(/\D/g, '')
            : vector.value.trim();
      expect(createHmac('sha256', VECTOR_KEY).update(`${vector.category}:${vector.epoch}:${normalized}`).digest('hex')).toBe(
        vector.pseudonym,
      );
    }
    expect(createHmac('sha256', RFC_4231.key).update(RFC_4231.data).digest('hex')).toBe(RFC_4231.mac);
  });

  it("agree with the README's Python code, run by python3 when the machine has it", () => {
    const harness = [
      PYTHON,
      'import json, sys',
      'request = json.load(sys.stdin)',
      'out = [pseudonymize(request["key"].encode("utf-8"), v["value"], v["category"],',
      '        rotation_epoch(v["rotation"], datetime.fromisoformat(v["instant"].replace("Z", "+00:00")))) for v in request["vectors"]]',
      'out.append(hmac.new(b"Jefe", b"what do ya want for nothing?", hashlib.sha256).hexdigest())',
      'out.extend(str(rotation_epoch(v["rotation"], datetime.fromisoformat(v["instant"].replace("Z", "+00:00")))) for v in request["vectors"])',
      'print("\\n".join(out))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', harness], { input: JSON.stringify({ key: VECTOR_KEY, vectors: VECTORS }), encoding: 'utf8' });
    const expected = [...VECTORS.map((v) => v.pseudonym), RFC_4231.mac, ...VECTORS.map((v) => String(v.epoch))];
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      // No python3 here: the published constants, from node:crypto, stand in for it.
      const fromNode = VECTORS.map((v) =>
        createPseudonymizer({ key: VECTOR_KEY, rotation: v.rotation })(v.value, v.category, { now: v.instant }),
      );
      expect([
        ...fromNode,
        createHmac('sha256', RFC_4231.key).update(RFC_4231.data).digest('hex'),
        ...VECTORS.map((v) => String(rotationEpoch(v.rotation, v.instant))),
      ]).toEqual(expected);
      return;
    }
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd().split('\n')).toEqual(expected);
  });
});

describe('epochStart', () => {
  it('is the first instant of each epoch: rotationEpoch of it is the epoch, and of the millisecond before, the one before', () => {
    for (const rotation of ['daily', 'weekly', 'monthly'] as const) {
      for (const epoch of [0, 1, 11, 12, 652, 653, 2837, 19860, -1, -13]) {
        const start = epochStart(rotation, epoch);
        expect(rotationEpoch(rotation, start), `${rotation} ${epoch}`).toBe(epoch);
        expect(rotationEpoch(rotation, start - 1), `${rotation} ${epoch} − 1 ms`).toBe(epoch - 1);
      }
    }
    expect(epochStart('monthly', 652)).toBe(Date.UTC(2024, 4, 1));
    expect(epochStart('weekly', 2837)).toBe(Date.UTC(2024, 4, 16)); // a Thursday
    expect(epochStart('none', 0)).toBe(0);
    expect(() => epochStart('hourly' as never, 1)).toThrow(
      /rotation must be 'none', 'daily', 'weekly' or 'monthly', got a string of 6 characters/,
    );
    expect(() => epochStart('daily', 1.5)).toThrow(/epoch must be an integer, got a number with a fraction/);
  });
});

describe('joining across epochs', () => {
  it('groups each person’s events over three months through a link table, with no raw id in events or links', () => {
    const KEY = 'piiguard-rotation-join-key-0123456';
    const LINK_KEY = 'piiguard-rotation-link-key-0123456';
    const users = ['u_1', 'u_2', 'u_3'];
    const rotated = createPseudonymizer({ key: KEY, rotation: 'monthly' });
    // What the vendor holds: events of May, June and July 2024, each with that month's pseudonym.
    const events = [
      ['u_1', Date.UTC(2024, 4, 3)],
      ['u_1', Date.UTC(2024, 5, 30, 23, 59)],
      ['u_1', Date.UTC(2024, 6, 1)],
      ['u_2', Date.UTC(2024, 4, 31, 23, 59, 59)],
      ['u_2', Date.UTC(2024, 6, 15)],
      ['u_3', Date.UTC(2024, 5, 1)],
    ].map(([user, at]) => ({ distinct_id: rotated(user as string, 'user-id', { now: at as number }), at }));
    // The server builds the link table from its own user table, one row per user and epoch.
    const person = createPseudonymizer({ key: LINK_KEY, rotation: 'none' });
    const links = new Map<string, string>();
    for (const user of users) {
      for (let epoch = rotationEpoch('monthly', Date.UTC(2024, 4, 1)); epoch <= rotationEpoch('monthly', Date.UTC(2024, 6, 31)); epoch++) {
        links.set(rotated(user, 'user-id', { now: epochStart('monthly', epoch) }), person(user, 'user-id'));
      }
    }
    const perPerson = new Map<string, number>();
    for (const event of events) {
      const who = links.get(event.distinct_id)!;
      perPerson.set(who, (perPerson.get(who) ?? 0) + 1);
    }
    expect(users.map((user) => perPerson.get(person(user, 'user-id')))).toEqual([3, 2, 1]);
    // Without the table the vendor cannot link: u_1's three events carry three pseudonyms.
    expect(new Set(events.slice(0, 3).map((event) => event.distinct_id)).size).toBe(3);
    const stored = JSON.stringify({ events, links: [...links] });
    for (const user of users) expect(stored).not.toContain(user);
  });
});
