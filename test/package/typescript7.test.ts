/**
 * TypeScript 7 projects, from a clean install of the packed piiguard (npm, the registry): with
 * `typescript@7` at the top level, `eslint` stops with piiguard's one message (the TypeScript it
 * found, where, and the fix) instead of typescript-eslint's crash inside ts-api-utils; with the
 * README's recipe (the top-level `typescript` aliased to TypeScript 6's compatibility package,
 * TypeScript 7 kept as `typescript7`), the app's own tsc is 7 and ESLint reports piiguard's flow.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getPackedCopy, runCommand, type PackedCopy } from './tarball.js';

let packed: PackedCopy;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  packed = getPackedCopy();
}, 300_000);

/** A fresh app with these devDependencies besides piiguard and ESLint, installed by npm. */
function createApp(devDependencies: Record<string, string>, installFlags: string[] = []): string {
  const app = mkdtempSync(path.join(tmpdir(), 'piiguard-ts7-'));
  dirs.push(app);
  mkdirSync(path.join(app, 'src'));
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'app',
      private: true,
      type: 'module',
      devDependencies: {
        eslint: '^10.0.0',
        '@typescript-eslint/parser': '^8.0.0',
        '@typescript-eslint/utils': '^8.0.0',
        piiguard: `file:${packed.tarball}`,
        ...devDependencies,
      },
    }),
  );
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', noEmit: true, types: [] },
      include: ['src'],
    }),
  );
  writeFileSync(
    path.join(app, 'eslint.config.js'),
    "import piiguard from 'piiguard/eslint';\n\nexport default [piiguard.configs.recommended];\n",
  );
  writeFileSync(
    path.join(app, 'src/signup.ts'),
    "import type { Email } from 'piiguard';\n\nexport function signUp(email: Email): void {\n  console.log('signed up', email);\n}\n",
  );
  const installed = runCommand('npm', ['install', '--no-audit', '--no-fund', ...installFlags], app);
  expect(installed.code, installed.stderr).toBe(0);
  return app;
}

function eslint(app: string) {
  return runCommand(process.execPath, [path.join(app, 'node_modules/eslint/bin/eslint.js'), 'src'], app);
}

test('typescript@7 at the top level: one message naming TypeScript 7.0.2, where it is, and the fix', () => {
  // npm refuses typescript-eslint's peer range (<6.1) beside TypeScript 7 (ERESOLVE); pnpm and Yarn
  // only warn, and npm with --legacy-peer-deps installs it: then ESLint would crash inside ts-api-utils.
  const app = createApp({ typescript: '7.0.2' }, ['--legacy-peer-deps']);
  const linted = eslint(app);
  expect(linted.code).toBe(2);
  expect(linted.stderr).toContain(
    `piiguard/eslint: typed linting cannot run on TypeScript 7.0.2 (${path.join(app, 'node_modules/typescript')})`,
  );
  expect(linted.stderr).toContain(`TypeScript 7, the native compiler, has no JavaScript compiler API`);
  expect(linted.stderr).toContain('npm install -D typescript@npm:@typescript/typescript6@6.0.2 typescript7@npm:typescript@7.0.2');
  // typescript-eslint never got to load: no TypeError from ts-api-utils.
  expect(linted.stderr).not.toMatch(/TypeError: Cannot read properties/);
}, 300_000);

test("the README's recipe: tsc is TypeScript 7, and ESLint reports piiguard's flow on TypeScript 6", () => {
  const app = createApp({ typescript: 'npm:@typescript/typescript6@6.0.2', typescript7: 'npm:typescript@7.0.2' });
  const tsc = runCommand(process.execPath, [path.join(app, 'node_modules/typescript7/bin/tsc'), '--version'], app);
  expect(tsc.stdout).toBe('Version 7.0.2\n');
  expect(runCommand(process.execPath, [path.join(app, 'node_modules/typescript7/bin/tsc'), '-p', '.'], app).code).toBe(0);
  const linted = eslint(app);
  expect(linted.stderr).toBe('');
  expect(linted.stdout).toContain(
    '4:28  error  email reaches console raw; no allow entry approves it (piiguard/unapproved-flow)  piiguard/no-unapproved-pii-flow',
  );
  expect(linted.code).toBe(1);
}, 300_000);
