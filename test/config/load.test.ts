/**
 * loadConfig / loadConfigSync against the fixtures in fixtures/config/: every format, discovery,
 * positions of JSON entries, and the exact message of each way a config file can be wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfig, loadConfigSync, type LoadConfigOptions } from '../../core/config/index.js';
import { CANONICAL_CONFIG, DEFAULT_CONFIG, fixture } from './canonical.js';

// A directory outside the repository, so that discovery meets no config on its way to the root.
const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'piiguard-no-config-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

/** Both loaders must agree on everything: results and errors. */
const loaders = [
  ['loadConfig', loadConfig],
  ['loadConfigSync', async (options: LoadConfigOptions) => loadConfigSync(options)],
] as const;

async function getError(load: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe.each(loaders)('%s', (_name, load) => {
  describe('every format loads to the same normalised config', () => {
    test.each([
      ['json-basic', 'piiguard.config.json'],
      ['ts-config', 'piiguard.config.ts'],
      ['mts-config', 'piiguard.config.mts'],
      ['js-config', 'piiguard.config.js'],
      ['mjs-config', 'piiguard.config.mjs'],
      ['cjs-config', 'piiguard.config.cjs'],
      ['rc-file', '.piiguardrc.json'],
      ['package-json-key', 'package.json'],
    ])('%s/%s', async (scenario, file) => {
      const loaded = await load({ cwd: fixture(scenario) });
      expect(loaded.file).toBe(fixture(scenario, file));
      expect(loaded.dir).toBe(fixture(scenario));
      expect(loaded.config).toEqual(CANONICAL_CONFIG);
    });

    test('JSON with comments and trailing commas (like tsconfig.json)', async () => {
      const loaded = await load({ cwd: fixture('jsonc-comments') });
      expect(loaded.config).toEqual({
        ...DEFAULT_CONFIG,
        allow: [{ category: 'device-id', form: 'pseudonymized', sink: 'sentry', events: '*', reason: 'crash grouping', index: 0 }],
      });
    });
  });

  describe('discovery', () => {
    test('from a nested directory upward to the nearest config', async () => {
      const loaded = await load({ cwd: fixture('nested-discovery', 'sub', 'dir') });
      expect(loaded.file).toBe(fixture('nested-discovery', 'piiguard.config.json'));
      expect(loaded.dir).toBe(fixture('nested-discovery'));
      expect(loaded.config).toEqual({ ...DEFAULT_CONFIG, heuristics: 'off' });
    });

    test('a package.json with a "piiguard" key is a config, and stops the search', async () => {
      const loaded = await load({ cwd: fixture('package-json-key', 'src') });
      expect(loaded.file).toBe(fixture('package-json-key', 'package.json'));
    });

    test('a package.json without the key does not stop the search (a monorepo package)', async () => {
      const loaded = await load({ cwd: fixture('package-json-without-key', 'app', 'src') });
      expect(loaded.file).toBe(fixture('package-json-without-key', 'piiguard.config.json'));
      expect(loaded.config.strictEvents).toBe(true);
    });

    test('two config files in one directory: an error naming both (which one counts would be a guess)', async () => {
      const error = await getError(() => load({ cwd: fixture('two-configs-in-one-dir') }));
      expect(error.message).toBe('.: two piiguard configs in one directory, piiguard.config.ts and piiguard.config.json; keep one');
      expect(error.file).toBe(fixture('two-configs-in-one-dir', 'piiguard.config.ts'));
    });

    test('an explicit config file, relative to cwd, is loaded without a search', async () => {
      const loaded = await load({ cwd: fixture('nested-discovery'), configFile: '../rc-file/.piiguardrc.json' });
      expect(loaded.file).toBe(fixture('rc-file', '.piiguardrc.json'));
      expect(loaded.dir).toBe(fixture('rc-file'));
      expect(loaded.config).toEqual(CANONICAL_CONFIG);
    });

    test('no config anywhere up the tree: the defaults, with dir = cwd and no file', async () => {
      const loaded = await load({ cwd: emptyDir });
      expect(loaded).toEqual({ dir: emptyDir, config: DEFAULT_CONFIG, locations: {} });
    });
  });

  describe('locations of JSON entries (1-based), by key path', () => {
    test('allow[i] is where its object starts; an object entry is where its key is', async () => {
      const { locations } = await load({ cwd: fixture('json-basic') });
      expect(locations['allow[0]']).toEqual({ line: 14, column: 5 });
      expect(locations['allow[1]']).toEqual({ line: 23, column: 5 });
      expect(locations['allow[0].expires']).toEqual({ line: 21, column: 7 });
      expect(locations['sinks[0]']).toEqual({ line: 10, column: 13 });
      expect(locations['events["Signup Completed"]']).toEqual({ line: 26, column: 5 });
      expect(locations['events["Signup Completed"].properties.userId']).toEqual({ line: 27, column: 23 });
    });

    test('in package.json, key paths are relative to the "piiguard" object', async () => {
      const { locations } = await load({ cwd: fixture('package-json-key') });
      expect(locations['allow[0]']).toEqual({ line: 49, column: 7 });
      expect(locations['piiguard']).toBeUndefined();
    });

    test('JS and TypeScript configs have no positions', async () => {
      expect((await load({ cwd: fixture('ts-config') })).locations).toEqual({});
    });
  });

  describe('a bad config file: one message naming the file, the key path, what was expected and what was found', () => {
    test.each([
      ['broken-json', 'piiguard.config.json:3:3 — invalid JSON: expected ",", got "allow"'],
      ['unknown-key', 'piiguard.config.json: strictEvent — expected a known key (did you mean "strictEvents"?), got "strictEvent"'],
      ['wrong-type', 'piiguard.config.json: include — expected a list of globs, got "src/**/*.ts"'],
      ['bad-expires', 'piiguard.config.json: allow[2].expires — expected an ISO date (YYYY-MM-DD), got "next year"'],
      ['missing-reason', 'piiguard.config.json: allow[0].reason — expected a reason (a non-empty string), got nothing'],
      [
        'credential-allowed',
        'piiguard.config.json: allow[1].category — expected a category that can be approved ' +
          '(credential can never be approved: it is a secret), got "credential"',
      ],
      [
        'unknown-category',
        'piiguard.config.json: allow[0].category — expected a category that is built in or declared in "categories" ' +
          '(did you mean "loyalty-tier"?), got "loyalty-teir"',
      ],
      [
        'unknown-sink',
        'piiguard.config.json: allow[1].sink — expected "*", a built-in sink id or the id of one of "sinks" ' +
          '(did you mean "posthog"?), got "posthgo"',
      ],
      [
        'bad-plan-action',
        'piiguard.config.json: events["Signup Completed"].properties.email — expected keep, drop, pseudonymize:<category>, ' +
          'generalize:<category> or bin:hour|day|week, got "hash"',
      ],
      ['ts-config-throws', 'piiguard.config.ts — failed to load: PIIGUARD_FIXTURE_KEY_THAT_IS_NEVER_SET is not set'],
      ['js-config-syntax-error', 'piiguard.config.mjs:4:2 — failed to load: ParseError: Unexpected token, expected ","'],
      ['js-config-without-default-export', 'piiguard.config.mjs: default export — expected an object, got nothing'],
      ['duplicate-key', 'piiguard.config.json: allow — expected each key once, got it again at 4:3 (first at 2:3)'],
      ['package-json-invalid-config', 'package.json: piiguard.allow[0].reason — expected a reason (a non-empty string), got ""'],
    ])('%s', async (scenario, message) => {
      const error = await getError(() => load({ cwd: fixture(scenario) }));
      expect(error.message).toBe(message);
      expect(error.stack).not.toContain(fixture(scenario)); // the message carries no stack of the config
      expect(error.file).toMatch(new RegExp(`${scenario}[/\\\\]`));
    });

    test('a JSON config nested 1,600 levels deep: an error at the level past the bound, not a stack overflow', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'piiguard-deep-config-'));
      try {
        // sinks: [{"a": [{"a": … 1 … }]}]: objects and arrays in turn, 1,600 levels under the root.
        const levels = Array.from({ length: 1600 }, (_, i) => (i % 2 === 0 ? ['[', ']'] : ['{"a": ', '}']));
        const value =
          levels.map(([open]) => open).join('') +
          '1' +
          levels
            .map(([, close]) => close)
            .reverse()
            .join('');
        writeFileSync(path.join(dir, '.piiguardrc.json'), `{\n  "sinks": ${value}\n}\n`);
        const error = await getError(() => load({ cwd: dir }));
        expect(error.message).toBe('.piiguardrc.json:2:356 — nested too deep: expected at most 100 levels of objects and arrays, got more');
        expect(error.file).toBe(path.join(dir, '.piiguardrc.json'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('ConfigError carries the absolute file and the key path of the first problem', async () => {
      const error = await getError(() => load({ cwd: fixture('bad-expires') }));
      expect(error.file).toBe(fixture('bad-expires', 'piiguard.config.json'));
      expect(error.keyPath).toBe('allow[2].expires');
    });

    test('the file is named relative to cwd, however it was given', async () => {
      const relative = await getError(() => load({ cwd: fixture('json-basic'), configFile: '../missing-reason/piiguard.config.json' }));
      expect(relative.message).toMatch(/^\.\.\/missing-reason\/piiguard\.config\.json: allow\[0\]\.reason — /);
      const absolute = await getError(() => load({ cwd: fixture(), configFile: fixture('missing-reason', 'piiguard.config.json') }));
      expect(absolute.message).toMatch(/^missing-reason\/piiguard\.config\.json: allow\[0\]\.reason — /);
    });

    test('an explicit config file that does not exist', async () => {
      const error = await getError(() => load({ cwd: fixture('json-basic'), configFile: 'nope.json' }));
      expect(error.message).toBe('nope.json — no such file');
    });

    test('an explicit config file of a format piiguard does not read', async () => {
      const error = await getError(() => load({ cwd: fixture('json-basic'), configFile: 'piiguard.config.yaml' }));
      expect(error.message).toBe('piiguard.config.yaml — not a config file: piiguard reads .ts, .mts, .js, .mjs, .cjs and .json files');
    });
  });
});

test('CONFIG_FILE_NAMES is the lookup order of SPEC §6', () => {
  expect(CONFIG_FILE_NAMES).toEqual([
    'piiguard.config.ts',
    'piiguard.config.mts',
    'piiguard.config.js',
    'piiguard.config.mjs',
    'piiguard.config.cjs',
    'piiguard.config.json',
    '.piiguardrc.json',
  ]);
});

test('findConfigFile returns the nearest config, or undefined', () => {
  expect(findConfigFile(fixture('nested-discovery', 'sub', 'dir'))).toBe(fixture('nested-discovery', 'piiguard.config.json'));
  expect(findConfigFile(emptyDir)).toBeUndefined();
});
