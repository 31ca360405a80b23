/**
 * A new user's first build (issue 18): an app laid out as `npm create vite@latest -- --template
 * react-ts` lays it out — a solution tsconfig (`"files": []` with references to tsconfig.app.json
 * and tsconfig.node.json), React, posthog-js — with `piiguard()` added to its vite.config.ts as the
 * README says. `vite build` through Vite's JS API with the app's own config; the bundle runs in
 * Chromium with the real posthog-js, the form is filled in and submitted, and what posthog-js sends
 * over the wire is asserted. The plugin follows the references as `check` does, so the tracking
 * plan applies; before, it saw an empty program and passed the raw email through in silence.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../browser.js';
import { analyze } from '../../analyzer/analyze.js';
import { fixtures, freshDir } from './helpers.js';
import { runPostHogApp, waitForEvent, type SentEvent } from './posthog-page.js';

const EMAIL = 'alice@example.com';
const NAME = 'Alice Liddell';

let app: string;
let out: string;
let browser: Browser;
/** The events posthog-js sent, decoded from its requests. */
let sent: SentEvent[];

beforeAll(async () => {
  // Beside test-artifacts' node_modules/piiguard, as the package would be installed.
  const dir = freshDir('create-vite-react-ts');
  app = path.join(dir, 'app');
  out = path.join(dir, 'dist');
  cpSync(path.join(fixtures, 'create-vite-react-ts'), app, { recursive: true });
  await build({ root: app, logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  browser = await launchChromium();
  sent = await runApp();
});

afterAll(async () => {
  await browser?.close();
});

/** Serves the build, fills in the form, submits it and collects what reached PostHog. */
function runApp(): Promise<SentEvent[]> {
  return runPostHogApp(browser, out, async (page, events) => {
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=name]', NAME);
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=status]');
    await waitForEvent(page, events, 'Signed Up');
  });
}

describe('create-vite react-ts with posthog-js, built by vite with piiguard()', () => {
  test('the plugin follows the solution tsconfig: the payload is minimized in the bundle', () => {
    const bundle = readdirSync(path.join(out, 'assets')).find((f) => f.endsWith('.js'))!;
    expect(readFileSync(path.join(out, 'assets', bundle), 'utf8')).toMatch(/\{\s*properties:\s*\{\s*plan:\s*["'`]keep["'`]\s*\}\s*\}/);
  });

  test('PostHog receives the event with the plan applied: no email, no name', () => {
    const signup = sent.filter((e) => e.event === 'Signed Up');
    expect(signup).toHaveLength(1);
    expect(signup[0]!.properties).toMatchObject({ plan: 'pro' });
    expect(signup[0]!.properties).not.toHaveProperty('email');
    expect(signup[0]!.properties).not.toHaveProperty('name');
    const wire = JSON.stringify(sent);
    expect(wire).not.toContain(EMAIL);
    expect(wire).not.toContain(NAME);
  });

  test('check, given the same tsconfig.json, says what the build does: the email and name are dropped by the plan', async () => {
    const result = await analyze({ project: path.join(app, 'tsconfig.json'), today: '2026-11-22' });
    expect(result.findings.map((f) => [f.ruleId, f.location.file, f.location.line, f.category])).toEqual([
      ['piiguard/unplanned-property', 'src/App.tsx', 6, 'email'],
      ['piiguard/unplanned-property', 'src/App.tsx', 6, 'person-name'],
    ]);
  });

  test('a file that may call a sink but that no tsconfig includes fails the build, naming the file and the tsconfigs tried', async () => {
    writeFileSync(
      path.join(app, 'tsconfig.app.json'),
      readFileSync(path.join(app, 'tsconfig.app.json'), 'utf8').replace('"include": ["src"]', '"include": ["app"]'),
    );
    let message = '';
    try {
      await build({ root: app, logLevel: 'silent', build: { outDir: path.join(app, '../dist-outside'), emptyOutDir: true } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'src/App.tsx may call a sink, but no project piiguard loaded includes it (tried tsconfig.json, tsconfig.app.json, tsconfig.node.json',
    );
    expect(message).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  });
});
