/**
 * The gate never reports success on nothing (issue 18): a path that names no file of the project,
 * a project with no source file, a tsconfig whose `extends` is missing, a project known only by
 * its jsconfig.json, a `@pii` tag naming no category, and `--update-baseline`'s summary. Each is
 * run through the CLI on a small project written here, with its exact exit code and message.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliInProcess, useScratchProjects } from './helpers.js';

const project = useScratchProjects('fail-closed');

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', skipLibCheck: true, types: [] },
  include: ['src'],
});

const APP = `import type { Email } from 'piiguard';
export function signUp(email: Email) {
  console.info(email);
}
`;

describe('paths that name nothing', () => {
  test('a path that does not exist is exit 2, named as it was typed', async () => {
    const dir = project('missing-path', { 'tsconfig.json': TSCONFIG, 'src/app.ts': APP });
    expect(await runCliInProcess(['check', 'src/nope.ts'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'piiguard: src/nope.ts: no such file or directory\n',
    });
  });

  test('a path that exists but holds no file of the project is exit 2, naming the tsconfig', async () => {
    const dir = project('outside-path', { 'tsconfig.json': TSCONFIG, 'src/app.ts': APP, 'scripts/build.ts': 'export {};\n' });
    expect(await runCliInProcess(['check', 'scripts'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'piiguard: scripts holds no file of the project (tsconfig.json); name a file or directory that the project includes\n',
    });
  });

  test('a path inside the project still restricts the report (exit 1 for its finding)', async () => {
    const dir = project('inside-path', { 'tsconfig.json': TSCONFIG, 'src/app.ts': APP });
    const run = await runCliInProcess(['check', 'src/app.ts', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['piiguard/unapproved-flow']);
  });
});

describe('projects with nothing to analyse', () => {
  test('JavaScript without allowJs: exit 2 saying allowJs is what is missing', async () => {
    const dir = project('js-without-allowjs', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { checkJs: false }, include: ['src'] }),
      'src/app.js': 'console.info(user.email);\n',
      'src/util.mjs': 'export const a = 1;\n',
    });
    expect(await runCliInProcess(['check'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'piiguard: no file to analyse: tsconfig.json includes no TypeScript file; it has 2 JavaScript files (src/app.js, src/util.mjs), which TypeScript reads only with "allowJs": true in compilerOptions\n',
    });
  });

  test('an include that matches nothing: exit 2 naming the tsconfig', async () => {
    const dir = project('empty-include', { 'tsconfig.json': JSON.stringify({ include: ['source'] }), 'src/app.ts': APP });
    expect(await runCliInProcess(['check'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'piiguard: no file to analyse: tsconfig.json includes no source file (check its "include" and "files")\n',
    });
  });

  test("the config's include leaving out every file: exit 2 naming the config", async () => {
    const dir = project('config-excludes-all', {
      'tsconfig.json': TSCONFIG,
      'piiguard.config.json': JSON.stringify({ include: ['lib/**'] }),
      'src/app.ts': APP,
    });
    expect(await runCliInProcess(['check'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'piiguard: no file to analyse: piiguard.config.json\'s "include"/"exclude" leave out every source file of tsconfig.json\n',
    });
  });
});

describe('tsconfigs as tsc reads them', () => {
  test('a missing extends target is an error (tsc: TS5083), not options left out', async () => {
    const dir = project('missing-extends', {
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['src'] }),
      'src/app.ts': APP,
    });
    const run = await runCliInProcess(['check'], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `piiguard: ${path.join(dir, 'tsconfig.json')}: "extends": "./tsconfig.base.json" cannot be loaded: Cannot read file '${path.join(dir, 'tsconfig.base.json')}'. (tsc: error TS5083)\n`,
    });
  });

  test('a missing extends package is an error (tsc: TS6053)', async () => {
    const dir = project('missing-extends-package', {
      'tsconfig.json': JSON.stringify({ extends: '@tsconfig/nope/tsconfig.json', include: ['src'] }),
      'src/app.ts': APP,
    });
    const run = await runCliInProcess(['check'], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `piiguard: ${path.join(dir, 'tsconfig.json')}: "extends": "@tsconfig/nope/tsconfig.json" cannot be loaded: File '@tsconfig/nope/tsconfig.json' not found. (tsc: error TS6053)\n`,
    });
  });

  test('a project with only a jsconfig.json is analysed through it, as editors do (allowJs implied)', async () => {
    const dir = project('jsconfig-only', {
      'jsconfig.json': JSON.stringify({ include: ['src'] }),
      'src/app.js': "/** @pii email */\nconst email = 'a@example.com';\nconsole.info(email);\n",
    });
    const run = await runCliInProcess(['check', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { message: string; location: unknown }) => [f.message, f.location])).toEqual([
      ['email reaches console raw; no allow entry approves it', { file: 'src/app.js', line: 3, column: 1 }],
    ]);
    expect(run.stderr).toBe('');
  });
});

describe('a @pii tag naming no category', () => {
  test('is an unknown-category finding naming the closest category, and tags nothing', async () => {
    const dir = project('unknown-category', {
      'tsconfig.json': TSCONFIG,
      'src/app.ts': `export interface User {\n  /** @pii e-mail */\n  contact: string;\n}\nexport function f(user: User) {\n  console.info(user.contact);\n}\n`,
    });
    const run = await runCliInProcess(['check', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(
      JSON.parse(run.stdout).findings.map((f: { ruleId: string; message: string; category: string | null; location: unknown }) => [
        f.ruleId,
        f.message,
        f.category,
        f.location,
      ]),
    ).toEqual([
      [
        'piiguard/unknown-category',
        '@pii e-mail names no category piiguard knows; did you mean email?',
        null,
        { file: 'src/app.ts', line: 3, column: 3 },
      ],
    ]);
  });
});

describe('--update-baseline', () => {
  test('says how many findings it recorded, not "no unapproved flows"', async () => {
    const dir = project('update-baseline', { 'tsconfig.json': TSCONFIG, 'src/app.ts': APP });
    expect(await runCliInProcess(['check', '--update-baseline', '--no-color'], dir)).toEqual({
      code: 0,
      stdout:
        '✔ recorded 1 finding in piiguard-baseline.json (1 file checked); later runs fail only on new ones — no piiguard config, tsconfig.json\n',
      stderr: 'piiguard: recorded 1 finding in piiguard-baseline.json\n',
    });
    // A later run says the recorded finding is what it left out.
    expect(await runCliInProcess(['check', '--baseline', 'piiguard-baseline.json', '--no-color'], dir)).toEqual({
      code: 0,
      stdout:
        '✔ no unapproved flows beyond the 1 finding recorded in piiguard-baseline.json (1 file checked) — no piiguard config, tsconfig.json\n',
      stderr: 'piiguard: 1 finding recorded in piiguard-baseline.json not reported\n',
    });
  });
});
