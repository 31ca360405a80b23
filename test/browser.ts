/**
 * Headless Chromium for the browser tests (the html report, piiguard/runtime in a page): the
 * binary that test/setup/chromium.ts found, started with no network traffic of its own (this
 * machine's network is closed, and a test must not phone anywhere).
 */
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

export function launchChromium(): Promise<Browser> {
  const { executablePath, env } = inject('chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    env: { ...process.env, ...env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
