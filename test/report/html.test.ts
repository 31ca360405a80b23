/**
 * `piiguard report` (html) opened in headless Chromium, as a privacy reviewer opens it: the page
 * for fixtures/demo is written to test-artifacts/report.html and loaded from the file with every
 * network request refused and recorded. The diagram and the tables must render with the counts of
 * the inventory, the filter must work (typed, from the status menu, and from a click in the
 * diagram), the code links must point at the files, and the page must ask for nothing. A
 * screenshot is saved as test-artifacts/report.png (gitignored) for a person to look at.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { makeIo } from '../cli/helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const demo = path.join(repo, 'fixtures/demo');
const artifacts = path.join(repo, 'test-artifacts');
const htmlFile = path.join(artifacts, 'report.html');
export const SCREENSHOT = path.join(artifacts, 'report.png');

let browser: Browser;
let page: Page;
let html: string;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  const io = makeIo({ cwd: demo });
  expect(await runCli(['report'], io, { today: '2026-11-22' })).toBe(0);
  expect(io.err()).toBe('');
  html = io.out();
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(htmlFile, html);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(htmlFile).href;
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () => page.locator('#flow-table tbody tr:visible');
const shown = () => page.locator('#shown').textContent();

describe('the html report in Chromium', () => {
  test('the header counts the inventory: 14 flows of 9 categories to 3 vendors, 5 approved, 9 unapproved', async () => {
    const stats = await page
      .locator('.stats li')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-stat'), li.querySelector('b')!.textContent]));
    expect(stats).toEqual([
      ['flows', '14'],
      ['categories', '9'],
      ['vendors', '3'],
      ['approved', '5'],
      ['unapproved', '9'],
      ['untagged', '0'],
    ]);
  });

  test('the diagram renders categories → forms → vendors, each node counting its calls', async () => {
    const diagram = page.locator('#flow-diagram');
    await expect.poll(() => diagram.isVisible()).toBe(true);
    const box = (await diagram.boundingBox())!;
    expect(box.width).toBeGreaterThan(600);
    expect(box.height).toBeGreaterThan(200);
    const nodes = async (kind: string) =>
      Object.fromEntries(
        await page
          .locator(`#flow-diagram .node.${kind}`)
          .evaluateAll((els) => els.map((el) => [el.getAttribute('data-name'), Number(el.getAttribute('data-count'))])),
      ) as Record<string, number>;
    expect(await nodes('sink')).toEqual({ posthog: 9, sentry: 3, logger: 2 });
    expect(await nodes('form')).toEqual({ raw: 8, pseudonymized: 3, generalized: 2, hashed: 1 });
    const categories = await nodes('category');
    expect(Object.keys(categories).sort()).toEqual([
      'credential',
      'date-of-birth',
      'email',
      'free-text',
      'gender',
      'ip-address',
      'phone',
      'postal-code',
      'user-id',
    ]);
    expect(categories['user-id']).toBe(4); // 3 to posthog, 1 to sentry
    expect(Object.values(categories).reduce((a, b) => a + b, 0)).toBe(14);
    // Every band is drawn with a visible width, red where a flow is unapproved.
    const bands = await page
      .locator('#flow-diagram path.band')
      .evaluateAll((els) => els.map((el) => ({ status: el.classList[1], width: el.getBoundingClientRect().width })));
    expect(bands.length).toBeGreaterThanOrEqual(9 + 3);
    expect(bands.every((band) => band.width > 0)).toBe(true);
    expect(
      await page
        .locator('#flow-diagram path.band.unapproved')
        .first()
        .evaluate((el) => getComputedStyle(el).stroke),
    ).toBe('rgb(207, 34, 46)');
  });

  test('the vendor table: purpose, categories, forms and counts per vendor', async () => {
    const rows = await page
      .locator('#vendor-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['logger', 'logging', 'credential, phone', 'raw', '—', '2', '2', '0'],
      [
        'posthog',
        'analytics',
        'date-of-birth, email, gender, postal-code, user-id',
        'generalized, hashed, pseudonymized, raw',
        'Checkout Completed, Profile Completed, Profile Opened, Signed Up',
        '9',
        '6',
        '0',
      ],
      ['sentry', 'diagnostics', 'free-text, ip-address, user-id', 'generalized, raw', '—', '3', '1', '0'],
    ]);
  });

  test('the flow table lists every row, with the approving entry (reason, owner, expiry) or the rule', async () => {
    expect(await visibleRows().count()).toBe(14);
    expect(await shown()).toBe('14 of 14 rows');
    const expired = page.locator('#flow-table tbody tr', { hasText: 'piiguard/expired-approval' });
    expect(await expired.count()).toBe(1);
    expect(await expired.locator('td').nth(5).innerText()).toBe(
      'piiguard/expired-approval\nallow[3] Regional revenue dashboards (3-character prefix)\nowner finance · expired 2024-06-30',
    );
    expect(await expired.locator('a.loc').getAttribute('href')).toBe('src/screens/checkout.ts');
  });

  test('saves a screenshot of the whole page', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test('filtering by text and key:value terms, and by status', async () => {
    await page.fill('#filter', 'category:email');
    expect(await visibleRows().count()).toBe(2);
    expect(await shown()).toBe('2 of 14 rows');
    await page.fill('#filter', 'category:email form:hashed');
    expect(await visibleRows().locator('td:nth-child(6)').allInnerTexts()).toEqual(['piiguard/weak-hash']);
    await page.fill('#filter', 'growth');
    expect(await visibleRows().count()).toBe(3);
    await page.fill('#filter', 'nothing-matches-this');
    expect(await visibleRows().count()).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.fill('#filter', '');
    await page.selectOption('#status', 'approved');
    expect(await visibleRows().count()).toBe(5);
    await page.click('#clear');
    expect(await visibleRows().count()).toBe(14);
  });

  test('a vendor node in the diagram links to its flows, and they link to the code', async () => {
    await page.locator('#flow-diagram .node.sink[data-name="sentry"]').click();
    await expect.poll(() => page.locator('#filter').inputValue()).toBe('sink:sentry');
    expect(await visibleRows().count()).toBe(3);
    expect(await shown()).toBe('3 of 14 rows');
    expect(
      await visibleRows()
        .locator('a.loc')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['src/screens/support.ts', 'src/observability/errors.ts', 'src/observability/errors.ts']);
    // A band from a category to a form filters on both ends.
    await page.locator('#flow-diagram path.band[data-from="category:email"][data-to="form:raw"]').click({ force: true });
    await expect.poll(() => page.locator('#filter').inputValue()).toBe('category:email form:raw');
    expect(await visibleRows().count()).toBe(1);
    await page.click('#clear');
  });

  test('the page is self-contained: no request leaves it, no script or CSP error', async () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?https?:/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe('with "transform": true, in Chromium', () => {
  let transformPage: Page;
  beforeAll(async () => {
    // A copy of the tracking-plan app, without the build marker a build of the fixture itself left there.
    const source = path.join(repo, 'fixtures/transformer/tracking-plan-app');
    const dir = path.join(artifacts, 'report-transform-app');
    rmSync(dir, { recursive: true, force: true });
    cpSync(source, dir, { recursive: true, filter: (file) => !path.relative(source, file).startsWith('node_modules') });
    const io = makeIo({ cwd: dir });
    expect(await runCli(['report'], io, { today: '2026-11-22' })).toBe(0);
    const file = path.join(artifacts, 'report-transform.html');
    writeFileSync(file, io.out());
    transformPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await transformPage.goto(pathToFileURL(file).href);
  });

  test('the form that leaves the app: a column, the diagram, and "dropped by the plan" apart from unapproved', async () => {
    const rows = transformPage.locator('#flow-table tbody tr:visible');
    expect(await rows.count()).toBe(7);
    expect(await transformPage.locator('.stats li[data-stat="dropped"] b').textContent()).toBe('3');
    expect(
      await transformPage
        .locator('#flow-diagram .node.form')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('data-name'), Number(el.getAttribute('data-count'))])),
    ).toEqual([
      ['pseudonymized', 4],
      ['dropped', 3],
      ['binned', 1],
      ['generalized', 1],
    ]);
    await transformPage.selectOption('#status', 'dropped');
    expect(await rows.locator('td.leaves').allInnerTexts()).toEqual(['dropped', 'dropped']);
    await transformPage.selectOption('#status', '');
    // The diagram's middle column filters on the form that leaves the app.
    await transformPage.locator('#flow-diagram .node.form[data-name="dropped"]').click();
    await expect.poll(() => transformPage.locator('#filter').inputValue()).toBe('leaves:dropped');
    expect(await rows.locator('td:nth-child(3)').allInnerTexts()).toEqual(['email', 'phone']);
    expect(await transformPage.locator('#build').getAttribute('data-build')).toBe('config');
  });
});
