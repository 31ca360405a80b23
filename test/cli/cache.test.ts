/**
 * `piiguard check --cache` and `--watch` on a copy of the demo app (under test-artifacts, so that
 * its SDK imports resolve to this repository's node_modules):
 * - with and without the cache, cold and warm, the output is the same bytes;
 * - the cache lives in node_modules/.cache/piiguard (or --cache-location), and a corrupt or foreign
 *   cache file is ignored and rewritten, never a crash or a different result;
 * - --watch reports again after a save, with the new finding, reusing what did not change.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { makeIo } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const app = path.join(ROOT, 'test-artifacts', 'cache-demo');
const TODAY = '2026-11-22';

async function check(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = makeIo({ cwd: app });
  const code = await runCli(['check', '--format', 'json', ...args], io, { today: TODAY });
  return { code, out: io.out(), err: io.err() };
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []);

beforeAll(() => {
  rmSync(app, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'fixtures/demo'), app, { recursive: true });
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('check --cache', () => {
  test('the same bytes without the cache, with a cold one and with a warm one; the file is in node_modules/.cache/piiguard', async () => {
    const plain = await check([]);
    expect(plain.code).toBe(1);
    const cold = await check(['--cache']);
    const location = path.join(app, 'node_modules/.cache/piiguard');
    expect(cacheFiles(location)).toHaveLength(1);
    const warm = await check(['--cache']);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  });

  test('a corrupt or foreign cache file is ignored and rewritten', async () => {
    const plain = await check([]);
    const location = path.join(app, 'node_modules/.cache/piiguard');
    await check(['--cache']);
    const [name] = cacheFiles(location);
    const file = path.join(location, name!);
    for (const bad of ['{"piiguard":"0.1.0","store":{"format":1,"scope":', '{"piiguard":"0.0.1","store":{}}', '[1,2,3]', '\u0000\u0001']) {
      writeFileSync(file, bad);
      expect(await check(['--cache'])).toEqual(plain);
      expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
    }
    // A store of the right shape whose answers are nonsense: keyed by hashes no file has, so never used.
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of Object.values(data.store.files) as Array<{ answers: Record<string, { v: unknown; h: string }> }>) {
      for (const answer of Object.values(entry.answers)) answer.v = { l: [{ c: 'email', f: 'raw', o: 'type', p: [], t: [] }] };
    }
    writeFileSync(file, JSON.stringify(data));
    expect(await check(['--cache'])).not.toEqual(plain);
    // …which is why the answers are only trusted for the texts they were computed from:
    for (const entry of Object.values(data.store.files) as Array<{ key: string }>) entry.key = 'another text';
    writeFileSync(file, JSON.stringify(data));
    expect(await check(['--cache'])).toEqual(plain);
  });

  test('--cache-location moves it', async () => {
    const location = path.join(app, '.piiguard-cache');
    const plain = await check([]);
    expect(await check(['--cache-location', '.piiguard-cache'])).toEqual(plain);
    expect(cacheFiles(location)).toHaveLength(1);
  });
});

describe('check --watch', () => {
  test('reports again after a save, with the new finding', async () => {
    const io = makeIo({ cwd: app });
    const controller = new AbortController();
    const waitFor = async (predicate: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${io.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const done = runCli(['check', '--watch', '--format', 'json'], io, { today: TODAY, watchSignal: controller.signal });
    await waitFor(() => io.err().includes('watching for changes'), 'the first report');
    const first = JSON.parse(io.out()) as { findings: Array<{ location: { file: string; line: number }; category: string | null }> };
    const file = path.join(app, 'src/screens/checkout.ts');
    const before = io.writes.filter((w) => w.stream === 'stdout').length;
    writeFileSync(
      file,
      readFileSync(file, 'utf8') +
        `\nexport function leakAgain(user: User): void {\n  captureServerEvent(user.id, 'Checkout Viewed', { email: user.email });\n}\n`,
    );
    await waitFor(() => io.err().includes('checked again'), 'the second report');
    controller.abort();
    expect(await done).toBe(0);
    const second = JSON.parse(
      io.writes
        .filter((w) => w.stream === 'stdout')
        .slice(before)
        .map((w) => w.text)
        .join(''),
    ) as typeof first;
    const line = readFileSync(path.join(ROOT, 'fixtures/demo/src/screens/checkout.ts'), 'utf8').split('\n').length + 2;
    const at = (report: typeof first) =>
      report.findings.filter((f) => f.location.file === 'src/screens/checkout.ts' && f.location.line === line);
    expect(at(first)).toEqual([]);
    expect(
      at(second)
        .map((f) => f.category)
        .sort(),
    ).toEqual(['email', 'user-id']);
    expect(second.findings.length).toBe(first.findings.length + 2);
  });
});
