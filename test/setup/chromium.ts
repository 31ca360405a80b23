/**
 * Vitest global setup: the Chromium that the browser tests drive, found once per run.
 *
 * `npm ci` brings it: `@sparticuz/chromium` ships a brotli-packed Chromium inside the npm package
 * (no system browser, no root, no download at test time). It is unpacked once into
 * `node_modules/.cache/piiguard-chromium/<version>/` — a directory of its own, since the package
 * otherwise unpacks into the shared `/tmp` and reuses whatever `chromium` it finds there, of any
 * version. `PIIGUARD_TEST_CHROMIUM=/path/to/chromium` uses another Chromium instead (a system one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export interface TestChromium {
  executablePath: string;
  /** Environment for the browser process (fonts shipped with the package). */
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: TestChromium;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function unpackPackagedChromium(): TestChromium {
  const packageDir = path.join(ROOT, 'node_modules/@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(ROOT, 'node_modules/.cache/piiguard-chromium', version);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    mkdirSync(dir, { recursive: true });
    // In a child process: the package reads os.tmpdir() (TMPDIR) for where to unpack, and sets
    // environment variables of the process that imports it.
    const printed = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const { default: c } = await import('@sparticuz/chromium'); console.log(await c.executablePath());"],
      { cwd: ROOT, env: { ...process.env, TMPDIR: dir }, encoding: 'utf8' },
    ).trim();
    if (printed !== executablePath) throw new Error(`@sparticuz/chromium unpacked to ${printed}, expected ${executablePath}`);
  }
  return { executablePath, env: { FONTCONFIG_PATH: writeFontConfig(dir) } };
}

/**
 * The package's own fonts.conf names `/tmp/fonts`, where it unpacks its fonts by default; ours
 * are under `dir`. Without any font, Chromium's renderer crashes on the first `<select>`, so the
 * config must point at the fonts that were unpacked here (and keep its cache here too).
 */
function writeFontConfig(dir: string): string {
  const configDir = path.join(dir, 'fontconfig');
  const config = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>`,
    `  <cachedir>${path.join(configDir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, 'fonts.conf'), config);
  return configDir;
}

export default function setup(project: TestProject): void {
  const chosen = process.env.PIIGUARD_TEST_CHROMIUM;
  project.provide('chromium', chosen ? { executablePath: chosen, env: {} } : unpackPackagedChromium());
}
