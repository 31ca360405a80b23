/**
 * Runs a built web app in Chromium with the real posthog-js and collects what posthog-js sends:
 * the build's files are served at https://app.test/, PostHog's capture endpoint is recorded, and
 * every other request is refused (no network, ever: remote config, flags and toolbar stay unreached).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export interface SentEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** Opens the app built into `out`, runs `act` on the page, and returns the events PostHog received. */
export async function runPostHogApp(
  browser: Browser,
  out: string,
  act: (page: Page, sent: SentEvent[]) => Promise<void>,
): Promise<SentEvent[]> {
  // Headless Chromium says so (its user agent, navigator.webdriver, its brand), and posthog-js drops a bot's events.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const page = await browser.newPage({ userAgent });
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
    Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
  });
  const events: SentEvent[] = [];
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
    return route.abort();
  });
  await page.goto('https://app.test/');
  await act(page, events);
  await page.close();
  return events;
}

/** Waits (up to 5 s) until PostHog has received an event named `name`. */
export async function waitForEvent(page: Page, sent: readonly SentEvent[], name: string): Promise<void> {
  for (let i = 0; i < 100 && !sent.some((e) => e.event === name); i++) await page.waitForTimeout(50);
}

/** The body of a posthog-js request: JSON, gzip (`compression=gzip-js`) or base64 (`data=`). */
function decodeEvents(body: Buffer, url: URL): SentEvent[] {
  let text = url.searchParams.get('compression') === 'gzip-js' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
  if (text.startsWith('data=')) text = Buffer.from(decodeURIComponent(text.slice(5)), 'base64').toString('utf8');
  const parsed = JSON.parse(text) as { batch?: SentEvent[] } | SentEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.batch ?? [parsed as unknown as SentEvent]);
}
