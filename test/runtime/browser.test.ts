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
import { noiseStatistics, runScenario } from './browser-scenario.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'piiguard-browser-key-0123456789';
const NOW = Date.UTC(2024, 4, 17, 10, 20, 30);

type Runtime = typeof runtime;
type PageGlobals = { piiguardRuntime: Runtime; piiguardScenario: typeof runScenario; piiguardNoise: typeof noiseStatistics };

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
  await opened.waitForFunction(() => 'piiguardRuntime' in globalThis && 'piiguardNoise' in globalThis);
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
        "import { noiseStatistics, runScenario } from './test/runtime/browser-scenario.ts';",
        'Object.assign(globalThis, { piiguardRuntime: runtime, piiguardScenario: runScenario, piiguardNoise: noiseStatistics });',
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
    expect(inBrowser.noise).toStrictEqual({ integers: true, spread: true, responses: 2 });
    expect(inBrowser.consent).toStrictEqual([true, false, false, false, false]);
    expect(inBrowser.budget).toStrictEqual([true, false, 1]);
  });

  it('samples exact noise in Chromium: distribution, mean and variance within six standard errors', async () => {
    // The checks of test/runtime/noise.test.ts on draws made in the page, through Web Crypto's
    // getRandomValues (each fails a correct sampler with probability 2·10⁻⁹).
    const DRAWS = 50_000;
    const parameters = { value: 3.3, sensitivity: 1, epsilon: Math.log(3), granularity: 0.1, rounded: 33 };
    const stats = await page.evaluate(
      ([draws, parameters]) => {
        const { piiguardRuntime, piiguardNoise } = globalThis as unknown as PageGlobals;
        return piiguardNoise(piiguardRuntime, draws, parameters);
      },
      [DRAWS, parameters] as const,
    );
    const p = Math.exp(-parameters.epsilon / 10); // ⌈1 / 0.1⌉ = 10 steps
    const pmf = (k: number) => ((1 - p) / (1 + p)) * p ** Math.abs(k);
    const variance = (2 * p) / (1 - p) ** 2;
    let fourth = 0;
    for (let k = 1; k < 2000; k++) fourth += 2 * pmf(k) * k ** 4;
    const within = (observed: number, expected: number, standardError: number) => Math.abs(observed - expected) < 6 * standardError;
    expect(stats.offLattice).toBe(0);
    stats.counts.forEach((count, index) => {
      const expected = pmf(index - 4);
      expect(within(count / DRAWS, expected, Math.sqrt((expected * (1 - expected)) / DRAWS)), `P(noise = ${index - 4})`).toBe(true);
    });
    const mean = stats.sum / DRAWS;
    expect(within(mean, 0, Math.sqrt(variance / DRAWS)), `mean ${mean}`).toBe(true);
    const sampleVariance = stats.sumSquares / DRAWS - mean * mean;
    expect(within(sampleVariance, variance, Math.sqrt((fourth - variance ** 2) / DRAWS)), `variance ${sampleVariance}`).toBe(true);
    const truthful = 1 / (1 + Math.exp(-parameters.epsilon)); // 3/4
    expect(within(stats.truthful / DRAWS, truthful, Math.sqrt((truthful * (1 - truthful)) / DRAWS)), `truthful ${stats.truthful}`).toBe(
      true,
    );
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
