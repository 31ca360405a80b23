/**
 * The README's Install section, run as written: `npm pack` in a clean copy of the repository
 * (prepack builds dist/), the tarball installed with npm into a fresh project beside it, the bin
 * run there; what that install brings (the footprint, which the README states); and the optional
 * peer dependencies: without them the CLI and the other entries work and piiguard/eslint and the
 * bundler plugins say what to install, with the README's lines installed they work.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUNDLER_PLUGIN_PEERS, EDIT_COMMAND_PEERS, ESLINT_PLUGIN_PEERS } from '../../core/peer-dependencies.js';
import { PACKAGE, REPO, TARBALL_NAME, getInstalledBytes, getPackedCopy, runCommand, runCommandLine, type PackedCopy } from './tarball.js';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const install = readme.slice(readme.indexOf('\n## Install\n'), readme.indexOf('\n## ', readme.indexOf('\n## Install\n') + 1));
const [packLines, installLines, , peerLines] = [...install.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd().split('\n'));

let packed: PackedCopy;
let work: string;
let app: string;

beforeAll(() => {
  packed = getPackedCopy();
  // The layout the README assumes: the clone in `piiguard`, the project beside it.
  work = mkdtempSync(path.join(tmpdir(), 'piiguard-install-'));
  symlinkSync(packed.dir, path.join(work, 'piiguard'), 'dir');
  app = path.join(work, 'app');
  mkdirSync(path.join(app, 'src'), { recursive: true });
  writeFileSync(
    path.join(app, 'package.json'),
    `${JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true }, include: ['src'] }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(app, 'src/signup.ts'),
    [
      'interface User {',
      '  /** @pii email */',
      '  email: string;',
      '}',
      '',
      'export function signUp(user: User): void {',
      "  console.log('signed up', user.email);",
      '}',
      '',
    ].join('\n'),
  );
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** One module evaluated by the installed Node in the project, as the user's code would import it. */
function runInApp(source: string, type: 'module' | 'commonjs' = 'module') {
  return runCommand(process.execPath, [`--input-type=${type}`, '-e', source], app);
}

describe('the README install, as written', () => {
  test('in the clone: npm ci, then npm pack, whose prepack builds dist/ (the copy has none)', () => {
    expect(packLines).toEqual(['npm ci', 'npm pack                        # prepack builds dist/, then it writes piiguard-0.1.0.tgz']);
    // The copy stands for a clone after `npm ci`: the repository's node_modules, no dist/. npm
    // ran prepack, then printed the tarball's name.
    expect(packed.packStdout).toBe(
      `\n> ${PACKAGE.name}@${PACKAGE.version} prepack\n> ${(PACKAGE.scripts as Record<string, string>).prepack}\n\n${TARBALL_NAME}\n`,
    );
    const listed = runCommand('tar', ['-tzf', packed.tarball], packed.dir);
    expect(listed.code).toBe(0);
    const files = listed.stdout
      .trimEnd()
      .split('\n')
      .map((file) => file.replace(/^package\//, ''));
    expect([...new Set(files.map((file) => file.split('/')[0]))].sort()).toEqual([
      'README.md',
      'dist',
      'docs',
      'package.json',
      'schema.json',
    ]);
    // Every file the exports map and the bin name is in it.
    const exported = Object.values(PACKAGE.exports as Record<string, string | Record<string, string>>).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    for (const file of [...exported, ...Object.values(PACKAGE.bin as Record<string, string>)])
      expect(files, file).toContain(file.replace(/^\.\//, ''));
  });

  test('in the project: npm install of the tarball, then the bin prints the version and checks the project', () => {
    expect(installLines).toEqual([
      'npm install --save-dev ../piiguard/piiguard-0.1.0.tgz',
      'npx piiguard --version          # 0.1.0',
      'npx piiguard check',
    ]);
    const installed = runCommandLine(installLines[0]!, app);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).devDependencies).toEqual({
      piiguard: 'file:../piiguard/piiguard-0.1.0.tgz',
    });

    const version = runCommandLine(installLines[1]!, app);
    expect(version).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });

    const check = runCommandLine(installLines[2]!, app);
    expect(check).toEqual({
      code: 1,
      stdout: [
        'src/signup.ts:7:3',
        '  5 |',
        '  6 | export function signUp(user: User): void {',
        "> 7 |   console.log('signed up', user.email);",
        '    |                            ^^^^^^^^^^',
        '  8 | }',
        '  error  email reaches console raw; no allow entry approves it  piiguard/unapproved-flow',
        '         trace: src/signup.ts:3:3  email: string',
        '',
        '✖ 1 problem (1 error, 0 warnings) — no piiguard config, tsconfig.json · run `piiguard explain <rule>` for what a rule means',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});

describe('the install footprint', () => {
  test('package.json: these dependencies and optional peers, nothing else (a new one is a choice: change this test)', () => {
    expect(PACKAGE.dependencies).toEqual({
      '@babel/code-frame': '^7.29.7',
      '@noble/hashes': '^2.4.0',
      jiti: '^2.7.0',
      'jsonc-parser': '^3.3.1',
      minimatch: '^10.2.6',
      picocolors: '^1.1.1',
      typescript: '6.0.2',
      zod: '^4.6.7',
    });
    expect(PACKAGE.peerDependencies).toEqual({
      '@typescript-eslint/parser': '^8.73.0',
      '@typescript-eslint/utils': '^8.73.0',
      eslint: '^9.0.0 || ^10.0.0',
      'magic-string': '^1.4.5',
      'ts-morph': '^28.0.0',
      unplugin: '^3.7.0',
    });
    const peers = Object.keys(PACKAGE.peerDependencies as object);
    expect(PACKAGE.peerDependenciesMeta).toEqual(Object.fromEntries(peers.map((name) => [name, { optional: true }])));
    expect(PACKAGE.optionalDependencies).toBeUndefined();
    expect(PACKAGE.bundleDependencies ?? PACKAGE.bundledDependencies).toBeUndefined();
    // What the entries load through core/peer-dependencies.ts, plus ESLint, which the rules run in.
    expect(['eslint', ...ESLINT_PLUGIN_PEERS.packages, ...BUNDLER_PLUGIN_PEERS.packages, ...EDIT_COMMAND_PEERS.packages].sort()).toEqual(
      peers,
    );
    // Each optional peer is a dev dependency, so the suite has it.
    for (const name of peers) expect(Object.keys(PACKAGE.devDependencies as object), name).toContain(name);
  });

  test('npm installed piiguard and its dependencies and nothing else, in the size the README states', () => {
    const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const installed = Object.keys(lock.packages)
      .filter((key) => key !== '')
      .map((key) => key.replace(/^node_modules\//, ''));
    expect(installed.sort()).toEqual([
      '@babel/code-frame',
      '@babel/helper-validator-identifier',
      '@noble/hashes',
      'balanced-match',
      'brace-expansion',
      'jiti',
      'js-tokens',
      'jsonc-parser',
      'minimatch',
      'picocolors',
      'piiguard',
      'typescript',
      'zod',
    ]);
    const megabytes = getInstalledBytes(path.join(app, 'node_modules')) / 1e6;
    const stated = /adds (\d+) packages \(([\d.]+) MB in node_modules\)/.exec(install);
    expect(stated, 'the README states the footprint').not.toBeNull();
    expect(Number(stated![1])).toBe(installed.length);
    // Versions within the ranges move a little; a 10% change means the README is out of date.
    expect(Math.abs(megabytes - Number(stated![2])) / Number(stated![2]), `${megabytes.toFixed(1)} MB installed`).toBeLessThan(0.1);
  });
});

describe('the optional peer dependencies', () => {
  const bundlerMessage =
    'For piiguard/vite, piiguard/rollup, piiguard/webpack and piiguard/esbuild (the bundler plugins), piiguard needs unplugin and ' +
    'magic-string (optional peer dependencies that it does not install itself). Not installed: unplugin, magic-string. ' +
    'Install: npm install --save-dev unplugin magic-string';
  const eslintMessage =
    'For piiguard/eslint (the ESLint plugin), piiguard needs @typescript-eslint/parser and @typescript-eslint/utils ' +
    '(optional peer dependencies that it does not install itself). Not installed: @typescript-eslint/parser, @typescript-eslint/utils. ' +
    'Install: npm install --save-dev @typescript-eslint/parser @typescript-eslint/utils';

  test('without them, piiguard, /runtime, /proxy and /transformer load; /eslint and each bundler plugin name what to install', () => {
    const loaded = runInApp(`
      for (const entry of ['piiguard', 'piiguard/runtime', 'piiguard/proxy', 'piiguard/transformer', 'piiguard/eslint', 'piiguard/vite', 'piiguard/rollup', 'piiguard/webpack', 'piiguard/esbuild']) {
        try {
          await import(entry);
          console.log(entry + ': loaded');
        } catch (error) {
          console.log(entry + ': ' + error.name + ': ' + error.message);
        }
      }`);
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.split('\n')).toEqual([
      'piiguard: loaded',
      'piiguard/runtime: loaded',
      'piiguard/proxy: loaded',
      'piiguard/transformer: loaded',
      `piiguard/eslint: PiiguardError: ${eslintMessage}`,
      `piiguard/vite: PiiguardError: ${bundlerMessage}`,
      `piiguard/rollup: PiiguardError: ${bundlerMessage}`,
      `piiguard/webpack: PiiguardError: ${bundlerMessage}`,
      `piiguard/esbuild: PiiguardError: ${bundlerMessage}`,
      '',
    ]);
    // A CommonJS config (webpack.config.js) gets the same message from require().
    const required = runInApp(`try { require('piiguard/webpack'); } catch (error) { console.log(error.message); }`, 'commonjs');
    expect(required).toEqual({ code: 0, stdout: `${bundlerMessage}\n`, stderr: '' });
    // tag and fix make their edits with ts-morph: without it, exit 2 and what to install.
    expect(runCommand('npx', ['piiguard', 'fix'], app)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'piiguard: For piiguard tag and piiguard fix, piiguard needs ts-morph (an optional peer dependency that it does not install itself). ' +
        'Not installed: ts-morph. Install: npm install --save-dev ts-morph\n',
    });
  });

  test("with the README's lines installed, ESLint reports the flow through piiguard/eslint and piiguard/vite is a Vite plugin", () => {
    expect(peerLines).toEqual([
      'npm install --save-dev eslint @typescript-eslint/parser @typescript-eslint/utils   # piiguard/eslint',
      'npm install --save-dev unplugin magic-string   # piiguard/vite, piiguard/rollup, piiguard/webpack, piiguard/esbuild',
      'npm install --save-dev ts-morph   # piiguard tag, piiguard fix',
    ]);
    for (const line of peerLines!) {
      const installed = runCommandLine(line, app);
      expect(installed.stderr, line).toBe('');
      expect(installed.code, line).toBe(0);
    }
    // With ts-morph, fix runs: nothing approves the email in a form a wrapper gives, so it is skipped.
    const fixed = runCommand('npx', ['piiguard', 'fix'], app);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toContain('skipped (1)\n');
    expect(fixed.code).toBe(1);
    writeFileSync(
      path.join(app, 'eslint.config.js'),
      "import piiguard from 'piiguard/eslint';\nexport default [...piiguard.configs.recommended];\n",
    );
    const linted = runCommand('npx', ['eslint', 'src', '--format', 'json'], app);
    expect(linted.stderr).toBe('');
    expect(linted.code).toBe(1);
    const [report] = JSON.parse(linted.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>;
    expect(path.relative(app, report!.filePath)).toBe('src/signup.ts');
    expect(report!.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))).toEqual([
      {
        ruleId: 'piiguard/no-unapproved-pii-flow',
        line: 7,
        column: 28,
        message: 'email reaches console raw; no allow entry approves it (piiguard/unapproved-flow)',
      },
    ]);

    const plugins = runInApp(`
      const { default: vite } = await import('piiguard/vite');
      console.log(vite().name, typeof (await import('piiguard/esbuild')).default().setup);`);
    expect(plugins).toEqual({ code: 0, stdout: 'piiguard function\n', stderr: '' });
    const required = runInApp(`const webpack = require('piiguard/webpack').default; console.log(typeof webpack().apply);`, 'commonjs');
    expect(required).toEqual({ code: 0, stdout: 'function\n', stderr: '' });
  });
});
