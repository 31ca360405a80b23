// piiguard/runtime in a real browser: bundled for the browser by esbuild (which fails on any
// Node built-in), run in headless Chromium, and compared with Node — the same key must give the
// same pseudonyms on every device and on the server (SPEC §11).
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as runtime from '../../runtime/index.js';
import { runScenario } from './browser-scenario.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'piiguard-browser-key-0123456789';
const NOW = Date.UTC(2024, 4, 17, 10, 20, 30);

type Runtime = typeof runtime;
type PageGlobals = { piiguardRuntime: Runtime; piiguardScenario: typeof runScenario };

let browser: Browser;
let page: Page;
let runtimeBundle: string;
let runtimeInputs: string[];
let pageBundle: string;

const BROWSER_BUILD = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  write: false,
  platform: 'browser',
  logLevel: 'silent',
} as const;

async function openRuntimePage(): Promise<Page> {
  const opened = await browser.newPage();
  await opened.route('**/*', (route) => route.abort()); // no network, ever
  await opened.setContent('<!doctype html><html><head><title>piiguard runtime</title></head><body></body></html>');
  await opened.addScriptTag({ content: pageBundle, type: 'module' });
  await opened.waitForFunction(() => 'piiguardRuntime' in globalThis && 'piiguardScenario' in globalThis);
  return opened;
}

beforeAll(async () => {
  // What users ship: the runtime entry alone.
  const runtimeBuild = await build({ ...BROWSER_BUILD, entryPoints: ['runtime/index.ts'], metafile: true });
  runtimeBundle = runtimeBuild.outputFiles[0]!.text;
  runtimeInputs = Object.keys(runtimeBuild.metafile.inputs);
  // What the page runs: the runtime plus the shared scenario, exposed on globalThis.
  const pageBuild = await build({
    ...BROWSER_BUILD,
    stdin: {
      contents: [
        "import * as runtime from './runtime/index.ts';",
        "import { runScenario } from './test/runtime/browser-scenario.ts';",
        'Object.assign(globalThis, { piiguardRuntime: runtime, piiguardScenario: runScenario });',
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'browser-entry.ts',
      loader: 'ts',
    },
  });
  pageBundle = pageBuild.outputFiles[0]!.text;

  browser = await launchChromium();
  page = await openRuntimePage();
});

afterAll(async () => {
  await browser?.close();
});

describe('piiguard/runtime in Chromium', () => {
  it('bundles for the browser from runtime/ and @noble/hashes alone, with no Node API', () => {
    expect(runtimeInputs).toContain('runtime/index.ts');
    for (const input of runtimeInputs) {
      expect(input, input).toMatch(/^(runtime\/[\w-]+\.ts|node_modules\/@noble\/hashes\/[\w-]+\.js)$/);
    }
    expect(runtimeBundle).not.toMatch(/\bnode:|\bBuffer\b|\brequire\(|\bprocess\./);
  });

  it('computes the same results as Node, pseudonyms included', async () => {
    const inBrowser = await page.evaluate(
      ([key, now]) => {
        const { piiguardRuntime, piiguardScenario } = globalThis as unknown as PageGlobals;
        return piiguardScenario(piiguardRuntime, key, now);
      },
      [KEY, NOW] as const,
    );
    const inNode = runScenario(runtime, KEY, NOW);
    expect(inBrowser).toStrictEqual(inNode);
    expect(inBrowser.noise).toStrictEqual({ finite: true, distinct: true, responses: 2 });
  });

  it('gives the pseudonym a server computes with createHmac', async () => {
    const inBrowser = await page.evaluate(
      ([key, now]) => {
        const r = (globalThis as unknown as PageGlobals).piiguardRuntime;
        r.configure({ key, rotation: 'monthly' });
        return r.pseudonymize(' Ada.Lovelace@Example.COM', 'email', { now });
      },
      [KEY, NOW] as const,
    );
    const month = (2024 - 1970) * 12 + 4;
    expect(inBrowser).toBe(createHmac('sha256', KEY).update(`email:${month}:ada.lovelace@example.com`).digest('hex'));
  });

  it('refuses to pseudonymize before configure in a fresh page', async () => {
    const fresh = await openRuntimePage();
    try {
      const message = await fresh.evaluate(() => {
        try {
          (globalThis as unknown as PageGlobals).piiguardRuntime.pseudonymize('a@b.example', 'email');
          return 'no error';
        } catch (error) {
          return (error as Error).message;
        }
      });
      expect(message).toMatch(/no key is configured/);
    } finally {
      await fresh.close();
    }
  });
});
