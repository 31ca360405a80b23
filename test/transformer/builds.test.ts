/**
 * The fixture app built through every build path, then run with a recording stand-in for
 * posthog-js: what the SDK received is asserted exactly — pseudonyms computed independently with
 * node:crypto, unplanned properties dropped, the IP generalised, the time binned, nothing raw.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  buildWithEsbuild,
  buildWithRollup,
  buildWithTscApi,
  buildWithTsPatch,
  buildWithVite,
  buildWithWebpack,
  type BuildResult,
} from './builds.js';
import { RAW_VALUES, expectedTrackingPlanCalls, fixtures, freshDir, prepareRunDir, runRecorded } from './helpers.js';

const app = path.join(fixtures, 'tracking-plan-app');

const BUILDS: Array<[string, (fixture: string, outDir: string) => BuildResult | Promise<BuildResult>]> = [
  ['tsc API (program.emit with a before transformer)', (f, o) => buildWithTscApi(f, o)],
  ['ts-patch tspc (plugins: transform piiguard/transformer)', (f, o) => buildWithTsPatch(f, o)],
  ['esbuild (piiguard/esbuild)', buildWithEsbuild],
  ['Vite build (piiguard/vite)', buildWithVite],
  ['rollup (piiguard/rollup)', (f, o) => buildWithRollup(f, o)],
  ['rollup with swc (piiguard/rollup, @rollup/plugin-swc)', (f, o) => buildWithRollup(f, o, 'swc')],
  ['webpack (piiguard/webpack, ts-loader transpileOnly)', (f, o) => buildWithWebpack(f, o, 'plugin')],
  ['webpack (ts-loader getCustomTransformers)', (f, o) => buildWithWebpack(f, o, 'ts-loader-transformer')],
  [
    'webpack (ts-loader transpileOnly, getCustomTransformers without a program)',
    (f, o) => buildWithWebpack(f, o, 'ts-loader-transpile-transformer'),
  ],
];

describe('the built app sends only what the policy and the tracking plan allow', () => {
  test.each(BUILDS.map(([name, build], i) => [name, build, i] as const))('%s', async (_name, build, i) => {
    const out = path.join(freshDir(`app-${i}`), 'out');
    const result = await build(app, out);
    expect(result.message).toBe('');
    expect(result.ok).toBe(true);
    prepareRunDir(out);
    const received = runRecorded(result.entry);
    expect(received).toEqual(expectedTrackingPlanCalls());
    const text = JSON.stringify(received);
    for (const raw of RAW_VALUES) expect(text).not.toContain(raw);
  });
});
