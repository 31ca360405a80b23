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
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../browser.js';
import { analyze } from '../../analyzer/analyze.js';
import { fixtures, freshDir } from './helpers.js';

const EMAIL = 'alice@example.com';
const NAME = 'Alice Liddell';

let app: string;
let out: string;
let browser: Browser;
/** The events posthog-js sent, decoded from its requests. */
let sent: Array<{ event: string; properties: Record<string, unknown> }>;

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

/** Serves the build at https://app.test/, fills in the form, submits it and collects what reached PostHog. */
async function runApp(): Promise<typeof sent> {
  // Headless Chromium says so (its user agent, navigator.webdriver, its brand), and posthog-js drops a bot's events.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const page = await browser.newPage({ userAgent });
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
    Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
  });
  const events: typeof sent = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.host === 'app.test') {
      const file = path.join(out, url.pathname === '/' ? 'index.html' : url.pathname);
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    }
    if (url.host === 'eu.i.posthog.com' && /^\/(?:i\/v0\/)?e\/?$/.test(url.pathname)) {
      events.push(...decodeEvents(route.request().postDataBuffer()!, url));
      return route.fulfill({ status: 200, contentType: 'application/json', body: '{"status":1}' });
    }
    return route.abort(); // no network, ever: remote config, flags and toolbar stay unreached
  });
  await page.goto('https://app.test/');
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=name]', NAME);
  await page.click('button[type=submit]');
  await page.waitForSelector('[role=status]');
  for (let i = 0; i < 100 && !events.some((e) => e.event === 'Signed Up'); i++) await page.waitForTimeout(50);
  await page.close();
  return events;
}

/** The body of a posthog-js request: JSON, gzip (`compression=gzip-js`) or base64 (`data=`). */
function decodeEvents(body: Buffer, url: URL): typeof sent {
  let text = url.searchParams.get('compression') === 'gzip-js' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
  if (text.startsWith('data=')) text = Buffer.from(decodeURIComponent(text.slice(5)), 'base64').toString('utf8');
  const parsed = JSON.parse(text) as { batch?: typeof sent } | typeof sent;
  return Array.isArray(parsed) ? parsed : (parsed.batch ?? [parsed as unknown as (typeof sent)[number]]);
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
