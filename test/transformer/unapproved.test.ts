/**
 * onUnapproved (SPEC §10): by default an unapproved flow fails every build with a message that
 * names the file, line and flow — a diagnostic for tsc, an error for the bundlers, never a crash.
 * With "drop" or "pseudonymize" the build succeeds and the value leaves dropped or pseudonymized;
 * a credential is dropped in both modes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  buildWithEsbuild,
  buildWithRollup,
  buildWithTscApi,
  buildWithTsPatch,
  buildWithVite,
  buildWithWebpack,
  type BuildResult,
} from './builds.js';
import { fixtures, freshDir, prepareRunDir, pseudonym, runRecorded } from './helpers.js';

const unapproved = path.join(fixtures, 'unapproved-flow');
const FLOW = 'email reaches posthog (event "Profile Updated") raw; no allow entry approves it (piiguard/unapproved-flow)';
const SECOND_FLOW = 'email reaches posthog (event "Settings Saved") raw; no allow entry approves it (piiguard/unapproved-flow)';
const count = (text: string, part: string) => text.split(part).length - 1;

const BUILDS: Array<[string, (fixture: string, outDir: string) => BuildResult | Promise<BuildResult>, RegExp]> = [
  ['tsc API', (f, o) => buildWithTscApi(f, o), /src\/app\.ts\(6,3\): error TS990601: piiguard: /],
  ['ts-patch tspc', (f, o) => buildWithTsPatch(f, o), /src\/app\.ts\(6,3\): error TS990601: piiguard: /],
  ['esbuild', buildWithEsbuild, /src\/app\.ts:6:3: /],
  ['Vite', buildWithVite, /src\/app\.ts:6:3: /],
  ['rollup', (f, o) => buildWithRollup(f, o), /src\/app\.ts:6:3: /],
  ['rollup with swc', (f, o) => buildWithRollup(f, o, 'swc'), /src\/app\.ts:6:3: /],
  ['webpack (piiguard/webpack)', (f, o) => buildWithWebpack(f, o, 'plugin'), /src\/app\.ts:6:3: /],
];

describe('unapproved flows fail the build with the file, line and flow: every failing file, each once', () => {
  test.each(BUILDS.map(([name, build, where], i) => [name, build, where, i] as const))('%s', async (_name, build, where, i) => {
    const out = path.join(freshDir(`unapproved-${i}`), 'out');
    const result = await build(unapproved, out);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(where);
    // Both files, not only the first the bundler transformed; each flow once.
    expect(count(result.message, FLOW)).toBe(1);
    expect(count(result.message, SECOND_FLOW)).toBe(1);
    expect(result.message).toMatch(/src\/settings\.ts(?::6:3: |\(6,3\): error TS990601: piiguard: )/);
    // The user's mistake, not piiguard's: no stack trace.
    expect(result.message).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  });
});

describe('the transformer fails closed where a build drops its diagnostics', () => {
  test('webpack with ts-loader getCustomTransformers: the build passes (ts-loader ignores emit diagnostics), the email does not leave', async () => {
    const out = path.join(freshDir('unapproved-ts-loader'), 'out');
    const result = await buildWithWebpack(unapproved, out, 'ts-loader-transformer');
    expect(result.ok).toBe(true);
    prepareRunDir(out);
    expect(runRecorded(result.entry)).toEqual([
      ['capture', 'Profile Updated', { plan: 'pro' }],
      ['capture', 'Settings Saved', {}],
    ]);
  });

  test('tsc API: the diagnostic, and the emitted call without the value', () => {
    const out = path.join(freshDir('unapproved-tsc-emit'), 'out');
    const result = buildWithTscApi(unapproved, out);
    expect(result.ok).toBe(false);
    expect(result.files.get('app.js')).toContain(
      'posthog.capture(\'Profile Updated\', __piiguard.minimize("Profile Updated", { plan: user.plan }, ',
    );
    prepareRunDir(out);
    expect(runRecorded(result.entry)).toEqual([
      ['capture', 'Profile Updated', { plan: 'pro' }],
      ['capture', 'Settings Saved', {}],
    ]);
  });
});

describe('onUnapproved "drop" and "pseudonymize"', () => {
  const fixture = path.join(fixtures, 'on-unapproved');
  const cases = [
    [
      'drop',
      undefined,
      [
        ['identify', null],
        ['capture', 'Profile Updated', { plan: 'pro' }],
      ],
    ],
    [
      'pseudonymize',
      path.join(fixture, 'pseudonymize.config.json'),
      [
        ['identify', pseudonym('email', 'ada@example.com')],
        ['capture', 'Profile Updated', { email: pseudonym('email', 'ada@example.com'), plan: 'pro' }],
      ],
    ],
  ] as const;
  test.each(cases)('%s, through tsc and through esbuild', async (mode, config, expected) => {
    const tscOut = path.join(freshDir(`on-unapproved-${mode}-tsc`), 'out');
    const tsc = buildWithTscApi(fixture, tscOut, config ? { config } : {});
    expect(tsc.message).toBe('');
    prepareRunDir(tscOut);
    expect(runRecorded(tsc.entry)).toEqual(expected);

    const esbuildOut = path.join(freshDir(`on-unapproved-${mode}-esbuild`), 'out');
    const bundled = await buildWithEsbuild(fixture, esbuildOut, config ? { config } : {});
    expect(bundled.message).toBe('');
    prepareRunDir(esbuildOut);
    expect(runRecorded(bundled.entry)).toEqual(expected);
  });
});

describe('a broken config is a build error naming the file and key, never a crash', () => {
  test.each([
    ['tsc API', (f: string, o: string, config: string) => buildWithTscApi(f, o, { config })],
    ['esbuild', (f: string, o: string, config: string) => buildWithEsbuild(f, o, { config })],
  ])('%s', async (name, build) => {
    const fixture = path.join(fixtures, 'on-unapproved');
    const dir = freshDir(`bad-config-${name.replace(/\W/g, '')}`);
    const config = path.join(dir, 'piiguard.config.json');
    writeFileSync(config, JSON.stringify({ onUnapproved: 'explode' }));
    const result = await build(fixture, path.join(dir, 'out'), config);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('piiguard.config.json: onUnapproved — expected "error", "drop" or "pseudonymize", got "explode"');
    expect(result.message).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  });
});
