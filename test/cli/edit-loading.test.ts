/**
 * ts-morph is for `tag` and `fix` only: `check`, an ESLint run and a build through the transformer
 * never load it (it would cost them its own copy of the compiler). Each front end runs from the
 * built package in a fresh Node process with a resolve hook that records any module resolved into
 * ts-morph; `tag`, which needs it, is the control that the hook sees it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const data = path.join(import.meta.dirname, '__data__/loading');
mkdirSync(path.join(repo, 'test-artifacts'), { recursive: true });
const scratch = mkdtempSync(path.join(repo, 'test-artifacts', 'loading-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(what: string, dir: string): { stdout: string; stderr: string; loaded: string[] } {
  const record = path.join(scratch, `${what}.txt`);
  const child = spawnSync(
    process.execPath,
    ['--import', path.join(data, 'record-ts-morph.mjs'), path.join(data, 'run-front-ends.mjs'), what, dir],
    { encoding: 'utf8', env: { ...process.env, PIIGUARD_LOAD_RECORD: record } },
  );
  let loaded: string[] = [];
  try {
    loaded = readFileSync(record, 'utf8').trim().split('\n');
  } catch {
    // Nothing resolved into ts-morph: no record file.
  }
  return { stdout: child.stdout, stderr: child.stderr, loaded };
}

describe('ts-morph is loaded by tag and fix only', () => {
  test('piiguard check', () => {
    const { stdout, stderr, loaded } = run('check', path.join(repo, 'fixtures/cli/tag-untagged-models'));
    expect(stderr).toBe('');
    // Warnings only: the heuristics' findings.
    expect(stdout).toBe('exit 0\n');
    expect(loaded).toEqual([]);
  });

  test('ESLint with configs.recommended', () => {
    const { stdout, stderr, loaded } = run('eslint', path.join(repo, 'fixtures/eslint/presets'));
    expect(stderr).toBe('');
    expect(stdout).toBe('3 messages\n');
    expect(loaded).toEqual([]);
  });

  test('a build through piiguard/transformer', () => {
    const { stdout, stderr, loaded } = run('build', path.join(repo, 'fixtures/transformer/tracking-plan-app'));
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[1-9]\d* files\n$/);
    expect(loaded).toEqual([]);
  });

  test('piiguard tag (the control: the hook sees ts-morph when it is loaded)', () => {
    const { stdout, loaded } = run('tag', path.join(repo, 'fixtures/cli/tag-untagged-models'));
    expect(stdout).toBe('exit 1\n');
    expect(loaded[0]).toMatch(/^ts-morph from file:.*\/dist\/analyzer\/source-edits\.js$/);
  });
});
