/**
 * Consent guards run in the browser (issue 16): a Vite app with posthog-js whose config declares
 * consent and `"transform": true`, and whose capture has no consent check of its own. `vite build`
 * with `piiguard()` guards the call with `hasConsent('analytics')` from piiguard/runtime; in
 * Chromium, a click before the user accepts analytics sends nothing, a click after it sends the event.
 */
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../browser.js';
import { fixtures, freshDir } from './helpers.js';
import { runPostHogApp, waitForEvent, type SentEvent } from './posthog-page.js';

let out: string;
let browser: Browser;

beforeAll(async () => {
  const dir = freshDir('consent-browser');
  const app = path.join(dir, 'app');
  out = path.join(dir, 'dist');
  cpSync(path.join(fixtures, 'consent-browser'), app, { recursive: true });
  await build({ root: app, logLevel: 'silent', build: { outDir: out, emptyOutDir: true, minify: false } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

test('the bundle guards the capture with the runtime consent check', () => {
  const bundle = readdirSync(path.join(out, 'assets')).find((f) => f.endsWith('.js'))!;
  const code = readFileSync(path.join(out, 'assets', bundle), 'utf8');
  // (not minified, so the guard reads as written; a match, not the bundle, on failure)
  expect(/\bhasConsent\(["'`]analytics["'`]\)\s*&&\s*[\w$]+\.capture\(["'`]Plan Chosen["'`],\s*minimize\(/.test(code)).toBe(true);
});

test('nothing reaches PostHog before consent; after setConsent, the event does', async () => {
  let beforeConsent: SentEvent[] = [];
  const sent = await runPostHogApp(browser, out, async (page, events) => {
    await page.click('#choose');
    await page.waitForTimeout(500);
    beforeConsent = [...events];
    await page.click('#accept');
    await page.click('#choose');
    await waitForEvent(page, events, 'Plan Chosen');
  });
  expect(beforeConsent.filter((e) => e.event === 'Plan Chosen')).toEqual([]);
  const chosen = sent.filter((e) => e.event === 'Plan Chosen');
  expect(chosen).toHaveLength(1);
  expect(chosen[0]!.properties).toMatchObject({ plan: 'pro', click: 2 });
});
