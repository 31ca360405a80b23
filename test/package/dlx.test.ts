/**
 * The README's way to run the tarball without installing it: npx, pnpm dlx and yarn dlx (pnpm 10
 * and Yarn 4, dev dependencies here) each fetch the packed piiguard with its dependencies into a
 * temporary place and run its bin, which prints the version alone. Their caches live under
 * node_modules/.cache/piiguard-tests, so a re-run does not download again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE, REPO, TEST_CACHE, getPackedCopy, runCommand } from './tarball.js';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const install = readme.slice(readme.indexOf('\n## Install\n'), readme.indexOf('\n## ', readme.indexOf('\n## Install\n') + 1));
const dlxLines = [...install.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd().split('\n'))[2]!;

let work: string;
let app: string;

beforeAll(() => {
  const packed = getPackedCopy();
  work = mkdtempSync(path.join(tmpdir(), 'piiguard-dlx-'));
  symlinkSync(packed.dir, path.join(work, 'piiguard'), 'dir');
  app = path.join(work, 'app');
  mkdirSync(app);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The tools by path (the user's PATH here has no node_modules/.bin), with their caches in ours. */
const TOOLS: Record<string, { bin: string; env: Record<string, string> }> = {
  npx: { bin: 'npx', env: {} },
  pnpm: {
    bin: path.join(REPO, 'node_modules/.bin/pnpm'),
    env: { npm_config_store_dir: path.join(TEST_CACHE, 'pnpm/store'), npm_config_cache_dir: path.join(TEST_CACHE, 'pnpm/cache') },
  },
  yarn: {
    bin: path.join(REPO, 'node_modules/.bin/yarn'),
    env: {
      YARN_GLOBAL_FOLDER: path.join(TEST_CACHE, 'yarn/global'),
      YARN_CACHE_FOLDER: path.join(TEST_CACHE, 'yarn/cache'),
      YARN_ENABLE_TELEMETRY: '0',
    },
  },
};

describe('the tarball run without an install, as the README writes it', () => {
  test('the README has one line per tool', () => {
    expect(dlxLines.map((line) => line.split(/\s+/)[0])).toEqual(['npx', 'pnpm', 'yarn']);
  });

  test.each(dlxLines.map((line) => [line.split(/\s+/)[0]!, line]))(
    '%s',
    (tool, line) => {
      const [, ...args] = line
        .replace(/\s+#.*$/, '')
        .replaceAll('$PWD', app)
        .trim()
        .split(/\s+/);
      const result = runCommand(TOOLS[tool]!.bin, args, app, TOOLS[tool]!.env);
      expect(result.stdout, result.stderr).toBe(`${PACKAGE.version}\n`);
      expect(result.code).toBe(0);
    },
    180_000,
  );
});
