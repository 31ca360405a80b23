/**
 * Package summaries (issue 12, "beyond one machine"; fixtures/monorepo): `check --summaries` run
 * in packages/shared writes packages/shared/piiguard-summary.json, and the run in packages/web
 * reads it instead of analysing shared's sources — with the same bytes of output. A summary that
 * no longer matches shared's sources, or that is not a summary at all, is ignored.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCliInProcess } from './helpers.js';
import { analyze } from '../../analyzer/analyze.js';

const repo = path.resolve(import.meta.dirname, '../..');
const monorepo = path.join(repo, 'fixtures/monorepo');
const TODAY = '2026-11-22';

let dir: string;
let summaryFile: string;
/** web's and api's JSON output with no summary anywhere: today's behaviour. */
const without: Record<string, string> = {};

beforeAll(async () => {
  const scratch = path.join(repo, 'test-artifacts');
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(path.join(scratch, 'monorepo-summaries-'));
  cpSync(monorepo, dir, { recursive: true });
  summaryFile = path.join(dir, 'packages/shared/piiguard-summary.json');
  for (const pkg of ['web', 'api']) without[pkg] = (await check(pkg, false)).stdout;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(pkg: string, summaries = true) {
  return runCliInProcess(['check', '--format', 'json', ...(summaries ? ['--summaries'] : [])], path.join(dir, 'packages', pkg));
}

function analyzeWeb() {
  return analyze({ cwd: path.join(dir, 'packages/web'), summaries: true, today: TODAY });
}

describe('check --summaries in a package', () => {
  test("shared's run writes its summary: plain data, the same bytes on every run", async () => {
    rmSync(summaryFile, { force: true });
    const first = await analyze({ cwd: path.join(dir, 'packages/shared'), summaries: true, today: TODAY });
    expect(first.packageSummaries).toEqual({ read: [], written: ['packages/shared/piiguard-summary.json'] });
    const bytes = readFileSync(summaryFile, 'utf8');
    const summary = JSON.parse(bytes);
    expect(summary.files).toEqual(['src/analytics.ts', 'src/model.ts']);
    expect(summary.sinks).toEqual({ 'src/analytics.ts': ['posthog'], 'src/model.ts': [] });
    // trackEvent(name, properties): the name is the event (argument 0) and, as an event name is
    // data too, reaches posthog.capture's argument 0; the properties reach its argument 1. Nodes
    // are named relative to the package: no absolute path.
    expect(summary.edges.map((e: { ref: { fn: unknown[]; i: number }; argIndex: number }) => [e.ref.fn[0], e.ref.i, e.argIndex])).toEqual([
      ['src/analytics.ts', 0, -1],
      ['src/analytics.ts', 0, 0],
      ['src/analytics.ts', 1, 1],
    ]);
    expect(bytes).not.toContain(dir);
    await analyze({ cwd: path.join(dir, 'packages/shared'), summaries: true, today: TODAY });
    expect(readFileSync(summaryFile, 'utf8')).toBe(bytes);
  });

  test("web's run reads shared's summary instead of its sources: the same bytes, traces included", async () => {
    expect(existsSync(summaryFile)).toBe(true);
    for (const pkg of ['web', 'api']) {
      const run = await check(pkg);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(without[pkg]);
    }
    const web = await analyzeWeb();
    expect(web.packageSummaries).toEqual({
      read: ['packages/shared/piiguard-summary.json'],
      written: ['packages/web/piiguard-summary.json'],
    });
    expect(JSON.parse(without.web).findings[0].trace).toHaveLength(2);
  });

  test("shared's files are not analysed when its summary is used: a summary that says nothing is believed", async () => {
    // The key still matches shared's sources, so web's run takes the summary's word for what
    // trackEvent does — which proves it did not look at analytics.ts itself.
    const bytes = readFileSync(summaryFile, 'utf8');
    try {
      writeFileSync(summaryFile, JSON.stringify({ ...JSON.parse(bytes), edges: [] }));
      const web = await analyzeWeb();
      expect(web.packageSummaries?.read).toEqual(['packages/shared/piiguard-summary.json']);
      expect(web.findings).toEqual([]);
    } finally {
      writeFileSync(summaryFile, bytes);
    }
  });

  test("a summary of shared's earlier sources is ignored: web's sources-based result, not the summary's", async () => {
    const bytes = readFileSync(summaryFile, 'utf8');
    const analytics = path.join(dir, 'packages/shared/src/analytics.ts');
    const source = readFileSync(analytics, 'utf8');
    try {
      // The wrapper no longer sends its properties: with the stale summary web would still report.
      writeFileSync(analytics, source.replace('posthog.capture(name, properties);', 'posthog.capture(name);'));
      const web = await analyzeWeb();
      expect(web.packageSummaries?.read).toEqual([]);
      expect(web.findings).toEqual([]);
      // And the other way: the summary says nothing but the sources send the email.
      writeFileSync(analytics, source);
      writeFileSync(summaryFile, JSON.stringify({ ...JSON.parse(bytes), key: 'stale', edges: [] }));
      expect((await analyzeWeb()).packageSummaries?.read).toEqual([]);
      expect((await check('web')).stdout).toBe(without.web);
    } finally {
      writeFileSync(analytics, source);
      writeFileSync(summaryFile, bytes);
    }
  });

  test('a corrupt or foreign summary is ignored, never a crash', async () => {
    const bytes = readFileSync(summaryFile, 'utf8');
    const data = JSON.parse(bytes);
    try {
      for (const text of [
        '{ not json',
        '[]',
        JSON.stringify({ ...data, format: 99 }),
        JSON.stringify({ ...data, edges: [{ ref: { fn: ['src/analytics.ts', 1, 2, 3] } }] }),
        JSON.stringify({
          ...data,
          edges: data.edges.map((e: { through: unknown[] }) => ({ ...e, through: ['src/analytics.ts', 0, 1, 1] })),
        }),
      ]) {
        writeFileSync(summaryFile, text);
        const run = await check('web');
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(without.web);
      }
    } finally {
      writeFileSync(summaryFile, bytes);
    }
  });
});
