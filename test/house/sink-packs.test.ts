/**
 * Every sink pack is registered and exercised: each data file under core/sinks/ is in
 * BUILTIN_SINK_PACKS (one id each), and the sinks fixtures reach every pack's sink with a tagged
 * value — a pack that no fixture calls is a pack nobody knows works.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { BUILTIN_SINK_PACKS } from '../../core/sinks/index.js';
import { PURPOSES } from '../../core/taxonomy.js';

const root = path.resolve(import.meta.dirname, '../..');
const packFiles = readdirSync(path.join(root, 'core/sinks')).filter(
  (file) => file.endsWith('.ts') && !['index.ts', 'types.ts'].includes(file),
);

test('every file of core/sinks/ is one registered pack, with an id of its own', () => {
  expect(BUILTIN_SINK_PACKS).toHaveLength(packFiles.length);
  const ids = BUILTIN_SINK_PACKS.map((pack) => pack.id);
  expect(new Set(ids).size).toBe(ids.length);
  const index = readFileSync(path.join(root, 'core/sinks/index.ts'), 'utf8');
  for (const file of packFiles) expect(index, file).toContain(`from './${file.replace(/\.ts$/, '.js')}'`);
});

test('every pack says what it sends data for: a purpose (SPEC §12), which consent is asked for', () => {
  const without = BUILTIN_SINK_PACKS.filter((pack) => !(PURPOSES as readonly unknown[]).includes(pack.purpose)).map((pack) => pack.id);
  expect(without).toEqual([]);
});

test('the sinks fixtures reach every pack', async () => {
  const reached = new Set<string>();
  for (const fixture of ['sinks-every-pack', 'sinks-every-call', 'sinks-snippet-globals']) {
    const result = await analyze({ project: path.join(root, 'fixtures/analyzer', fixture, 'tsconfig.json'), today: '2026-11-22' });
    for (const finding of result.findings) if (finding.sink) reached.add(finding.sink);
  }
  expect(BUILTIN_SINK_PACKS.map((pack) => pack.id).filter((id) => !reached.has(id))).toEqual([]);
});

test("the README's sink table lists every pack, once, and no sink that is not one", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| sink id | vendor |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  const ids = rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1]);
  expect([...ids].sort()).toEqual(BUILTIN_SINK_PACKS.map((pack) => pack.id).sort());
});
