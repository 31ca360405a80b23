/**
 * piiguard/proxy with the real posthog-js (issue 16): the SDK runs in Chromium with its `api_host`
 * pointed at the proxy (`/ingest/posthog`), the page's requests to it are handed to `proxy.handle`
 * as Web `Request`s, and what the proxy forwards to PostHog is recorded. The wire format is the
 * one the shipped SDK sends (its compression and batching), not one written by hand.
 */
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createProxy } from '../../proxy/index.js';
import { launchChromium } from '../browser.js';

const KEY = 'piiguard-proxy-server-key-0123456789';
const ps = (category: string, normalized: string) => createHmac('sha256', KEY).update(`${category}:0:${normalized}`).digest('hex');

const CONFIG = {
  events: {
    'Signup Completed': { properties: { plan: 'keep', email: 'pseudonymize:email' } },
    identify: { properties: { plan: 'keep' } },
  },
} as const;

/** The page's script: posthog-js from node_modules, sending to the proxy, one event and one identify. */
const ENTRY = `
import posthog from 'posthog-js';
posthog.init('phc_fixture_project_key', {
  api_host: 'https://app.test/ingest/posthog',
  autocapture: false, capture_pageview: false, disable_session_recording: true,
  persistence: 'memory', advanced_disable_flags: true,
});
posthog.capture('Signup Completed', { plan: 'pro', email: ' Alice@Example.com', name: 'Alice Liddell' });
posthog.identify('u_42', { plan: 'pro', email: 'alice@example.com' });
`;

interface SentEvent {
  event: string;
  properties: Record<string, unknown>;
  $set?: Record<string, unknown>;
}

/** One forwarded request: its URL, and its JSON body (an event, an array, or posthog-js's `{ batch }`). */
interface Forwarded {
  url: string;
  body: Array<SentEvent | { batch: SentEvent[] }>;
}

let browser: Browser;
let script: string;

beforeAll(async () => {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  script = result.outputFiles[0]!.text;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

test('posthog-js → the proxy → PostHog: the plan applied and identities pseudonymized with the server key', async () => {
  const forwarded: Forwarded[] = [];
  const proxy = createProxy({
    config: CONFIG,
    key: KEY,
    basePath: '/ingest',
    vendors: { posthog: { host: 'https://eu.i.posthog.com' } },
    fetch: async (url, init) => {
      const body = init.body === undefined ? [] : (JSON.parse(init.body as string) as Forwarded['body'] | Forwarded['body'][number]);
      forwarded.push({ url, body: Array.isArray(body) ? body : [body] });
      return new Response('{"status":1}', { headers: { 'content-type': 'application/json' } });
    },
  });
  // Headless Chromium says so, and posthog-js drops a bot's events.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const page = await browser.newPage({ userAgent });
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
    Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
  });
  const received: string[] = [];
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.host !== 'app.test') return route.abort();
    if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>t</title>` });
    if (url.pathname === '/app.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    received.push(url.pathname);
    const body = request.postDataBuffer();
    const response = await proxy.handle(
      new Request(url, { method: request.method(), headers: await request.allHeaders(), ...(body && { body: new Uint8Array(body) }) }),
    );
    return route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  await page.goto('https://app.test/');
  await page.addScriptTag({ url: '/app.js' });
  const events = () => forwarded.flatMap((f) => f.body.flatMap((b) => ('batch' in b ? b.batch : [b])));
  for (let i = 0; i < 100 && !['Signup Completed', '$identify'].every((e) => events().some((x) => x.event === e)); i++)
    await page.waitForTimeout(50);
  await page.close();

  expect(received.length).toBeGreaterThan(0);
  expect(received.every((p) => p.startsWith('/ingest/posthog/'))).toBe(true);
  expect(forwarded.every((f) => f.url.startsWith('https://eu.i.posthog.com/'))).toBe(true);
  const signup = events().find((e) => e.event === 'Signup Completed')!;
  expect(signup.properties).toMatchObject({ plan: 'pro', email: ps('email', 'alice@example.com') });
  expect(signup.properties).not.toHaveProperty('name');
  const identify = events().find((e) => e.event === '$identify')!;
  expect(identify.properties.distinct_id).toBe(ps('user-id', 'u_42'));
  expect(identify.$set).toEqual({ plan: 'pro' });
  const wire = JSON.stringify(forwarded);
  expect(wire).not.toContain('lice@');
  expect(wire).not.toContain('Liddell');
  expect(wire).not.toContain('u_42');
});
